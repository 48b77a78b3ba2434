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

	/** Commits the event (what Adobe answered, say) before the worker goes on. */
	public void record(StepEvent.InRun event) {
		this.events.record(this, event);
	}

	/** Ends the run: the export becomes {@code SUCCEEDED} or {@code FAILED}. */
	public ExportView finish() {
		return this.events.finish(this);
	}

}
