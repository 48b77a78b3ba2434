package com.acme.aepexport.export;

import java.util.UUID;

/**
 * One worker's teardown of an export's Adobe entities, from
 * {@link ExportService#startTeardown}; like {@link ExportRun}, under a claim.
 */
public final class TeardownRun {

	private final ExportService exports;

	private final ExportView started;

	private final UUID claim;

	TeardownRun(ExportService exports, ExportView started, UUID claim) {
		this.exports = exports;
		this.started = started;
		this.claim = claim;
	}

	/**
	 * The export as it was when the teardown started (what is deleted already, what not).
	 */
	public ExportView export() {
		return this.started;
	}

	public ExportId id() {
		return this.started.id();
	}

	UUID claim() {
		return this.claim;
	}

	public void entityDeleted(StepName step) {
		this.exports.entityDeleted(this, step);
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
