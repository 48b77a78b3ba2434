package com.acme.aepexport.export;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

import jakarta.persistence.CascadeType;
import jakarta.persistence.Convert;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.OneToMany;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import org.hibernate.annotations.DynamicUpdate;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.annotations.OptimisticLock;
import org.hibernate.type.SqlTypes;

import org.springframework.data.domain.Persistable;

/**
 * The export aggregate: its status, its steps and the spec it runs. Every change goes
 * through a method here that refuses an illegal transition and names the current state.
 * <p>
 * Updated column by column ({@code @DynamicUpdate}): a worker records every event of a
 * step on its export (the version, the time), and a statement of every column would send
 * the spec's JSON, for PostgreSQL to parse and store again, each time.
 */
@Entity
@Table(name = "export")
@DynamicUpdate
class Export implements Persistable<UUID> {

	@Id
	private UUID id;

	private String owner;

	private String name;

	private String sandbox;

	@Enumerated(EnumType.STRING)
	private DestinationType destinationType;

	@Enumerated(EnumType.STRING)
	private ExportStatus status;

	@Convert(converter = ExportSpecJson.class)
	@JdbcTypeCode(SqlTypes.JSON)
	private ExportSpec spec;

	private Instant createdAt;

	private Instant updatedAt;

	@Embedded
	private ErrorColumns error;

	/** Who runs the export now; a worker presumed dead finds it changed and stops. */
	private UUID claim;

	/**
	 * Runs begun (a worker taking the export, a take-over after one died included) since
	 * it was accepted, resumed or asked to tear down: bounded, so that a run that always
	 * ends the same way (a fault of ours, a JVM that dies in a step) is not begun for
	 * ever.
	 */
	private int runs;

	/**
	 * The dataflow's state as last set or found in Adobe; {@code null} while never
	 * switched (a dataflow is created enabled).
	 */
	@Enumerated(EnumType.STRING)
	private DataflowState dataflowState;

	private Instant dataflowStateChangedAt;

	/**
	 * When the read of Adobe's flow that {@link #dataflowState} comes from started. Not
	 * part of the export's version: reading the same state again changes nothing a caller
	 * sees.
	 */
	@OptimisticLock(excluded = true)
	private Instant dataflowStateReadAt;

	/**
	 * Adopted from a dataflow built elsewhere ({@link #adopt}): stored as Adobe holds it,
	 * never run by a worker.
	 */
	private boolean imported;

	@OneToMany(mappedBy = "export", cascade = CascadeType.ALL, orphanRemoval = true)
	private List<ExportStep> steps = new ArrayList<>();

	/**
	 * {@code null} until stored: that is how Spring Data tells a new export (insert) from
	 * a stored one. With a primitive it would take the assigned id for a stored export
	 * and merge, reading the export and each of its steps before inserting them.
	 */
	@Version
	private Long version;

	protected Export() {
	}

	List<ExportStep> steps() {
		return List.copyOf(this.steps);
	}

	private Export(ExportId id, String owner, ExportSpec spec, ExportStatus status, Instant now) {
		this.id = id.value();
		this.owner = owner;
		this.name = spec.name();
		this.sandbox = spec.sandbox();
		this.destinationType = spec.destination().type();
		this.status = status;
		this.spec = spec;
		this.createdAt = now;
		this.updatedAt = now;
	}

	static Export accept(ExportId id, String owner, ExportSpec spec, Instant now) {
		Export export = new Export(id, owner, spec, ExportStatus.PENDING, now);
		for (StepName step : StepName.values()) {
			export.steps.add(new ExportStep(export, step));
		}
		return export;
	}

	/**
	 * An export of a dataflow built elsewhere (Adobe's UI, another tool):
	 * {@code SUCCEEDED} at once, each step {@code SUCCEEDED} with the Adobe entity it
	 * stands for, as Adobe holds it now, or {@code SKIPPED} when the dataflow has no such
	 * entity. No worker runs it and it holds no credentials; changes, pause, export now
	 * and teardown act on it as on any other.
	 */
	static Export adopt(ExportId id, Adoption adoption, Instant now) {
		Export export = new Export(id, adoption.owner(), adoption.spec(), ExportStatus.SUCCEEDED, now);
		export.imported = true;
		export.dataflowState = adoption.dataflowState();
		for (StepName step : StepName.values()) {
			EntityRef ref = adoption.entities().get(step);
			export.steps
				.add((ref != null) ? ExportStep.adopted(export, step, ref, now) : ExportStep.absent(export, step, now));
		}
		return export;
	}

