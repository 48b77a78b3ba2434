package com.acme.aepexport.export;

/**
 * An Adobe call a request made, as the export's history lists it: what the export keeps
 * of it anyway (the entity's id, its etag or version before and after), never the body
 * sent.
 *
 * @param step the step whose entity it made, read, changed or deleted: {@code DATAFLOW}
 * for a change, a pause or unpause and an ad hoc run of the dataflow
 * @param entityId the Adobe entity
 * @param etagBefore the etag sent in {@code If-Match}, for a change of the dataflow
 * @param etag the etag Adobe answered (Flow Service entities)
 * @param version the version Adobe answered (Data Prep entities)
 * @param runId the run an ad hoc activation job started
 * @param audienceId the audience that run exports
 * @param reason why the teardown left the entity in Adobe
 */
public record AdobeCall(AdobeCallKind kind, StepName step, String entityId, String etagBefore, String etag,
		Integer version, String runId, String audienceId, String reason) {

	/** What a step keeps of its entity. */
	static AdobeCall step(StepName step, EntityRef ref) {
		return new AdobeCall(AdobeCallKind.STEP, step, ref.id(), null, ref.etag(), ref.version(), null, null, null);
	}

	/**
	 * The dataflow switched or changed: {@code If-Match} {@code before}, answered
	 * {@code after}.
	 */
	public static AdobeCall flow(AdobeCallKind kind, String flowId, String before, String after) {
		return new AdobeCall(kind, StepName.DATAFLOW, flowId, before, after, null, null, null, null);
	}

	static AdobeCall runStarted(String flowId, String runId, String audienceId) {
		return new AdobeCall(AdobeCallKind.RUN_STARTED, StepName.DATAFLOW, flowId, null, null, null, runId, audienceId,
				null);
	}

	static AdobeCall deleted(StepName step, EntityRef ref) {
		return new AdobeCall(AdobeCallKind.ENTITY_DELETED, step, ref.id(), null, null, null, null, null, null);
	}

	static AdobeCall leftBehind(StepName step, EntityRef ref, String reason) {
		return new AdobeCall(AdobeCallKind.ENTITY_LEFT_BEHIND, step, ref.id(), null, null, null, null, null, reason);
	}

}
