package com.acme.aepexport.export;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A read-only snapshot of an export and its steps, in step order.
 *
 * @param owner the caller who started it
 * @param dataflow the dataflow's state, while it exists; {@code null} before and once
 * deleted
 * @param version counts every change of the export (its status, steps, spec, changes,
 * dataflow state): its {@code ETag}
 * @param imported whether it was adopted from a dataflow built elsewhere
 * ({@code POST /exports/imports}) rather than created by the workflow
 */
public record ExportView(ExportId id, String owner, ExportSpec spec, ExportStatus status, Instant createdAt,
		Instant updatedAt, List<StepView> steps, StepError error, Dataflow dataflow, long version, boolean imported) {

	public Optional<StepView> step(StepName name) {
		return this.steps.stream().filter((step) -> step.name() == name).findFirst();
	}

	/** The dataflow's id once Adobe has created it. */
	public Optional<String> flowId() {
		return step(StepName.DATAFLOW).filter((step) -> step.status() == StepStatus.SUCCEEDED)
			.map((step) -> step.ref().id());
	}

	/**
	 * @param state as the service last set or found it in Adobe, {@code ENABLED} when it
	 * never switched it
	 * @param changedAt when the service last changed the state it shows, or {@code null}
	 */
	public record Dataflow(DataflowState state, Instant changedAt) {

	}

	/**
	 * @param deletedAt when the teardown deleted the step's entity from Adobe
	 * @param leftBehind why the teardown left the step's entity in Adobe
	 */
	public record StepView(StepName name, StepStatus status, EntityRef ref, int attempts, Instant startedAt,
			Instant completedAt, StepError error, Instant deletedAt, String leftBehind) {

	}

}
