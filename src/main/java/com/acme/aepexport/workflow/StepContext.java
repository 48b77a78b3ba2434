package com.acme.aepexport.workflow;

import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

import com.acme.aepexport.adobe.AdobeRef;
import com.acme.aepexport.adobe.EntityName;
import com.acme.aepexport.adobe.DataPrepRef;
import com.acme.aepexport.adobe.Sandbox;
import com.acme.aepexport.export.EntityRef;
import com.acme.aepexport.export.ExportId;
import com.acme.aepexport.export.ExportSpec;
import com.acme.aepexport.export.ExportView;
import com.acme.aepexport.export.StepName;
import com.acme.aepexport.export.StepStatus;

/**
 * What a step sees: the export's spec, what the steps before it kept, and whether an
 * earlier attempt of this step may already have reached Adobe.
 *
 * @param done the refs of the steps that succeeded, as stored
 * @param earlierAttempts attempts of this step before this one, in this run or an earlier
 * one (a crash, a resume)
 * @param claimCheck throws {@link com.acme.aepexport.export.ExportClaimLost} when this
 * worker no longer holds the export: made before every write to Adobe, so that a worker
 * presumed dead (paused, cut off) does not create what its successor looked for and did
 * not find
 * @param change the revision of the change of the export that runs the step (see
 * {@link #forChange}), or {@code null} in the export's own workflow
 */
record StepContext(ExportId exportId, ExportSpec spec, Map<StepName, EntityRef> done, int earlierAttempts,
		Runnable claimCheck, Integer change) {

	StepContext {
		done = Map.copyOf(done);
	}

	/** A step of the export's own workflow. */
	StepContext(ExportId exportId, ExportSpec spec, Map<StepName, EntityRef> done, int earlierAttempts,
			Runnable claimCheck) {
		this(exportId, spec, done, earlierAttempts, claimCheck, null);
	}

	/**
	 * What a step sees of an export that has run: its spec, and the entities of its steps
	 * that succeeded, as stored.
	 */
	static StepContext of(ExportView export, int earlierAttempts, Runnable claimCheck) {
		return new StepContext(export.id(), export.spec(), made(export), earlierAttempts, claimCheck, null);
	}

	/**
	 * A step run again by a change of an export that has {@code SUCCEEDED}, for the spec
	 * as the change would have it (a new mapping set for a new mapping): from what the
	 * export's steps made, and naming what it creates after the change, so that it is
	 * told apart from the step's own entity and from another change's.
	 * @param earlierAttempts the change's attempts of the step before this one
	 */
	static StepContext forChange(ExportView export, ExportSpec desired, int revision, int earlierAttempts) {
		return new StepContext(export.id(), desired, made(export), earlierAttempts, () -> {
		}, revision);
	}

	private static Map<StepName, EntityRef> made(ExportView export) {
		Map<StepName, EntityRef> made = new EnumMap<>(StepName.class);
		export.steps()
			.stream()
			.filter((step) -> step.status() == StepStatus.SUCCEEDED && step.ref() != null)
			.forEach((step) -> made.put(step.name(), step.ref()));
		return made;
	}

	Sandbox sandbox() {
		return new Sandbox(this.spec.sandbox());
	}

	EntityRef ref(StepName step) {
		EntityRef ref = this.done.get(step);
		if (ref == null) {
			throw new IllegalStateException("Export " + this.exportId + " has no result of " + step + " yet");
		}
		return ref;
	}

	/**
	 * Whether an earlier attempt may have done the step's work without us learning so
	 * (its answer lost to a timeout, a reset connection, a 5xx, a crash).
	 */
	boolean mayHaveRun() {
		return this.earlierAttempts > 0;
	}

	/**
	 * Creates an entity at most once: when an earlier attempt may have created it, the
	 * entity is looked up by its name (unique to the export and step) and adopted.
	 */
	EntityRef createOnce(Supplier<Optional<EntityRef>> find, Supplier<EntityRef> create) {
		if (mayHaveRun()) {
			Optional<EntityRef> found = find.get();
			if (found.isPresent()) {
				return found.get();
			}
		}
		this.claimCheck.run();
		return create.get();
	}

	/** What a step keeps of a Flow Service entity. */
	static EntityRef flowServiceRef(AdobeRef ref) {
		return EntityRef.flowService(ref.id(), ref.etag());
	}

	/** What a step keeps of a Data Prep entity. */
	static EntityRef dataPrepRef(DataPrepRef ref) {
		return EntityRef.dataPrep(ref.id(), ref.version());
	}

	/** Before a write to Adobe: throws when this worker no longer holds the export. */
	void requireClaim() {
		this.claimCheck.run();
	}

	/**
	 * The dataflow with the etag of the latest change we made to it: flow PATCHes are
	 * serialized (each needs the one before), so this is the etag Adobe holds unless
	 * someone else changed the flow.
	 */
	AdobeRef flow() {
		EntityRef dataflow = this.done.get(StepName.DATAFLOW);
		if (dataflow == null) {
			throw new IllegalStateException("Export " + this.exportId + " has no dataflow yet");
		}
		// The latest of the flow's changes done: each keeps the flow with its new etag.
		EntityRef latest = this.done.entrySet()
			.stream()
			.filter((step) -> dataflow.id().equals(step.getValue().id()))
			.max(Map.Entry.comparingByKey())
			.orElseThrow()
			.getValue();
		// null when Adobe answered the latest change without one: the change reads it.
		return new AdobeRef(dataflow.id(), latest.etag());
	}

	/**
	 * The name the step gives the entity it creates in Adobe (see {@link EntityNames}).
	 */
	String entityName(String what) {
		return (this.change != null) ? EntityNames.ofChange(this.spec, this.exportId, what, this.change)
				: EntityNames.of(this.spec, this.exportId, what);
	}

	/**
	 * The names the step's entity may bear, should an earlier attempt have created it:
	 * today's, and the one exports accepted before names were made safe gave it (a
	 * change's has only its own).
	 */
	Set<String> namesToFind(String what) {
		return (this.change != null) ? Set.of(entityName(what)) : EntityNames.toFind(this.spec, this.exportId, what);
	}

	/**
	 * The entity's name, with a description for people reading Adobe's UI: the export's
	 * own name, and who made the entity.
	 */
	EntityName named(String what) {
		return new EntityName(entityName(what), EntityNames.description(this.spec, this.exportId, what));
	}

}
