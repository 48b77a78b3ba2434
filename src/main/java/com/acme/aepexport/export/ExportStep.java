package com.acme.aepexport.export;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;

/**
 * One step of an export: its status and what it keeps of the Adobe entity it made. Only
 * {@link Export} changes it.
 */
@Entity
@Table(name = "export_step")
class ExportStep {

	@Id
	private UUID id;

	@ManyToOne(fetch = FetchType.LAZY, optional = false)
	@JoinColumn(name = "export_id")
	private Export export;

	@Enumerated(EnumType.STRING)
	private StepName name;

	@Enumerated(EnumType.STRING)
	private StepStatus status;

	private String entityId;

	private String etag;

	private Integer entityVersion;

	private int attempts;

	private Instant startedAt;

	private Instant completedAt;

	/** When the teardown deleted the entity from Adobe. */
	private Instant deletedAt;

	/** Why the teardown left the entity in Adobe. */
	private String leftBehind;

	@Embedded
	private ErrorColumns error;

	protected ExportStep() {
	}

	/**
	 * A new step, {@code PENDING}: a new export's steps are inserted by {@link NewRows}
	 * in one statement that writes the id, name and status, and leaves every other column
	 * at its default. Set another field here, and write it there too.
	 */
	ExportStep(Export export, StepName name) {
		this.id = UUID.randomUUID();
		this.export = export;
		this.name = name;
		this.status = StepStatus.PENDING;
	}

	/**
	 * A step of an adopted export: the dataflow built elsewhere has this entity. Never
	 * attempted by us, so no attempt is counted.
	 */
	static ExportStep adopted(Export export, StepName name, EntityRef ref, Instant now) {
		ExportStep step = new ExportStep(export, name);
		step.status = StepStatus.SUCCEEDED;
		step.entityId = ref.id();
		step.etag = ref.etag();
		step.entityVersion = ref.version();
		step.completedAt = now;
		return step;
	}

	/** A step of an adopted export whose dataflow has no such entity. */
	static ExportStep absent(Export export, StepName name, Instant now) {
		ExportStep step = new ExportStep(export, name);
		step.status = StepStatus.SKIPPED;
		step.completedAt = now;
		return step;
	}

	UUID id() {
		return this.id;
	}

	Export export() {
		return this.export;
	}

	StepName name() {
		return this.name;
	}

	StepStatus status() {
		return this.status;
	}

	StepError error() {
		return ErrorColumns.toError(this.error);
	}

	void started(Instant now) {
		require(this.status != StepStatus.SUCCEEDED && this.status != StepStatus.SKIPPED, "start");
		this.status = StepStatus.RUNNING;
		this.attempts++;
		this.startedAt = now;
		this.completedAt = null;
		this.error = null;
	}

	void succeeded(EntityRef ref, Instant now) {
		require(this.status == StepStatus.RUNNING, "succeed");
		this.status = StepStatus.SUCCEEDED;
		this.entityId = ref.id();
		this.etag = ref.etag();
		this.entityVersion = ref.version();
		this.completedAt = now;
	}

	void skipped(Instant now) {
		require(this.status == StepStatus.PENDING, "be skipped");
		this.status = StepStatus.SKIPPED;
		this.completedAt = now;
	}

	void attemptFailed(StepError error) {
		require(this.status == StepStatus.RUNNING, "fail an attempt");
		this.error = ErrorColumns.of(error);
	}

	/**
	 * The attempt never reached Adobe (this instance had no room to call it), or Adobe
	 * throttled it ({@code 429}): it does not count, and the step will be tried again.
	 */
	void deferred(StepError error) {
		require(this.status == StepStatus.RUNNING, "be deferred");
		this.attempts--;
		this.error = ErrorColumns.of(error);
	}

	void failed(StepError error, Instant now) {
		require(this.status == StepStatus.RUNNING, "fail");
		this.status = StepStatus.FAILED;
		this.error = ErrorColumns.of(error);
		this.completedAt = now;
	}

	/** Whether the step keeps an entity that is still in Adobe. */
	boolean holdsEntity() {
		return this.status == StepStatus.SUCCEEDED && this.deletedAt == null && this.leftBehind == null;
	}

	/**
	 * A change made the entity's successor in Adobe (a new mapping set): the step keeps
	 * it from now on, for a teardown to delete.
	 * @return what the step kept before
	 */
	EntityRef replacedBy(EntityRef successor, Instant now) {
		require(holdsEntity(), "take a new entity");
		EntityRef before = new EntityRef(this.entityId, this.etag, this.entityVersion);
		this.entityId = successor.id();
		this.etag = successor.etag();
		this.entityVersion = successor.version();
		this.completedAt = now;
		return before;
	}

	void deleted(Instant now) {
		require(this.status == StepStatus.SUCCEEDED, "have its entity deleted");
		this.deletedAt = now;
	}

	void leftBehind(String why) {
		require(this.deletedAt == null, "have its entity left behind (it was deleted)");
		this.leftBehind = why;
	}

	ExportView.StepView toView() {
		EntityRef ref = new EntityRef(this.entityId, this.etag, this.entityVersion);
		return new ExportView.StepView(this.name, this.status, ref, this.attempts, this.startedAt, this.completedAt,
				error(), this.deletedAt, this.leftBehind);
	}

	private void require(boolean allowed, String what) {
		if (!allowed) {
			throw new IllegalExportTransition("Step " + this.name + " of export " + this.export.id() + " cannot " + what
					+ ": it is " + this.status);
		}
	}

}
