package com.acme.aepexport.export;

/**
 * What a worker records while it runs or tears down an export, each in a transaction of
 * its own, committed before the worker goes on. Every record is made under the run's
 * claim: when another worker has taken the export since, it throws
 * {@link ExportClaimLost}.
 */
public interface RunEvents {

	void stepStarted(ExportRun run, StepName step);

	/** Commits what Adobe answered. */
	void stepSucceeded(ExportRun run, StepName step, EntityRef ref);

	void stepSkipped(ExportRun run, StepName step);

	/** An attempt failed; the step will be tried again and stays {@code RUNNING}. */
	void stepAttemptFailed(ExportRun run, StepName step, StepError error);

	/**
	 * An attempt never reached Adobe: it does not count among the step's attempts, and
	 * the step will be tried again.
	 */
	void stepDeferred(ExportRun run, StepName step, StepError error);

	void stepFailed(ExportRun run, StepName step, StepError error);

	/** Ends the run: the export becomes {@code SUCCEEDED} or {@code FAILED}. */
	ExportView finish(ExportRun run);

	void entityDeleted(TeardownRun run, StepName step);

	/** The entity stays in Adobe, for the reason given; the teardown goes on. */
	void entityLeftBehind(TeardownRun run, StepName step, String why);

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
