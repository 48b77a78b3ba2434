package com.acme.aepexport.export;

/**
 * Where an export is in its life: {@code PENDING → RUNNING → SUCCEEDED | FAILED}.
 */
public enum ExportStatus {

	/** Accepted and stored; waiting for a worker. */
	PENDING,
	/** A worker is running its steps. */
	RUNNING,
	/** Every step succeeded or was skipped. */
	SUCCEEDED,
	/** A step failed; the steps that succeeded keep their Adobe ids. */
	FAILED,
	/** Its Adobe entities are being torn down. */
	DELETING,
	/** Its Adobe entities are gone. */
	DELETED

}
