package com.acme.aepexport.export;

import java.util.UUID;

/**
 * One worker's run of an export, from {@link ExportService#start}, under a claim (see
 * {@link ClaimedRun}).
 */
public final class ExportRun extends ClaimedRun {

	ExportRun(ExportService exports, ExportView started, UUID claim) {
		super(exports, started, claim);
	}

	public void stepStarted(StepName step) {
		this.exports.stepStarted(this, step);
	}

	/** Commits what Adobe answered before anything else happens. */
	public void stepSucceeded(StepName step, EntityRef ref) {
		this.exports.stepSucceeded(this, step, ref);
	}

	public void stepSkipped(StepName step) {
		this.exports.stepSkipped(this, step);
	}

	/** An attempt failed; the step will be tried again and stays {@code RUNNING}. */
	public void stepAttemptFailed(StepName step, StepError error) {
		this.exports.stepAttemptFailed(this, step, error);
	}

	public void stepFailed(StepName step, StepError error) {
		this.exports.stepFailed(this, step, error);
	}

	/** Ends the run: the export becomes {@code SUCCEEDED} or {@code FAILED}. */
	public ExportView finish() {
		return this.exports.finish(this);
	}

}
