package com.acme.aepexport.api;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;

import com.acme.aepexport.export.ActivationJob;
import com.acme.aepexport.export.ActivationStatus;

/** An ad hoc activation job as stored, with Adobe's answer. */
@Schema(name = "Activation")
record ActivationResponse(@Schema(description = "The job's id, ours.", maxLength = AnswerLimits.UUID) UUID id,
		@Schema(maxLength = AnswerLimits.UUID) UUID exportId,
		@ArraySchema(arraySchema = @Schema(description = "The audiences the job activates."),
				schema = @Schema(maxLength = ExportRequest.MAX_AUDIENCE_ID),
				maxItems = ExportRequest.MAX_AUDIENCES) List<String> audienceIds,
		@Schema(description = "The caller's subject.", maxLength = MAX_SUBJECT) String requestedBy, Instant requestedAt,
		@Schema(description = "STARTED once Adobe answered with the runs (a 202 always carries it).") ActivationStatus status,
		@Schema(description = "The latest the job holds its audiences (one ad hoc job per audience at a time): "
				+ "earlier once their runs end. exports.activations.in-progress-for after requestedAt.") Instant inProgressUntil,
		@Schema(nullable = true) Instant answeredAt,
		@ArraySchema(
				arraySchema = @Schema(description = "Adobe's answer, one element per audience (its `order` "
						+ "array). Each run is listed under GET /exports/{id}/runs."),
				maxItems = ExportRequest.MAX_AUDIENCES) List<Run> runs) {

	/** A caller's subject, as a JWT names it (our own bound on what we echo back). */
	static final int MAX_SUBJECT = 256;

	static ActivationResponse from(ActivationJob job) {
		return new ActivationResponse(job.id(), job.exportId().value(), job.audienceIds(),
				AnswerLimits.cut(job.requestedBy(), MAX_SUBJECT), job.requestedAt(), job.status(),
				job.inProgressUntil(), job.answeredAt(),
				AnswerLimits.first(job.runs(), ExportRequest.MAX_AUDIENCES)
					.stream()
					.map((run) -> new Run(run.audienceId(), run.orderId(), run.runId(), run.statusUrl()))
					.toList());
	}

	@Schema(name = "ActivationRun", description = "What Adobe answered for one audience.")
	record Run(@Schema(description = "Adobe's `segment`.", maxLength = AnswerLimits.ADOBE_ID) String audienceId,
			@Schema(description = "Adobe's `order`: the destination instance, which is the export's dataflow "
					+ "(flowId).", maxLength = AnswerLimits.ADOBE_ID, nullable = true) String orderId,
			@Schema(description = "The dataflow run the job made (from `statusURL`); follow it at "
					+ "GET /exports/{id}/runs/{runId}. Null when Adobe gave no statusURL.",
					maxLength = AnswerLimits.ADOBE_ID, nullable = true) String runId,
			@Schema(description = "Adobe's `statusURL`, as it came.", maxLength = AnswerLimits.CONTINUATION_TOKEN,
					nullable = true) String statusUrl) {

	}

}