	ExportId id() {
		return new ExportId(this.id);
	}

	ExportStatus status() {
		return this.status;
	}

	boolean isRunnable() {
		return this.status == ExportStatus.PENDING || this.status == ExportStatus.RUNNING;
	}

	/** Whether Adobe has the base connection, and with it the credentials. */
	boolean hasBaseConnection() {
		return step(StepName.BASE_CONNECTION).status() == StepStatus.SUCCEEDED;
	}

	/** A teardown is asked for and has not stopped on an error. */
	boolean awaitsTeardown() {
		return this.status == ExportStatus.DELETING && this.error == null;
	}

	/**
	 * A worker takes the export and gets a claim no other worker holds. A {@code RUNNING}
	 * export is taken again when the worker that ran it died; that worker's claim ends.
	 */
	UUID start(Instant now) {
		require(isRunnable(), "start");
		this.status = ExportStatus.RUNNING;
		this.claim = UUID.randomUUID();
		this.runs++;
		touch(now);
		return this.claim;
	}

	/**
	 * The worker holding the claim stops (its instance shuts down): the export is free
	 * for another at once, and the run does not count against it.
	 */
	void handBack(UUID claim, Instant now) {
		if (claim.equals(this.claim)) {
			this.claim = null;
			this.runs = Math.max(0, this.runs - 1);
			touch(now);
		}
	}

	/** Whether {@code maxRuns} runs have begun and none ended the export. */
	boolean hasRunTooOften(int maxRuns) {
		return this.runs >= maxRuns;
	}

	/**
	 * No run is begun again: the export is {@code FAILED} (or, tearing down, stops with
	 * the error), naming the step a run was in when it last ended without a word, and
	 * saying how to go on.
	 */
	void giveUp(Instant now) {
		require(isRunnable() || this.status == ExportStatus.DELETING, "be given up");
		StepName stuck = this.steps.stream()
			.filter((step) -> step.status() == StepStatus.RUNNING || !step.status().isDone())
			.map(ExportStep::name)
			.sorted()
			.findFirst()
			.orElse(StepName.values()[0]);
		StepError error = new StepError(stuck, null, null,
				this.runs + " runs in a row ended without finishing"
						+ ((this.status == ExportStatus.DELETING) ? " the teardown" : " the export")
						+ " (a worker that stopped, crashed or failed outside Adobe's answers each time); given up. "
						+ ((this.status == ExportStatus.DELETING) ? "DELETE" : "Resume") + " to try again.",
				false);
		if (this.status != ExportStatus.DELETING) {
			this.steps.stream()
				.filter((step) -> step.status() == StepStatus.RUNNING)
				.forEach((step) -> step.failed(error, now));
			this.status = ExportStatus.FAILED;
		}
		this.error = ErrorColumns.of(error);
		this.claim = null;
		touch(now);
	}

	/**
	 * A {@code FAILED} export runs again from where it stopped: the steps that succeeded
	 * keep their Adobe entities, the others run again.
	 */
	void resume(Instant now) {
		require(this.status == ExportStatus.FAILED, "resume (only a FAILED export can)");
		this.status = ExportStatus.RUNNING;
		this.error = null;
		this.claim = null;
		this.runs = 0;
		touch(now);
	}

	/**
	 * What befell one of its steps, recorded by the worker that holds the claim: a run's
	 * events while the export is {@code RUNNING}, a teardown's while it is
	 * {@code DELETING}.
	 */
	void record(UUID claim, StepEvent event, Instant now) {
		requireClaim(claim, event);
		apply(step(event.step()), event, now);
	}

	/**
	 * {@link #record(UUID, StepEvent, Instant)} on the step the event names, loaded alone
	 * with its export ({@link Exports#findStep}), as a worker records: the other steps
	 * are neither loaded nor checked at the flush. Loading them at each of the 30 or so
	 * events of a run was a fifth of the service's CPU samples while workers drained a
	 * backlog, and checking them another 4 %.
	 * @throws IllegalArgumentException when the step is not this export's step named by
	 * the event
	 */
	void record(UUID claim, ExportStep step, StepEvent event, Instant now) {
		requireClaim(claim, event);
		// By id: the step's export may be Hibernate's proxy of this one.
		if (!step.export().getId().equals(this.id) || step.name() != event.step()) {
			throw new IllegalArgumentException(
					"Export " + this.id + " records " + event.step() + " on another step, " + step.name());
		}
		apply(step, event, now);
	}

