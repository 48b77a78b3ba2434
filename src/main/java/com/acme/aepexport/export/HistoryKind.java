package com.acme.aepexport.export;

/**
 * What a request accepted for an export asked for: one entry of its history each.
 */
public enum HistoryKind {

	/** {@code POST /exports}: the export was accepted, and its workflow queued. */
	CREATED,
	/**
	 * {@code POST /exports/imports}: a dataflow built elsewhere adopted as the export
	 * (Adobe only read; its calls list the entities adopted).
	 */
	IMPORTED,
	/** {@code PATCH /exports/{id}}: a change of its audiences, schedules or keys. */
	CHANGED,
	/** {@code POST /exports/{id}/resume}: a {@code FAILED} export runs again. */
	RESUMED,
	/** {@code POST /exports/{id}/pause}: its dataflow disabled in Adobe. */
	PAUSED,
	/** {@code POST /exports/{id}/unpause}: its dataflow enabled in Adobe again. */
	UNPAUSED,
	/**
	 * {@code POST /exports/{id}/activations}: an ad hoc activation job ("export now").
	 */
	ACTIVATED,
	/** {@code DELETE /exports/{id}}: its Adobe entities torn down. */
	DELETED

}
