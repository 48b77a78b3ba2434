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

	/** An entity deleted, or left behind, for the reason given; the teardown goes on. */
	public void record(StepEvent.InTeardown event) {
		this.events.record(this, event);
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