	private void requireClaim(UUID claim, StepEvent event) {
		requireClaim(claim, switch (event) {
			case StepEvent.InRun inRun -> ExportStatus.RUNNING;
			case StepEvent.InTeardown inTeardown -> ExportStatus.DELETING;
		});
	}

	private void apply(ExportStep step, StepEvent event, Instant now) {
		switch (event) {
			case StepEvent.Started started -> step.started(now);
			case StepEvent.Succeeded succeeded -> step.succeeded(succeeded.ref(), now);
			case StepEvent.Skipped skipped -> step.skipped(now);
			case StepEvent.AttemptFailed attemptFailed -> step.attemptFailed(attemptFailed.error());
			case StepEvent.Deferred deferred -> step.deferred(deferred.error());
			case StepEvent.Failed failed -> step.failed(failed.error(), now);
			case StepEvent.EntityDeleted deleted -> step.deleted(now);
			case StepEvent.EntityLeftBehind leftBehind -> step.leftBehind(leftBehind.why());
		}
		touch(now);
	}

	/**
	 * The worker is done: {@code SUCCEEDED} when every step is done, otherwise
	 * {@code FAILED} with the error of the first step that failed.
	 */
	void finish(UUID claim, Instant now) {
		requireClaim(claim);
		StepError failure = this.steps.stream()
			.filter((step) -> step.status() == StepStatus.FAILED)
			.min(Comparator.comparing(ExportStep::name))
			.map(ExportStep::error)
			.orElse(null);
		if (failure != null) {
			this.status = ExportStatus.FAILED;
			this.error = ErrorColumns.of(failure);
		}
		else {
			List<StepName> unfinished = this.steps.stream()
				.filter((step) -> !step.status().isDone())
				.map(ExportStep::name)
				.sorted()
				.toList();
			require(unfinished.isEmpty(), "finish with steps " + unfinished + " not done, and");
			this.status = ExportStatus.SUCCEEDED;
			this.error = null;
		}
		this.claim = null;
		touch(now);
	}

	/**
	 * The caller changed what the export activates in place (audiences, schedules, keys).
	 * Only a {@code SUCCEEDED} export has a complete flow to change.
	 */
	/** A change was accepted, or failed: the export is at a new version. */
	void changeRequested(Instant now) {
		// Later than before even within the clock's tick (PostgreSQL keeps microseconds):
		// the row changes, and so does its version.
		this.updatedAt = now.isAfter(this.updatedAt) ? now : this.updatedAt.plus(1, ChronoUnit.MICROS);
	}

	/**
	 * Adobe's dataflow carries the change: the spec is what the flow holds (whatever the
	 * export's status has become since it was asked for).
	 */
	void changeApplied(ExportSpec applied, Instant now) {
		this.spec = applied;
		changeRequested(now);
	}

	/**
	 * The change's mapping set is the dataflow's profile mapping now: the
	 * {@code MAPPING_SET} step keeps it (a teardown deletes it), and the one it replaces,
	 * unattached, stays in Adobe.
	 * @return the mapping set replaced; {@code null} when a teardown took the step's
	 * entity meanwhile (the new one is then noted on the change alone)
	 */
	EntityRef mappingSetReplaced(EntityRef made, Instant now) {
		ExportStep step = step(StepName.MAPPING_SET);
		return step.holdsEntity() ? step.replacedBy(made, now) : null;
	}

	/**
	 * Adobe's dataflow was enabled or disabled (or found so): the export shows it. Only
	 * while the dataflow exists and is not being torn down.
	 * @return whether the export changed
	 */
	/**
	 * Adobe's dataflow was read in {@code state} by a read that started at
	 * {@code readAt}; it is stored unless a read that started later is stored already.
	 * @return whether the state the export shows changed
	 */
	boolean dataflowSeen(DataflowState state, Instant readAt, Instant now) {
		require(this.status != ExportStatus.DELETING && this.status != ExportStatus.DELETED,
				"pause or unpause its dataflow");
		require(step(StepName.DATAFLOW).status() == StepStatus.SUCCEEDED,
				"pause or unpause its dataflow before the dataflow exists, and");
		if (this.dataflowStateReadAt != null && !readAt.isAfter(this.dataflowStateReadAt)) {
			return false;
		}
		this.dataflowStateReadAt = readAt;
		if (state == dataflowState()) {
			return false;
		}
		this.dataflowState = state;
		this.dataflowStateChangedAt = now;
		touch(now);
		return true;
	}

