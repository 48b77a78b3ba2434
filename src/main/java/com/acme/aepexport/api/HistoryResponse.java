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

	/**
	 * Swagger UI's example: an export created, changed, paused and deleted (the
	 * creation's steps cut to three of its thirteen).
	 */
	static final String EXAMPLE = """
			{
			  "items": [
			    {
			      "id": "4b7e0c2a-9d1f-4e6b-8a3c-5f2d1e0b9c8a", "kind": "DELETED", "requestedBy": "crm-service",
			      "requestedAt": "2026-12-03T09:15:00Z", "request": null, "outcome": "APPLIED",
			      "finishedAt": "2026-12-03T09:15:02.412Z", "error": null, "revision": null, "activationId": null,
			      "adobeCalls": [
			        {"kind": "ENTITY_DELETED", "step": "DATAFLOW", "entityId": "d8a68f8e-39b2-4ac1-a1f6-7e3a8f2c6b10",
			         "etagBefore": null, "etag": null, "version": null, "runId": null, "audienceId": null, "reason": null},
			        {"kind": "ENTITY_LEFT_BEHIND", "step": "INPUT_SCHEMA", "entityId": "8d1e0a7c4b5f4e2d9a3c6b7e1f0d2c4a",
			         "etagBefore": null, "etag": null, "version": null, "runId": null, "audienceId": null,
			         "reason": "Data Prep has no delete for conversion schemas; it stays, unattached"}
			      ]
			    },
			    {
			      "id": "0e5d3c1b-2a4f-4b6e-9c8d-7f1a2b3c4d5e", "kind": "PAUSED", "requestedBy": "crm-service",
			      "requestedAt": "2026-12-02T17:40:11Z", "request": null, "outcome": "APPLIED",
			      "finishedAt": "2026-12-02T17:40:11.283Z", "error": null, "revision": null, "activationId": null,
			      "adobeCalls": [
			        {"kind": "FLOW_DISABLED", "step": "DATAFLOW", "entityId": "d8a68f8e-39b2-4ac1-a1f6-7e3a8f2c6b10",
			         "etagBefore": "\\"2a00c5d7-0000-0200-0000-6571d0a20000\\"",
			         "etag": "\\"2a00d1e3-0000-0200-0000-6571d9ab0000\\"", "version": null, "runId": null,
			         "audienceId": null, "reason": null}
			      ]
			    },
			    {
			      "id": "9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d", "kind": "CHANGED", "requestedBy": "jane.doe",
			      "requestedAt": "2026-12-02T10:02:45Z",
			      "request": {"audiences": [{"id": "979558ae-a8ba-4e6e-b6ba-95c0a523b44a"},
			                                {"id": "5b0a6f2e-3c1d-4b7e-9f21-0d8c7a6e4b3f", "name": "Lapsed buyers"}],
			                  "mandatoryFields": []},
			      "outcome": "APPLIED", "finishedAt": "2026-12-02T10:02:46.870Z", "error": null, "revision": 1,
			      "activationId": null,
			      "adobeCalls": [
			        {"kind": "FLOW_CHANGED", "step": "DATAFLOW", "entityId": "d8a68f8e-39b2-4ac1-a1f6-7e3a8f2c6b10",
			         "etagBefore": "\\"2a00a4b1-0000-0200-0000-6570f2c10000\\"",
			         "etag": "\\"2a00c5d7-0000-0200-0000-6571d0a20000\\"", "version": null, "runId": null,
			         "audienceId": null, "reason": null}
			      ]
			    },
			    {
			      "id": "1f2e3d4c-5b6a-4798-8a7b-6c5d4e3f2a1b", "kind": "CREATED", "requestedBy": "crm-service",
			      "requestedAt": "2026-12-01T08:00:00Z",
			      "request": {"name": "churn-risk-weekly", "sandbox": "prod",
			                  "destination": {"type": "AMAZON_S3", "bucket": "acme-audiences", "path": "exports/churn"},
			                  "audiences": [{"id": "979558ae-a8ba-4e6e-b6ba-95c0a523b44a", "name": "Churn risk"}],
			                  "mapping": [{"source": "identityMap.Email", "target": "Email"}]},
			      "outcome": "APPLIED", "finishedAt": "2026-12-01T08:00:03.105Z", "error": null, "revision": null,
			      "activationId": null,
			      "adobeCalls": [
			        {"kind": "STEP", "step": "SOURCE_CONNECTION", "entityId": "900df191-b983-45cd-90d5-4c7a0326d650",
			         "etagBefore": null, "etag": "\\"0500ebe1-0000-0200-0000-6570e1f20000\\"", "version": null,
			         "runId": null, "audienceId": null, "reason": null},
			        {"kind": "STEP", "step": "INPUT_SCHEMA", "entityId": "8d1e0a7c4b5f4e2d9a3c6b7e1f0d2c4a",
			         "etagBefore": null, "etag": null, "version": 0, "runId": null, "audienceId": null, "reason": null},
			        {"kind": "STEP", "step": "DATAFLOW", "entityId": "d8a68f8e-39b2-4ac1-a1f6-7e3a8f2c6b10",
			         "etagBefore": null, "etag": "\\"2a0098f0-0000-0200-0000-6570e1f30000\\"", "version": null,
			         "runId": null, "audienceId": null, "reason": null}
			      ]
			    }
			  ],
			  "continuationToken": null
			}""";

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
