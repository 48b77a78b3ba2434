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
import java.util.stream.Collectors;

import com.acme.aepexport.export.StepName;

import static com.acme.aepexport.export.StepName.ATTACH_MAPPING;
import static com.acme.aepexport.export.StepName.AUDIENCES;
import static com.acme.aepexport.export.StepName.BASE_CONNECTION;
import static com.acme.aepexport.export.StepName.CONNECTION_SPEC;
import static com.acme.aepexport.export.StepName.DATAFLOW;
import static com.acme.aepexport.export.StepName.DEDUPLICATION_KEYS;
import static com.acme.aepexport.export.StepName.INPUT_SCHEMA;
import static com.acme.aepexport.export.StepName.MANDATORY_FIELDS;
import static com.acme.aepexport.export.StepName.MAPPING_SET;
import static com.acme.aepexport.export.StepName.OUTPUT_SCHEMA;
import static com.acme.aepexport.export.StepName.PROFILE_SCHEMA;
import static com.acme.aepexport.export.StepName.SOURCE_CONNECTION;
import static com.acme.aepexport.export.StepName.TARGET_CONNECTION;

/**
 * The steps of an export, declared once: what each does and what it needs. Everything
 * else is derived from this table, never restated: the order the runner starts steps in,
 * the chain of dataflow changes (each sends the etag of the one before), the order a
 * teardown deletes in, and the diagram in README. A step's class says how it runs, how it
 * finds its entity after a lost answer, and how that entity is deleted.
 */
final class StepTable {

	/** What a step does in Adobe. */
	enum Kind {

		/** Reads what later steps need; leaves nothing behind. */
		READ,

		/**
		 * Makes an entity of its own: looked up by its name before a second try, deleted
		 * (or left behind, saying why) by a teardown.
		 */
		CREATE,

		/** Changes the dataflow; changes follow each other, each with the last etag. */
		FLOW_CHANGE

	}

	/** One step: what it does and the steps it needs done first. */
	record Row(StepName step, Kind kind, Set<StepName> needs) {

	}

	/** In {@link StepName} order; every step needs only steps above it. */
	static final List<Row> ROWS = List.of(row(CONNECTION_SPEC, Kind.READ), row(SOURCE_CONNECTION, Kind.CREATE),
			row(BASE_CONNECTION, Kind.CREATE, CONNECTION_SPEC), row(TARGET_CONNECTION, Kind.CREATE, BASE_CONNECTION),
			row(DATAFLOW, Kind.CREATE, SOURCE_CONNECTION, TARGET_CONNECTION),
			row(AUDIENCES, Kind.FLOW_CHANGE, DATAFLOW), row(PROFILE_SCHEMA, Kind.READ),
			row(INPUT_SCHEMA, Kind.CREATE, PROFILE_SCHEMA), row(OUTPUT_SCHEMA, Kind.CREATE, CONNECTION_SPEC),
			row(MAPPING_SET, Kind.CREATE, INPUT_SCHEMA, OUTPUT_SCHEMA),
			// Not for the audiences' sake: changes of one flow follow each other.
			row(ATTACH_MAPPING, Kind.FLOW_CHANGE, AUDIENCES, MAPPING_SET),
			row(MANDATORY_FIELDS, Kind.FLOW_CHANGE, ATTACH_MAPPING),
			row(DEDUPLICATION_KEYS, Kind.FLOW_CHANGE, MANDATORY_FIELDS));

	private static final Map<StepName, Row> BY_STEP = byStep();

	private StepTable() {
	}

	static Row of(StepName step) {
		return BY_STEP.get(step);
	}

	static Set<StepName> needs(StepName step) {
		return of(step).needs();
	}

	/**
	 * The dataflow and the steps that change it, in the order they run: each change sends
	 * the etag the one before it returned.
	 */
	static List<StepName> flowChain() {
		List<StepName> chain = new ArrayList<>(List.of(DATAFLOW));
		ROWS.stream().filter((row) -> row.kind() == Kind.FLOW_CHANGE).map(Row::step).forEach(chain::add);
		return chain;
	}

	/**
	 * The steps whose entities a teardown deletes, in the order it deletes them: an
	 * entity before every entity it uses (the dataflow uses what its changes attach,
	 * too), and otherwise the newest first.
	 */
	static List<StepName> teardownOrder() {
		Map<StepName, Set<StepName>> uses = new EnumMap<>(StepName.class);
		for (Row row : ROWS) {
			if (row.kind() == Kind.CREATE) {
				uses.put(row.step(), createsUsedBy(row.step()));
			}
		}
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
	 * that needs it.
	 */
	static String mermaid() {
		StringBuilder chart = new StringBuilder("flowchart LR\n");
		for (Row row : ROWS) {
			String shape = switch (row.kind()) {
				case READ -> "[/" + row.step() + "/]";
				case CREATE -> "[" + row.step() + "]";
				case FLOW_CHANGE -> "([" + row.step() + "])";
			};
			chart.append("    ").append(row.step()).append(shape).append('\n');
		}
		for (Row row : ROWS) {
			for (StepName need : row.needs().stream().sorted().toList()) {
				chart.append("    ").append(need).append(" --> ").append(row.step()).append('\n');
			}
		}
		return chart.toString();
	}

	/** The entities of create steps the step's entity uses, directly or not. */
	private static Set<StepName> createsUsedBy(StepName step) {
		Set<StepName> used = EnumSet.noneOf(StepName.class);
		Deque<StepName> next = new ArrayDeque<>(madeFrom(step));
		while (!next.isEmpty()) {
			StepName need = next.pop();
			if (need != step && used.add(need)) {
				next.addAll(madeFrom(need));
			}
		}
		used.removeIf((need) -> of(need).kind() != Kind.CREATE);
		return used;
	}

	/**
	 * What the step's entity is made from: its needs, and for the dataflow the needs of
	 * its changes (which are the dataflow itself, not other entities).
	 */
	private static Set<StepName> madeFrom(StepName step) {
		Set<StepName> from = EnumSet.noneOf(StepName.class);
		from.addAll(needs(step));
		if (step == DATAFLOW) {
			flowChain().forEach((change) -> from.addAll(needs(change)));
			from.removeAll(flowChain());
		}
		return from;
	}

	private static Row row(StepName step, Kind kind, StepName... needs) {
		return new Row(step, kind, (needs.length == 0) ? Set.of() : Set.copyOf(EnumSet.of(needs[0], needs)));
	}

	private static Map<StepName, Row> byStep() {
		Map<StepName, Row> rows = ROWS.stream()
			.collect(Collectors.toMap(Row::step, (row) -> row, (a, b) -> a, () -> new EnumMap<>(StepName.class)));
		if (!rows.keySet().equals(EnumSet.allOf(StepName.class)) || rows.size() != ROWS.size()) {
			throw new IllegalStateException("The table needs one row per step");
		}
		for (Row row : ROWS) {
			for (StepName need : row.needs()) {
				if (need.compareTo(row.step()) >= 0) {
					throw new IllegalStateException(row.step() + " needs " + need + ", which comes after it");
				}
			}
		}
		return rows;
	}

}
