package com.acme.aepexport.export;

import java.util.UUID;

/**
 * One worker's teardown of an export's Adobe entities, from
 * {@link ExportService#startTeardown}, under a claim (see {@link ClaimedRun}).
 */
public final class TeardownRun extends ClaimedRun {

	TeardownRun(ExportService exports, ExportView started, UUID claim) {
		super(exports, started, claim);
	}

	public void entityDeleted(StepName step) {
		this.exports.entityDeleted(this, step);
	}

	/** The entity stays in Adobe, for the reason given; the teardown goes on. */
	public void leftBehind(StepName step, String why) {
		this.exports.entityLeftBehind(this, step, why);
	}

	/** Stops the teardown; the export stays {@code DELETING} until deleted again. */
	public void failed(StepError error) {
		this.exports.teardownFailed(this, error);
	}

	/** Every entity is gone: the export is {@code DELETED}. */
	public void finished() {
		this.exports.teardownFinished(this);
	}

}