	/** As stored, or {@code ENABLED} for a dataflow never switched. */
	private DataflowState dataflowState() {
		return (this.dataflowState != null) ? this.dataflowState : DataflowState.ENABLED;
	}

	@Override
	public UUID getId() {
		return this.id;
	}

	/**
	 * Not stored yet. Said here, since Spring Data would otherwise read the version
	 * through a bean property the entity does not have, and throw and catch an exception
	 * on every save.
	 */
	@Override
	public boolean isNew() {
		return this.version == null;
	}

	/** Counts every change of the export's row: its ETag. */
	long version() {
		return (this.version != null) ? this.version : 0;
	}

	/**
	 * Its Adobe entities are to be deleted. Asking again while they are being deleted
	 * continues the teardown; a deleted export stays deleted.
	 * @return whether a teardown is to run
	 */
	boolean requestTeardown(Instant now) {
		if (this.status == ExportStatus.DELETED) {
			return false;
		}
		require(this.status == ExportStatus.SUCCEEDED || this.status == ExportStatus.FAILED
				|| this.status == ExportStatus.DELETING, "be deleted while it runs (wait until it ends, or resume it)");
		// A teardown under way keeps its claim; asking again only clears a failure.
		this.runs = 0;
		this.status = ExportStatus.DELETING;
		this.error = null;
		touch(now);
		return true;
	}

	UUID startTeardown(Instant now) {
		require(this.status == ExportStatus.DELETING, "start a teardown");
		this.claim = UUID.randomUUID();
		this.runs++;
		touch(now);
		return this.claim;
	}

	/**
	 * The teardown stopped on an error; the export stays {@code DELETING} until asked
	 * again.
	 */
	void teardownFailed(UUID claim, StepError error, Instant now) {
		requireClaim(claim, ExportStatus.DELETING);
		this.error = ErrorColumns.of(error);
		this.claim = null;
		touch(now);
	}

	void teardownFinished(UUID claim, Instant now) {
		requireClaim(claim, ExportStatus.DELETING);
		this.status = ExportStatus.DELETED;
		this.error = null;
		this.claim = null;
		touch(now);
	}

	ExportView toView() {
		List<ExportView.StepView> views = this.steps.stream()
			.sorted(Comparator.comparing(ExportStep::name))
			.map(ExportStep::toView)
			.toList();
		ExportStep dataflow = step(StepName.DATAFLOW);
		// Once deleted there is no dataflow to be in a state.
		ExportView.Dataflow flow = (dataflow.status() == StepStatus.SUCCEEDED && dataflow.toView().deletedAt() == null)
				? new ExportView.Dataflow(dataflowState(), this.dataflowStateChangedAt) : null;
		return new ExportView(id(), this.owner, this.spec, this.status, this.createdAt, this.updatedAt, views,
				ErrorColumns.toError(this.error), flow, version(), this.imported);
	}

	private ExportStep step(StepName name) {
		return this.steps.stream()
			.filter((step) -> step.name() == name)
			.findFirst()
			.orElseThrow(() -> new IllegalExportTransition("Export " + this.id + " has no step " + name));
	}

	private void requireClaim(UUID claim) {
		requireClaim(claim, ExportStatus.RUNNING);
	}

	private void requireClaim(UUID claim, ExportStatus expected) {
		// The claim first: a worker whose export another finished meanwhile has lost it.
		if (!claim.equals(this.claim)) {
			throw new ExportClaimLost(id());
		}
		require(this.status == expected, "change its steps");
	}

	private void require(boolean allowed, String what) {
		if (!allowed) {
			throw new IllegalExportTransition("Export " + this.id + " cannot " + what + ": it is " + this.status);
		}
	}

	private void touch(Instant now) {
		this.updatedAt = now;
	}

}
