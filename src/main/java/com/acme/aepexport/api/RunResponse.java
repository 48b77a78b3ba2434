package com.acme.aepexport.api;

import java.time.Instant;
import java.util.List;

import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;

import com.acme.aepexport.export.LatestRun;
import com.acme.aepexport.export.RunState;
import com.acme.aepexport.workflow.DataflowRun;
import com.acme.aepexport.workflow.RunPage;

/**
 * A dataflow run: did the files go out, for which audiences, how many profiles.
 */
@Schema(name = "Run")
record RunResponse(@Schema(maxLength = AnswerLimits.ADOBE_ID) String id,
		@Schema(description = "Adobe's status in upper case: SUCCESS, FAILED, PROCESSING, WAITING, "
				+ "or another value Adobe reports, kept as it is; null when Adobe gave none (or one longer than "
				+ "any status).", example = "SUCCESS", maxLength = AnswerLimits.RUN_STATUS,
				nullable = true) String status,
		@Schema(description = "What the status means: switch on this, not on status.") RunState state,
		@ArraySchema(
				arraySchema = @Schema(description = "The audiences the run exports; empty while it waits "
						+ "(Adobe names them once it starts)."),
				schema = @Schema(maxLength = AnswerLimits.ADOBE_ID),
				maxItems = ExportRequest.MAX_AUDIENCES) List<String> audienceIds,
		@Schema(description = "When Adobe queued the run.", nullable = true) Instant createdAt,
		@Schema(description = "Null until the run starts.", nullable = true) Instant startedAt,
		@Schema(description = "Null until the run ends.", nullable = true) Instant completedAt,
		@Schema(description = "Absent while the run waits, partial while it runs.", nullable = true) Records records,
		@Schema(description = "Files written.", minimum = "0", maximum = MAX_COUNT, nullable = true) Long files,
		@Schema(description = "Bytes written.", minimum = "0", maximum = MAX_COUNT, nullable = true) Long bytes,
		@ArraySchema(arraySchema = @Schema(
				description = "What went wrong, the first " + AnswerLimits.RUN_ERRORS + " errors Adobe reports."),
				maxItems = AnswerLimits.RUN_ERRORS) List<Problem> errors) {

	/** Adobe's counts, as large as a {@code long} holds (negative ones are not shown). */
	static final String MAX_COUNT = "" + Long.MAX_VALUE;

	static RunResponse from(DataflowRun run) {
		DataflowRun.Records records = run.records();
		return new RunResponse(run.id(), AnswerLimits.within(run.status(), AnswerLimits.RUN_STATUS), run.state(),
				AnswerLimits.first(run.audienceIds(), ExportRequest.MAX_AUDIENCES), run.createdAt(), run.startedAt(),
				run.completedAt(),
				(records != null)
						? new Records(records.received(), records.activated(), records.failed(), records.skipped())
						: null,
				run.files(), run.bytes(),
				AnswerLimits.first(run.errors(), AnswerLimits.RUN_ERRORS)
					.stream()
					.map((problem) -> new Problem(AnswerLimits.within(problem.code(), AnswerLimits.ADOBE_CODE),
							AnswerLimits.cut(problem.message(), AnswerLimits.MESSAGE)))
					.toList());
	}

	@Schema(name = "RunRecords", description = "Profiles the run read, exported, failed and skipped.")
	record Records(@Schema(minimum = "0", maximum = MAX_COUNT, nullable = true) Long received,
			@Schema(minimum = "0", maximum = MAX_COUNT, nullable = true) Long activated,
			@Schema(minimum = "0", maximum = MAX_COUNT, nullable = true) Long failed,
			@Schema(minimum = "0", maximum = MAX_COUNT, nullable = true) Long skipped) {

	}

	@Schema(name = "RunError")
	record Problem(
			@Schema(example = "ACTIVATION_BATCH-0000-FAILED", maxLength = AnswerLimits.ADOBE_CODE,
					nullable = true) String code,
			@Schema(maxLength = AnswerLimits.MESSAGE, nullable = true) String message) {

	}

	@Schema(name = "RunPage", description = "Runs, newest first.")
	record Page(@ArraySchema(maxItems = RunController.MAX_RUNS_LIMIT) List<RunResponse> items,
			@Schema(description = "Pass it back to get the next page; absent on the last one.",
					maxLength = AnswerLimits.CONTINUATION_TOKEN, nullable = true) String continuationToken) {

		static Page from(RunPage page) {
			return new Page(AnswerLimits.first(page.runs(), RunController.MAX_RUNS_LIMIT)
				.stream()
				.map(RunResponse::from)
				.toList(), page.continuationToken());
		}

	}

	/** The newest run of one audience, as {@code GET /exports/{id}} shows it. */
	@Schema(name = "AudienceRun")
	record Latest(@Schema(maxLength = ExportRequest.MAX_AUDIENCE_ID) String audienceId,
			@Schema(maxLength = AnswerLimits.ADOBE_ID) String runId,
			@Schema(description = "Adobe's status in upper case; null when Adobe gave none (or one longer than any "
					+ "status).", maxLength = AnswerLimits.RUN_STATUS, nullable = true) String status,
			RunState state, @Schema(nullable = true) Instant createdAt, @Schema(nullable = true) Instant startedAt,
			@Schema(description = "Null until the run ends.", nullable = true) Instant completedAt,
			@Schema(description = "Profiles exported.", minimum = "0", maximum = MAX_COUNT,
					nullable = true) Long activated,
			@Schema(description = "Profiles that failed.", minimum = "0", maximum = MAX_COUNT,
					nullable = true) Long failed) {

		static Latest from(LatestRun run) {
			return new Latest(run.audienceId(), run.runId(), AnswerLimits.within(run.status(), AnswerLimits.RUN_STATUS),
					run.state(), run.createdAt(), run.startedAt(), run.completedAt(), run.activated(), run.failed());
		}

	}

}
