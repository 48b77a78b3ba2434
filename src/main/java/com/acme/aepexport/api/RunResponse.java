package com.acme.aepexport.api;

import java.time.Instant;
import java.util.List;

import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;

import com.acme.aepexport.export.LatestRun;
import com.acme.aepexport.export.RunState;
import com.acme.aepexport.workflow.Run;
import com.acme.aepexport.workflow.RunPage;

/**
 * A dataflow run: did the files go out, for which audiences, how many profiles.
 */
@Schema(name = "Run")
record RunResponse(String id,
		@Schema(description = "Adobe's status in upper case: SUCCESS, FAILED, PROCESSING, WAITING, "
				+ "or another value Adobe reports, kept as it is; null when Adobe gave none.", example = "SUCCESS",
				nullable = true) String status,
		@Schema(description = "What the status means: switch on this, not on status.") RunState state,
		@ArraySchema(arraySchema = @Schema(description = "The audiences the run exports; empty while it waits "
				+ "(Adobe names them once it starts).")) List<String> audienceIds,
		@Schema(description = "When Adobe queued the run.", nullable = true) Instant createdAt,
		@Schema(description = "Null until the run starts.", nullable = true) Instant startedAt,
		@Schema(description = "Null until the run ends.", nullable = true) Instant completedAt,
		@Schema(description = "Absent while the run waits, partial while it runs.", nullable = true) Records records,
		@Schema(description = "Files written.", nullable = true) Long files,
		@Schema(description = "Bytes written.", nullable = true) Long bytes, List<Problem> errors) {

	static RunResponse from(Run run) {
		Run.Records records = run.records();
		return new RunResponse(run.id(), run.status(), run.state(), run.audienceIds(), run.createdAt(), run.startedAt(),
				run.completedAt(),
				(records != null)
						? new Records(records.received(), records.activated(), records.failed(), records.skipped())
						: null,
				run.files(), run.bytes(),
				run.errors().stream().map((problem) -> new Problem(problem.code(), problem.message())).toList());
	}

	@Schema(name = "RunRecords", description = "Profiles the run read, exported, failed and skipped.")
	record Records(@Schema(nullable = true) Long received, @Schema(nullable = true) Long activated,
			@Schema(nullable = true) Long failed, @Schema(nullable = true) Long skipped) {

	}

	@Schema(name = "RunError")
	record Problem(@Schema(example = "ACTIVATION_BATCH-0000-FAILED") String code, String message) {

	}

	@Schema(name = "RunPage", description = "Runs, newest first.")
	record Page(List<RunResponse> items,
			@Schema(description = "Pass it back to get the next page; absent on the last one.",
					nullable = true) String continuationToken) {

		static Page from(RunPage page) {
			return new Page(page.runs().stream().map(RunResponse::from).toList(), page.continuationToken());
		}

	}

	/** The newest run of one audience, as {@code GET /exports/{id}} shows it. */
	@Schema(name = "AudienceRun")
	record Latest(String audienceId, String runId,
			@Schema(description = "Adobe's status in upper case; null when Adobe gave none.",
					nullable = true) String status,
			RunState state, @Schema(nullable = true) Instant createdAt, @Schema(nullable = true) Instant startedAt,
			@Schema(description = "Null until the run ends.", nullable = true) Instant completedAt,
			@Schema(description = "Profiles exported.", nullable = true) Long activated,
			@Schema(description = "Profiles that failed.", nullable = true) Long failed) {

		static Latest from(LatestRun run) {
			return new Latest(run.audienceId(), run.runId(), run.status(), run.state(), run.createdAt(),
					run.startedAt(), run.completedAt(), run.activated(), run.failed());
		}

	}

}
