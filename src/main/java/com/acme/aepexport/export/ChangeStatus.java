package com.acme.aepexport.export;

/** Where a change of an export stands. */
public enum ChangeStatus {

	/** Accepted, not yet confirmed by Adobe: being applied, or waiting to be. */
	PENDING,

	/** Adobe's dataflow carries it; the export's spec says so. */
	APPLIED,

	/** Not applied: Adobe refused it, did not confirm it, or the export was deleted. */
	FAILED

}
