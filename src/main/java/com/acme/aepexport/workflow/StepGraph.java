package com.acme.aepexport.workflow;

import java.util.Comparator;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.stereotype.Component;

import com.acme.aepexport.export.StepName;

/**
 * The step beans, one per row of the {@link StepTable}, and what the runner asks of them:
 * which are ready to start. Every step needs only steps listed before it in
 * {@link StepName}, so the table order is always a valid order and the graph has no
 * cycle; the table refuses anything else.
 */
@Component
class StepGraph {

	private final List<Step> steps;

	private final Map<StepName, Step> byName;

	StepGraph(List<Step> steps) {
		this.steps = steps.stream().sorted(Comparator.comparing(Step::name)).toList();
		this.byName = new EnumMap<>(StepName.class);
		this.steps.forEach((step) -> this.byName.put(step.name(), step));
		if (this.byName.size() != this.steps.size() || !this.byName.keySet().equals(EnumSet.allOf(StepName.class))) {
			throw new IllegalStateException("Every step needs exactly one class; found "
					+ this.steps.stream().map((step) -> step.name() + "=" + step.getClass().getSimpleName()).toList());
		}
		for (StepTable.Row row : StepTable.ROWS) {
			if ((row.kind() == StepTable.Kind.CREATE) != (this.byName.get(row.step()) instanceof Step.Creates)) {
				throw new IllegalStateException(
						row.step() + " is a " + row.kind() + " step in the table, and its class "
								+ this.byName.get(row.step()).getClass().getSimpleName() + " says otherwise");
			}
		}
	}

	List<Step> steps() {
		return this.steps;
	}

	/** The class of a step that makes an entity of its own. */
	Step.Creates creates(StepName name) {
		return (Step.Creates) this.byName.get(name);
	}

	/** The steps not yet started whose needs are all done. */
	List<Step> ready(Set<StepName> done, Set<StepName> started) {
		return this.steps.stream()
			.filter((step) -> !started.contains(step.name()) && !done.contains(step.name()))
			.filter((step) -> done.containsAll(StepTable.needs(step.name())))
			.toList();
	}

}
