package com.acme.aepexport.workflow;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

import com.acme.aepexport.export.ExportSpec;
import com.acme.aepexport.export.StepName;

/**
 * The table of steps ({@link ExportSteps}) as a graph, and all that is derived from it:
 * which steps are ready to start, the chain of dataflow changes, the order a teardown
 * deletes in, and README's diagram. Every step needs only steps listed before it in
 * {@link StepName}, so the table order is always a valid order and the graph has no
 * cycle; the constructor refuses anything else.
 */
@Component
class StepGraph {

	private final List<Step> steps;

	private final Map<StepName, Step> byName = new EnumMap<>(StepName.class);

	/** The longest chain of steps from each step to the end, itself included. */
	private final Map<StepName, Integer> chainToEnd = new EnumMap<>(StepName.class);

	@Autowired
	StepGraph(ExportSteps table) {
		this(table.table());
	}

	StepGraph(List<Step> steps) {
		this.steps = steps.stream().sorted(Comparator.comparing(Step::name)).toList();
		this.steps.forEach((step) -> this.byName.put(step.name(), step));
		if (this.byName.size() != this.steps.size() || !this.byName.keySet().equals(EnumSet.allOf(StepName.class))) {
			throw new IllegalStateException(
					"The table needs exactly one row per step; found " + this.steps.stream().map(Step::name).toList());
		}
		for (Step step : this.steps) {
			for (StepName need : step.needs()) {
				if (need.compareTo(step.name()) >= 0) {
					throw new IllegalStateException(step.name() + " needs " + need + ", which comes after it");
				}
			}
		}
		// From the last step back: what needs a step comes after it.
		for (Step step : this.steps.reversed()) {
			int after = this.steps.stream()
				.filter((other) -> other.needs().contains(step.name()))
				.mapToInt((other) -> this.chainToEnd.get(other.name()))
				.max()
				.orElse(0);
			this.chainToEnd.put(step.name(), after + 1);
		}
	}

	List<Step> steps() {
		return this.steps;
	}

	Step step(StepName name) {
		return this.byName.get(name);
	}

	/**
	 * The steps not yet started whose needs are all done, those on the longest chain to
	 * the end first: they are the ones the export waits for, so they get Adobe's room
	 * first when it is short.
	 */
	List<Step> ready(Set<StepName> done, Set<StepName> started) {
		return this.steps.stream()
			.filter((step) -> !started.contains(step.name()) && !done.contains(step.name()))
			.filter((step) -> done.containsAll(step.needs()))
			.sorted(Comparator.comparing((Step step) -> this.chainToEnd.get(step.name())).reversed())
			.toList();
	}

	/**
	 * The steps to start now, in the order to start them: those {@link #ready} gives, but
	 * a step the spec does not need is marked started and done at once (and told to
	 * {@code skipped}), and what it held back is started too. Adds what it returns to
	 * {@code started}.
	 */
	List<Step> toStart(ExportSpec spec, Set<StepName> done, Set<StepName> started, Consumer<StepName> skipped) {
		List<Step> toStart = new ArrayList<>();
		boolean skippedAny;
		do {
			skippedAny = false;
			for (Step step : ready(done, started)) {
				started.add(step.name());
				if (step.appliesTo(spec)) {
					toStart.add(step);
				}
				else {
					skipped.accept(step.name());
					done.add(step.name());
					skippedAny = true;
				}
			}
		}
		while (skippedAny);
		return toStart;
	}

	/**
	 * The steps one export runs, in the order the runner starts them when each takes as
	 * long as the others (those started first end first): what a plan lists. The steps
	 * the spec does not need are left out.
	 */
	List<Step> runOrder(ExportSpec spec) {
		List<Step> order = new ArrayList<>();
		Set<StepName> done = EnumSet.noneOf(StepName.class);
		Set<StepName> started = EnumSet.noneOf(StepName.class);
		Consumer<StepName> skipped = (step) -> {
		};
		Deque<Step> running = new ArrayDeque<>(toStart(spec, done, started, skipped));
		while (!running.isEmpty()) {
			Step next = running.poll();
			order.add(next);
			done.add(next.name());
			running.addAll(toStart(spec, done, started, skipped));
		}
		return order;
	}

	/**
	 * The dataflow and the steps that change it, in the order they run: each change sends
	 * the etag the one before it returned.
	 */
	List<StepName> flowChain() {
		List<StepName> chain = new ArrayList<>(List.of(StepName.DATAFLOW));
		this.steps.stream().filter((step) -> step.kind() == Step.Kind.FLOW_CHANGE).map(Step::name).forEach(chain::add);
		return chain;
	}

	/**
	 * The steps whose entities a teardown deletes, in the order it deletes them: an
	 * entity before every entity it uses (the dataflow uses what its changes attach,
	 * too), and otherwise the newest first.
	 */
	List<StepName> teardownOrder() {
		Map<StepName, Set<StepName>> uses = new EnumMap<>(StepName.class);
		this.steps.stream()
			.filter((step) -> step.kind() == Step.Kind.CREATE)
			.forEach((step) -> uses.put(step.name(), createsUsedBy(step.name())));
		List<StepName> order = new ArrayList<>();
		Set<StepName> left = EnumSet.copyOf(uses.keySet());
		while (!left.isEmpty()) {
			StepName next = left.stream()
				.filter((step) -> left.stream().noneMatch((other) -> uses.get(other).contains(step)))
				.max(Comparator.naturalOrder())
				.orElseThrow();
			order.add(next);
			left.remove(next);
		}
		return order;
	}

	/**
	 * The graph as a Mermaid flowchart, for README: an arrow from each step to each step
	 * that needs it; a parallelogram reads, a box creates, a rounded box changes the
	 * flow.
	 */
	String mermaid() {
		StringBuilder chart = new StringBuilder("flowchart LR\n");
		for (Step step : this.steps) {
			String shape = switch (step.kind()) {
				case READ -> "[/" + step.name() + "/]";
				case CREATE -> "[" + step.name() + "]";
				case FLOW_CHANGE -> "([" + step.name() + "])";
			};
			chart.append("    ").append(step.name()).append(shape).append('\n');
		}
		for (Step step : this.steps) {
			for (StepName need : step.needs().stream().sorted().toList()) {
				chart.append("    ").append(need).append(" --> ").append(step.name()).append('\n');
			}
		}
		return chart.toString();
	}

	/** The entities of create steps the step's entity uses, directly or not. */
	private Set<StepName> createsUsedBy(StepName step) {
		Set<StepName> used = EnumSet.noneOf(StepName.class);
		Deque<StepName> next = new ArrayDeque<>(madeFrom(step));
		while (!next.isEmpty()) {
			StepName need = next.pop();
			if (need != step && used.add(need)) {
				next.addAll(madeFrom(need));
			}
		}
		used.removeIf((need) -> step(need).kind() != Step.Kind.CREATE);
		return used;
	}

	/**
	 * What the step's entity is made from: its needs, and for the dataflow the needs of
	 * its changes (which are the dataflow itself, not other entities).
	 */
	private Set<StepName> madeFrom(StepName name) {
		Set<StepName> from = EnumSet.noneOf(StepName.class);
		from.addAll(step(name).needs());
		if (name == StepName.DATAFLOW) {
			List<StepName> chain = flowChain();
			chain.forEach((change) -> from.addAll(step(change).needs()));
			from.removeAll(chain);
		}
		return from;
	}

}
