package com.acme.aepexport.api;

import java.util.List;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import lombok.RequiredArgsConstructor;

import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

import com.acme.aepexport.export.ExportView;
import com.acme.aepexport.export.RunState;
import com.acme.aepexport.workflow.DataflowRun;
import com.acme.aepexport.workflow.ExportRuns;
import com.acme.aepexport.workflow.RunFilter;
import com.acme.aepexport.workflow.RunPage;

/** The runs of an export's dataflow, as Adobe lists them (through a short cache). */
@ExportsApi
@RequiredArgsConstructor
class RunController {

	static final int MAX_RUNS_LIMIT = 100;

	private final VisibleExports exports;

	private final ExportRuns runs;

	@GetMapping("/{id}/runs")
	@Operation(operationId = "listRuns", summary = "The dataflow's runs, newest first",
			description = "Identical queries within a short window are answered from a cache; the answer carries an "
					+ "ETag, so polling with If-None-Match costs a 304.")
	@ApiResponse(responseCode = "200", description = "A page of runs.")
	@ApiResponse(responseCode = "409", description = "The export has no dataflow yet.")
	@ApiResponse(responseCode = "502", description = "Adobe refused to list the runs, or answered what cannot be read.")
	@ApiResponse(responseCode = "504",
			description = "Adobe did not answer within adobe.http.caller-timeout (2 s by default); try again.")
	ResponseEntity<RunResponse.Page> runs(Caller caller, @PathVariable UUID id,
			@RequestParam(defaultValue = "20") @Min(1) @Max(MAX_RUNS_LIMIT) int limit,
			@Parameter(description = "From the previous page.") @RequestParam(required = false) @Size(
					max = AnswerLimits.CONTINUATION_TOKEN) String continuationToken,
			@Parameter(description = "Only runs that exported this audience (a run still waiting names none). "
					+ "Adobe's filter takes only letters, digits and _ . : @ - in it.") @RequestParam(
							required = false) @Pattern(regexp = ExportController.AUDIENCE_ID,
									message = "must be an audience id (letters, digits, and _ . : @ -)") @Schema(
											maxLength = ExportRequest.MAX_AUDIENCE_ID) String audienceId,
			@Parameter(description = "Only runs with this status of Adobe's, e.g. FAILED: as given, in lower case "
					+ "or capitalised (the spellings of Adobe's examples and schema). Not with state.") @RequestParam(
							required = false) @Pattern(regexp = "^[A-Za-z_]{1,40}$",
									message = "must be a run status, e.g. FAILED") @Schema(
											maxLength = 40) String status,
			@Parameter(description = "Only runs in this state, whichever word Adobe uses for it. Not with status; "
					+ "not UNKNOWN.") @RequestParam(required = false) RunState state) {
		if (status != null && state != null) {
			throw new InvalidRequest(List.of(new FieldProblem("state", "give status or state, not both")));
		}
		if (state == RunState.UNKNOWN) {
			throw new InvalidRequest(
					List.of(new FieldProblem("state", "UNKNOWN is no status of Adobe's to filter on")));
		}
		ExportView export = this.exports.find(caller, id);
		RunPage page = this.runs.runs(export, new RunFilter(limit, status, state, audienceId, continuationToken));
		return ResponseEntity.ok().cacheControl(cacheControl()).body(RunResponse.Page.from(page));
	}

	@GetMapping("/{id}/runs/{runId}")
	@Operation(operationId = "getRun", summary = "One run of the dataflow")
	@ApiResponse(responseCode = "200", description = "The run.")
	@ApiResponse(responseCode = "404", description = "No such export, or no such run of its dataflow.")
	@ApiResponse(responseCode = "502", description = "Adobe refused to show the run, or answered what cannot be read.")
	@ApiResponse(responseCode = "504",
			description = "Adobe did not answer within adobe.http.caller-timeout (2 s by default); try again.")
	ResponseEntity<RunResponse> run(Caller caller, @PathVariable UUID id,
			@PathVariable @Size(max = AnswerLimits.ADOBE_ID) String runId) {
		ExportView export = this.exports.find(caller, id);
		DataflowRun run = this.runs.run(export, runId).orElseThrow(() -> new RunNotFound(export.id(), runId));
		return ResponseEntity.ok().cacheControl(cacheControl()).body(RunResponse.from(run));
	}

	/** Clients may reuse a run list as long as we would answer it from our cache. */
	private CacheControl cacheControl() {
		return CacheControl.maxAge(this.runs.freshFor()).cachePrivate();
	}

}
