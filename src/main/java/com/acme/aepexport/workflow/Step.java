package com.acme.aepexport.workflow;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Predicate;

import com.acme.aepexport.adobe.Deletion;
import com.acme.aepexport.adobe.Sandbox;
import com.acme.aepexport.export.EntityRef;
import com.acme.aepexport.export.ExportSpec;
import com.acme.aepexport.export.StepName;

/**
 * One row of the table of steps ({@link ExportSteps}): one Adobe call, safe to run again
 * after a failure. The runner starts it once the steps it needs are done, and saves what
 * it returns before starting the steps that need it.
 *
 * @param kind what it does in Adobe
 * @param needs the steps that must be done first
 * @param appliesTo whether the export needs it; one that does not is {@code SKIPPED}
 * @param run the step's work
 * @param find for a {@link Kind#CREATE}: its entity, should an earlier attempt have made
 * it (looked up by its name, unique to the export and the step)
 * @param delete for a {@link Kind#CREATE}: deletes its entity, or says why it stays
 * @param deletable whether Adobe can delete the entity at all: when not, a teardown
 * neither looks it up nor asks Adobe, and {@code delete} only says why it stays
 * @param sharedBy for a {@link Kind#CREATE} whose entity a dataflow built elsewhere may
 * share with others (a destination account Adobe's UI reuses): the entities that use it,
 * by id; an imported export's teardown leaves it to them. {@code null} for the others.
 */
record Step(StepName name, Kind kind, Set<StepName> needs, Predicate<ExportSpec> appliesTo,
		Function<StepContext, EntityRef> run, Function<StepContext, Optional<EntityRef>> find,
		BiFunction<Sandbox, String, Deletion> delete, boolean deletable,
		BiFunction<Sandbox, String, List<String>> sharedBy) {

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

	static Step read(StepName name, Set<StepName> needs, Function<StepContext, EntityRef> read) {
		return new Step(name, Kind.READ, needs, (spec) -> true, read, null, null, false, null);
	}

	/**
	 * A create, made at most once: when an earlier attempt may have made the entity, it
	 * is looked up first and adopted.
	 */
	static Step create(StepName name, Set<StepName> needs, Function<StepContext, EntityRef> create,
			Function<StepContext, Optional<EntityRef>> find, BiFunction<Sandbox, String, Deletion> delete) {
		return new Step(name, Kind.CREATE, needs, (spec) -> true,
				(context) -> context.createOnce(() -> find.apply(context), () -> create.apply(context)), find, delete,
				true, null);
	}

	static Step flowChange(StepName name, Set<StepName> needs, Function<StepContext, EntityRef> change) {
		return new Step(name, Kind.FLOW_CHANGE, needs, (spec) -> true, change, null, null, false, null);
	}

	/** The same step, for the exports that need it only. */
	Step onlyIf(Predicate<ExportSpec> applies) {
		return new Step(this.name, this.kind, this.needs, applies, this.run, this.find, this.delete, this.deletable,
				this.sharedBy);
	}

	/** The same step, doing something else: for tests of the runner. */
	Step runningInstead(Function<StepContext, EntityRef> other) {
		return new Step(this.name, this.kind, this.needs, this.appliesTo, other, this.find, this.delete, this.deletable,
				this.sharedBy);
	}

	boolean appliesTo(ExportSpec spec) {
		return this.appliesTo.test(spec);
	}

	EntityRef run(StepContext context) {
		return this.run.apply(context);
	}

	/** The same create, of an entity Adobe cannot delete: a teardown leaves it. */
	Step kept() {
		return new Step(this.name, this.kind, this.needs, this.appliesTo, this.run, this.find, this.delete, false,
				this.sharedBy);
	}

	/**
	 * The same create, of an entity a dataflow built elsewhere may share: an imported
	 * export's teardown deletes it only when {@code users} finds none but its own.
	 */
	Step sharedBy(BiFunction<Sandbox, String, List<String>> users) {
		return new Step(this.name, this.kind, this.needs, this.appliesTo, this.run, this.find, this.delete,
				this.deletable, users);
	}

}
