package com.acme.aepexport.api;

import java.time.Instant;
import java.util.List;

import io.swagger.v3.oas.annotations.media.Schema;

import com.acme.aepexport.workflow.Run;
import com.acme.aepexport.workflow.RunPage;

/**
 * A dataflow run: did the files go out, for which audiences, how many profiles.
 */
@Schema(name = "Run")
record RunResponse(String id,
		@Schema(description = "Adobe's status in upper case: SUCCESS, FAILED, PROCESSING, WAITING, "
				+ "or another value Adobe reports, kept as it is.", example = "SUCCESS") String status,
		List<String> audienceIds, @Schema(nullable = true) Instant startedAt,
		@Schema(nullable = true) Instant completedAt, @Schema(nullable = true) Records records,
		@Schema(description = "Files written.", nullable = true) Long files,
		@Schema(description = "Bytes written.", nullable = true) Long bytes, List<Problem> errors) {

	static RunResponse from(Run run) {
		Run.Records records = run.records();
		return new RunResponse(run.id(), run.status(), run.audienceIds(), run.startedAt(), run.completedAt(),
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
	record Latest(String audienceId, String runId, String status, @Schema(nullable = true) Instant completedAt,
			@Schema(description = "Profiles exported.", nullable = true) Long activated) {

		static Latest from(String audienceId, Run run) {
			return new Latest(audienceId, run.id(), run.status(), run.completedAt(),
					(run.records() != null) ? run.records().activated() : null);
		}

	}

}
