package com.acme.aepexport.export;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import tools.jackson.databind.JsonNode;

/**
 * One request accepted for an export, and what became of it.
 *
 * @param requestedBy the caller's subject
 * @param request the body the caller sent, secrets left out; {@code null} for none
 * @param finishedAt when the outcome was set; {@code null} while {@code ACCEPTED}
 * @param failure why it was {@code REFUSED} or {@code FAILED}
 * @param adobeCalls the Adobe calls it made, as recorded
 * @param changeRevision the change a {@code CHANGED} entry asked for
 * @param activationId the job an {@code ACTIVATED} entry started
 */
public record HistoryEntry(UUID id, ExportId exportId, HistoryKind kind, String requestedBy, Instant requestedAt,
		JsonNode request, HistoryOutcome outcome, Instant finishedAt, Failure failure, List<AdobeCall> adobeCalls,
		Integer changeRevision, UUID activationId) {

	public HistoryEntry {
		adobeCalls = List.copyOf(adobeCalls);
	}

	/**
	 * Why a request was refused or failed.
	 *
	 * @param step the step that failed, or whose entity the call that failed concerns:
	 * {@code DATAFLOW} for a change, a pause or unpause and an ad hoc activation
	 * @param httpStatus Adobe's HTTP status, or {@code null} when no answer arrived
	 * @param adobeCode Adobe's error code when its body carried one
	 * @param message what went wrong, in Adobe's words where it gave any
	 * @param retryable whether asking again may succeed
	 */
	public record Failure(StepName step, Integer httpStatus, String adobeCode, String message, boolean retryable) {

		static Failure of(StepError error) {
			return (error != null) ? new Failure(error.step(), error.httpStatus(), error.adobeCode(), error.message(),
					error.retryable()) : null;
		}

		static Failure of(ChangeError error) {
			return new Failure(StepName.DATAFLOW, error.httpStatus(), error.adobeCode(), error.message(),
					error.retryable());
		}

	}

}
