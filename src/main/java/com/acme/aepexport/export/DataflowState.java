package com.acme.aepexport.export;

/**
 * Whether Adobe runs the export's dataflow on its schedules: {@code ENABLED} as created,
 * {@code DISABLED} once paused.
 */
public enum DataflowState {

	/** Adobe activates the audiences on their schedules (a new dataflow is enabled). */
	ENABLED,
	/** Paused: Adobe starts no run until it is enabled again. */
	DISABLED

}
