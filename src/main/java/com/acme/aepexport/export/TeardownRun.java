package com.acme.aepexport.export;

import java.util.UUID;

/**
 * One worker's teardown of an export's Adobe entities, from {@link Runs#startTeardown},
 * under a claim (see {@link ClaimedRun}).
 */
public final class TeardownRun extends ClaimedRun {

	/** A run under {@code claim}, recording through {@code events}. */
	public TeardownRun(RunEvents events, ExportView started, UUID claim) {
		super(events, started, claim);
	}

	public void entityDeleted(StepName step) {
		this.events.entityDeleted(this, step);
	}

	/** The entity stays in Adobe, for the reason given; the teardown goes on. */
	public void leftBehind(StepName step, String why) {
		this.events.entityLeftBehind(this, step, why);
	}

	/** Stops the teardown; the export stays {@code DELETING} until deleted again. */
	public void failed(StepError error) {
		this.events.teardownFailed(this, error);
	}

	/** Every entity is gone: the export is {@code DELETED}. */
	public void finished() {
		this.events.teardownFinished(this);
	}

}
