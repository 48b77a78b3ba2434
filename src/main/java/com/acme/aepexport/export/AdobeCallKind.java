package com.acme.aepexport.export;

/** What an Adobe call an entry of an export's history lists did. */
public enum AdobeCallKind {

	/**
	 * A step of the workflow made (or read) its entity, as {@link StepName} says: the id
	 * and etag or version it keeps.
	 */
	STEP,
	/** The dataflow was changed in place, from one etag to the next. */
	FLOW_CHANGED,
	/** The dataflow was disabled (paused), from one etag to the next. */
	FLOW_DISABLED,
	/** The dataflow was enabled (unpaused), from one etag to the next. */
	FLOW_ENABLED,
	/** An ad hoc activation job started a run of the dataflow for an audience. */
	RUN_STARTED,
	/** The teardown deleted the step's entity. */
	ENTITY_DELETED,
	/** The teardown left the step's entity in Adobe, for the reason given. */
	ENTITY_LEFT_BEHIND

}
