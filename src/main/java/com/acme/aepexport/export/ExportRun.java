package com.acme.aepexport.export;

import java.util.UUID;

/**
 * One worker's run of an export, from {@link ExportService#start}: everything it records
 * goes through here, under a claim. When another worker takes the export (this one was
 * presumed dead), the next record throws {@link ExportClaimLost} and this run must stop.
 */
public final class ExportRun {

	private final ExportService exports;

	private final ExportView started;

	private final UUID claim;

	ExportRun(ExportService exports, ExportView started, UUID claim) {
		this.exports = exports;
		this.started = started;
		this.claim = claim;
	}

	/** The export as it was when this run took it. */
	public ExportView export() {
		return this.started;
	}

	public ExportId id() {
		return this.started.id();
	}

	UUID claim() {
		return this.claim;
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
