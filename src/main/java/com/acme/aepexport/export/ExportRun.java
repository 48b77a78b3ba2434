package com.acme.aepexport.export;

import java.util.UUID;

/**
 * One worker's run of an export, from {@link Runs#start}, under a claim (see
 * {@link ClaimedRun}).
 */
public final class ExportRun extends ClaimedRun {

	/** A run under {@code claim}, recording through {@code events}. */
	public ExportRun(RunEvents events, ExportView started, UUID claim) {
		super(events, started, claim);
	}

	public void stepStarted(StepName step) {
		this.events.stepStarted(this, step);
	}

	/** Commits what Adobe answered before anything else happens. */
	public void stepSucceeded(StepName step, EntityRef ref) {
		this.events.stepSucceeded(this, step, ref);
	}

	public void stepSkipped(StepName step) {
		this.events.stepSkipped(this, step);
	}

	/** An attempt failed; the step will be tried again and stays {@code RUNNING}. */
	public void stepAttemptFailed(StepName step, StepError error) {
		this.events.stepAttemptFailed(this, step, error);
	}

	/** An attempt never reached Adobe; it does not count, and the step is tried again. */
	public void stepDeferred(StepName step, StepError error) {
		this.events.stepDeferred(this, step, error);
	}

	public void stepFailed(StepName step, StepError error) {
		this.events.stepFailed(this, step, error);
	}

	/** Ends the run: the export becomes {@code SUCCEEDED} or {@code FAILED}. */
	public ExportView finish() {
		return this.events.finish(this);
	}

}
