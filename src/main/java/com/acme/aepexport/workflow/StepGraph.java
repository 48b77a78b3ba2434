package com.acme.aepexport.workflow;

import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.stereotype.Component;

import com.acme.aepexport.export.StepName;

/**
 * The steps of an export and what each needs (SPEC.md §2), in one place:
 *
 * <pre>
 * CONNECTION_SPEC ─┬─ BASE_CONNECTION ── TARGET_CONNECTION ─┐
 *                  │                      SOURCE_CONNECTION ─┴─ DATAFLOW ── AUDIENCES ─┐
 *                  └─ OUTPUT_SCHEMA ─┐                                                 │
 * PROFILE_SCHEMA ──── INPUT_SCHEMA ──┴─ MAPPING_SET ───────────────────────────────────┴─ ATTACH_MAPPING
 *                                                         ── MANDATORY_FIELDS ── DEDUPLICATION_KEYS
 * </pre>
 *
 * Every step needs only steps listed before it in {@link StepName}, so the table order is
 * always a valid order and the graph has no cycle; the constructor refuses anything else.
 */
@Component
class StepGraph {

	private final List<Step> steps;

	StepGraph(List<Step> steps) {
		this.steps = steps.stream().sorted(Comparator.comparing(Step::name)).toList();
		Set<StepName> declared = this.steps.stream().map(Step::name).collect(Collectors.toSet());
		if (declared.size() != this.steps.size() || !declared.containsAll(EnumSet.allOf(StepName.class))) {
			throw new IllegalStateException("Every step needs exactly one class; found "
					+ this.steps.stream().map((step) -> step.name() + "=" + step.getClass().getSimpleName()).toList());
		}
		for (Step step : this.steps) {
			for (StepName need : step.needs()) {
				if (need.compareTo(step.name()) >= 0) {
					throw new IllegalStateException(step.name() + " needs " + need + ", which comes after it");
				}
			}
		}
	}

	List<Step> steps() {
		return this.steps;
	}

	/** The steps not yet started whose needs are all done. */
	List<Step> ready(Set<StepName> done, Set<StepName> started) {
		return this.steps.stream()
			.filter((step) -> !started.contains(step.name()) && !done.contains(step.name()))
			.filter((step) -> done.containsAll(step.needs()))
			.toList();
	}

}
