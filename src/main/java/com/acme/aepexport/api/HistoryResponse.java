package com.acme.aepexport.api;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import tools.jackson.databind.JsonNode;

import com.acme.aepexport.export.AdobeCall;
import com.acme.aepexport.export.AdobeCallKind;
import com.acme.aepexport.export.HistoryEntry;
import com.acme.aepexport.export.HistoryKind;
import com.acme.aepexport.export.HistoryOutcome;
import com.acme.aepexport.export.HistoryPage;
import com.acme.aepexport.export.StepName;

/**
 * One request accepted for an export, as {@code GET /exports/{id}/history} shows it: who,
 * when, what they sent (never a secret), what became of it and the Adobe calls it made.
 */
@Schema(name = "HistoryEntry")
record HistoryResponse(@Schema(maxLength = AnswerLimits.UUID) UUID id,
		@Schema(description = "What the request asked for: CREATED (POST /exports), CHANGED (PATCH), RESUMED, "
				+ "PAUSED, UNPAUSED, ACTIVATED (export now) or DELETED.") HistoryKind kind,
		@Schema(description = "The caller's subject (the token's `sub`, else its client).",
				maxLength = ActivationResponse.MAX_SUBJECT) String requestedBy,
		Instant requestedAt,
		@Schema(implementation = Object.class,
				description = "The body the caller sent, as sent: the export requested (without "
						+ "`destination.credentials` and `file.pgpPublicKey`), the JSON merge patch, or the activation "
						+ "request. Null for a request without a body.",
				nullable = true) JsonNode request,
		@Schema(description = "ACCEPTED while the work it started goes on, then once: APPLIED (done; for a "
				+ "creation or resume the export SUCCEEDED, for a delete it is DELETED), REFUSED (Adobe said no; "
				+ "`error` says why) or FAILED (not done: the workflow or teardown stopped on an error, Adobe did "
				+ "not answer, or the export was deleted first).") HistoryOutcome outcome,
		@Schema(description = "When the outcome was set; null while ACCEPTED.", nullable = true) Instant finishedAt,
		@Schema(description = "Why it was REFUSED or FAILED.", nullable = true) ErrorResponse error,
		@Schema(description = "The change a CHANGED entry asked for (the export's `change.revision`).", minimum = "1",
				maximum = "" + Integer.MAX_VALUE, nullable = true) Integer revision,
		@Schema(description = "The job an ACTIVATED entry started: GET /exports/{id}/activations/{activationId}.",
				maxLength = AnswerLimits.UUID, nullable = true) UUID activationId,
		@ArraySchema(
				arraySchema = @Schema(description = "The Adobe calls it made, as the service records them: for a "
						+ "creation or resume, each step that succeeded with the entity it keeps; for a change, the "
						+ "dataflow's etag before and after; for a pause or unpause, the same of the switch; for an "
						+ "export now, each run started; for a delete, each entity deleted or left behind. Empty "
						+ "until the outcome is set, and when nothing was sent."),
				maxItems = MAX_CALLS) List<Call> adobeCalls) {

	/** The most calls an entry lists: a run per audience of an export now. */
	static final int MAX_CALLS = ExportRequest.MAX_AUDIENCES;

	static final int MAX_LIMIT = 100;

	/** Our continuation token: the position of the last entry of a page. */
	static final String CONTINUATION_TOKEN = "^[0-9]{1,18}$";

	static final int CONTINUATION_TOKEN_LENGTH = 18;

	static HistoryResponse from(HistoryEntry entry) {
		HistoryEntry.Failure failure = entry.failure();
		return new HistoryResponse(entry.id(), entry.kind(),
				AnswerLimits.cut(entry.requestedBy(), ActivationResponse.MAX_SUBJECT), entry.requestedAt(),
				entry.request(), entry.outcome(), entry.finishedAt(),
				(failure != null) ? new ErrorResponse(failure.step(), failure.httpStatus(),
						AnswerLimits.within(failure.adobeCode(), AnswerLimits.ADOBE_CODE),
						AnswerLimits.cut(failure.message(), AnswerLimits.MESSAGE), failure.retryable()) : null,
				entry.changeRevision(), entry.activationId(),
				AnswerLimits.first(entry.adobeCalls(), MAX_CALLS).stream().map(Call::from).toList());
	}

	@Schema(name = "HistoryError")
	record ErrorResponse(
			@Schema(description = "The step that failed, or whose entity the call that failed concerns: DATAFLOW for "
					+ "a change, a pause or unpause and an export now.") StepName step,
			@Schema(description = "Adobe's HTTP status; absent when no answer arrived (or Adobe was not asked).",
					minimum = "100", maximum = "999", nullable = true) Integer httpStatus,
			@Schema(maxLength = AnswerLimits.ADOBE_CODE, nullable = true) String adobeCode,
			@Schema(description = "Cut to its first characters when longer.",
					maxLength = AnswerLimits.MESSAGE) String message,
			@Schema(description = "Whether asking again may work.") boolean retryable) {

	}

	@Schema(name = "AdobeCall", description = "An Adobe call, as the service records it: ids and etags, never a body.")
	record Call(AdobeCallKind kind,
			@Schema(description = "The step whose entity it made, read, changed or deleted (DATAFLOW for a change, a "
					+ "pause or unpause, and a run started).") StepName step,
			@Schema(description = "The Adobe entity (the dataflow for a change, a switch or a run started).",
					maxLength = AnswerLimits.ADOBE_ID, nullable = true) String entityId,
			@Schema(description = "The etag sent in If-Match: the dataflow's before the change or switch.",
					maxLength = AnswerLimits.ADOBE_ID, nullable = true) String etagBefore,
			@Schema(description = "The etag Adobe answered (Flow Service), with its double quotes.",
					maxLength = AnswerLimits.ADOBE_ID, nullable = true) String etag,
			@Schema(description = "The version Adobe answered (Data Prep).", minimum = "0",
					maximum = "" + Integer.MAX_VALUE, nullable = true) Integer version,
			@Schema(description = "The run an export now started: GET /exports/{id}/runs/{runId}.",
					maxLength = AnswerLimits.ADOBE_ID, nullable = true) String runId,
			@Schema(description = "The audience that run exports.", maxLength = ExportRequest.MAX_AUDIENCE_ID,
					nullable = true) String audienceId,
			@Schema(description = "Why the teardown left the entity in Adobe.", maxLength = AnswerLimits.MESSAGE,
					nullable = true) String reason) {

		static Call from(AdobeCall call) {
			return new Call(call.kind(), call.step(), call.entityId(), call.etagBefore(), call.etag(), call.version(),
					call.runId(), call.audienceId(), AnswerLimits.cut(call.reason(), AnswerLimits.MESSAGE));
		}

	}

	@Schema(name = "HistoryPage", description = "Entries of an export's history, newest first.")
	record Page(@ArraySchema(maxItems = MAX_LIMIT) List<HistoryResponse> items,
			@Schema(description = "Pass it back to get the next page; null on the last one.",
					maxLength = CONTINUATION_TOKEN_LENGTH, pattern = CONTINUATION_TOKEN,
					nullable = true) String continuationToken) {

		static Page from(HistoryPage page) {
			return new Page(page.entries().stream().map(HistoryResponse::from).toList(),
					(page.next() != null) ? page.next().toString() : null);
		}

	}

}
