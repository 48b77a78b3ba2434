package com.acme.aepexport.workflow;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What each step needs, read from the table of steps ({@link ExportSteps}) as
 * {@link StepGraphTest} reads it, for tests outside this package (the benchmark's
 * critical path).
 */
public final class StepNeeds {

	private StepNeeds() {
	}

	/**
	 * Step name to the names of the steps it needs, in table order (each after its
	 * needs).
	 */
	public static Map<String, Set<String>> table() {
		Map<String, Set<String>> needs = new LinkedHashMap<>();
		for (Step step : new ExportSteps(null, null, null, null, null, null).table()) {
			needs.put(step.name().name(), step.needs().stream().map(Enum::name).collect(Collectors.toSet()));
		}
		return needs;
	}

}
