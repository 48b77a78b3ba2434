package com.acme.aepexport.export;

import java.util.UUID;

/**
 * What a worker holds while it works on an export: the export as it took it and its
 * claim. Everything it records goes through {@link RunEvents} under that claim; when
 * another worker has taken the export (this one was presumed dead), the next record
 * throws {@link ExportClaimLost} and the work must stop.
 */
public abstract sealed class ClaimedRun permits ExportRun, TeardownRun {

	final RunEvents events;

	private final ExportView started;

	private final UUID claim;

	ClaimedRun(RunEvents events, ExportView started, UUID claim) {
		this.events = events;
		this.started = started;
		this.claim = claim;
	}

	/** The export as it was when this worker took it. */
	public ExportView export() {
		return this.started;
	}

	public ExportId id() {
		return this.started.id();
	}

	UUID claim() {
		return this.claim;
	}

	/**
	 * Throws {@link ExportClaimLost} when another worker has taken the export since: made
	 * before every write to Adobe.
	 */
	public void requireClaim() {
		this.events.requireClaim(this);
	}

	/**
	 * Gives the export back uncounted: this instance stops, and another is to take it at
	 * once, from where it stands.
	 */
	public void handBack() {
		this.events.handBack(this);
	}

}
