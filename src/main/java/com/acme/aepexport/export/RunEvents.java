package com.acme.aepexport.export;

/**
 * What a worker records while it runs or tears down an export, each in a transaction of
 * its own, committed before the worker goes on. Every record is made under the run's
 * claim: when another worker has taken the export since, it throws
 * {@link ExportClaimLost}.
 */
public interface RunEvents {

	/**
	 * What befell a step: a run's events while the export is {@code RUNNING}, a
	 * teardown's while it is {@code DELETING}.
	 */
	void record(ClaimedRun run, StepEvent event);

	/** Ends the run: the export becomes {@code SUCCEEDED} or {@code FAILED}. */
	ExportView finish(ExportRun run);

	/** Stops the teardown; the export stays {@code DELETING} until deleted again. */
	void teardownFailed(TeardownRun run, StepError error);

	/** Every entity is gone: the export is {@code DELETED}. */
	void teardownFinished(TeardownRun run);

	/** Throws {@link ExportClaimLost} when another worker has taken the export since. */
	void requireClaim(ClaimedRun run);

	/**
	 * The worker stops (its instance shuts down): the export is free for another at once,
	 * and the run does not count against it.
	 */
	void handBack(ClaimedRun run);

}
