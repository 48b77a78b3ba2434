package com.acme.aepexport.api;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.net.URI;
import java.util.List;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import lombok.RequiredArgsConstructor;
import tools.jackson.databind.JsonNode;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;

import com.acme.aepexport.export.ActivationJob;
import com.acme.aepexport.export.ActivationJobs;
import com.acme.aepexport.export.CallerRequest;
import com.acme.aepexport.export.DataflowSwitched;
import com.acme.aepexport.export.ExportId;
import com.acme.aepexport.workflow.DataflowSwitch;
import com.acme.aepexport.workflow.ExportActivations;

/** An export's dataflow acted on in Adobe: paused, unpaused, or run now (export now). */
@ExportsApi
@RequiredArgsConstructor
class DataflowController {

	/** {@code /exports/{id}/activations/} and a UUID. */
	static final int ACTIVATION_LOCATION_LENGTH = 94;

	private final VisibleExports exports;

	private final RequestReader reader;

	private final DataflowSwitch dataflows;

	private final ExportActivations activations;

	private final ActivationJobs activationJobs;

	@PostMapping("/{id}/pause")
	@Operation(operationId = "pauseExport", summary = "Pause the dataflow: Adobe starts no run until it is unpaused",
			description = "Disables the export's dataflow in Adobe (`POST /flows/{id}/action`, with the flow's "
					+ "current etag in If-Match), and answers once Adobe has it; `dataflow.state` is then DISABLED. "
					+ "Pausing a paused dataflow changes nothing (`changed: false`). Not to be confused with "
					+ "POST /exports/{id}/resume, which continues the workflow of a FAILED export: pause and unpause "
					+ "act on the dataflow Adobe runs on its schedules, whatever the export's status.")
	@Switched
	ResponseEntity<ExportResponse> pause(Caller caller, @PathVariable UUID id) {
		return switched(this.dataflows.pause(this.exports.idOf(caller, id), CallerRequest.by(caller.id())));
	}

	@PostMapping("/{id}/unpause")
	@Operation(operationId = "unpauseExport", summary = "Unpause the dataflow: Adobe runs it on its schedules again",
			description = "Enables the export's dataflow in Adobe again, as pause disables it; `dataflow.state` is "
					+ "then ENABLED. Unpausing a dataflow that runs changes nothing (`changed: false`). Not "
					+ "POST /exports/{id}/resume, which continues the workflow of a FAILED export.")
	@Switched
	ResponseEntity<ExportResponse> unpause(Caller caller, @PathVariable UUID id) {
		return switched(this.dataflows.unpause(this.exports.idOf(caller, id), CallerRequest.by(caller.id())));
	}

	/** What pause and unpause answer alike. */
	@Target(ElementType.METHOD)
	@Retention(RetentionPolicy.RUNTIME)
	@ApiResponse(responseCode = "200",
			description = "Switched: Adobe's dataflow is in the state asked for (`changed`: whether it was switched "
					+ "now).",
			headers = @Header(name = "ETag", ref = OpenApiContract.EXPORT_VERSION))
	@ApiResponse(responseCode = "409",
			description = "The export has no dataflow yet (wait until it has SUCCEEDED), or is being deleted.")
	@ApiResponse(responseCode = "502",
			description = "Adobe refused to switch the dataflow (nothing changed); `adobeStatus` and `adobeCode` say "
					+ "how.")
	@ApiResponse(responseCode = "504", description = "Adobe did not answer in time; the dataflow's state is "
			+ "unknown until asked again (asking again is safe).")
	@interface Switched {

	}

	private static ResponseEntity<ExportResponse> switched(DataflowSwitched switched) {
		return ResponseEntity.ok()
			.eTag(ExportResponse.etag(switched.export()))
			.body(ExportResponse.afterSwitch(switched.export(), switched.changed()));
	}

	@PostMapping("/{id}/activations")
	@Operation(operationId = "activateExport", summary = "Export now: activate the export's audiences at once",
			description = "Starts one ad hoc activation job in Adobe (its Ad Hoc Activation API v2, "
					+ "`POST /data/core/activation/disflowprovider/adhocrun`) for the export's dataflow and the audiences "
					+ "named, all the export's by default, without waiting for their schedules. Adobe exports the "
					+ "latest segmentation results; it does not evaluate the audiences again.\n\n"
					+ "Adobe's guardrails are checked first, and a job that breaks one is not sent: at most 80 "
					+ "audiences per job and only the export's (422); no scheduled run of an audience waiting or "
					+ "running, as Adobe lists the dataflow's runs now; one ad hoc job per audience at a time (a job "
					+ "holds its audiences until its runs end, at most exports.activations.in-progress-for, 3 h by "
					+ "default); not until an hour after an audience's first scheduled activation (its schedule's "
					+ "startDate at startTime, UTC), nor past its endDate (409). `errors` names every audience "
					+ "refused and why, `guardrail` the first reason.\n\n"
					+ "The job is stored before Adobe is called, and answered with Adobe's runs: each appears under "
					+ "GET /exports/{id}/runs and moves through its states as scheduled runs do.")
	@ApiResponse(responseCode = "202",
			description = "Adobe started the job: its answer, one run per audience, and the job as stored.",
			headers = @Header(name = "Location", ref = OpenApiContract.ACTIVATION_LOCATION))
	@ApiResponse(responseCode = "409",
			description = "A guardrail forbids the job now (`guardrail`: SCHEDULED_RUN_IN_PROGRESS, "
					+ "ACTIVATION_IN_PROGRESS, TOO_SOON_AFTER_FIRST_SCHEDULED_ACTIVATION, SCHEDULE_ENDED; `errors` "
					+ "per audience), or the export has no dataflow yet or has not SUCCEEDED. Nothing was sent.")
	@ApiResponse(responseCode = "422",
			description = "The job cannot be made as asked (`guardrail`: AUDIENCE_NOT_IN_EXPORT, "
					+ "AUDIENCE_NAMED_TWICE, NO_AUDIENCE, TOO_MANY_AUDIENCES; `errors` names `audienceIds[i]`). "
					+ "Nothing was sent.")
	@ApiResponse(responseCode = "502",
			description = "Adobe refused the job (nothing started; `adobeStatus` and `detail` say how, e.g. a 400 "
					+ "when a run of an audience goes on already), or answered what cannot be read (the job may "
					+ "have started, and holds its audiences).")
	@ApiResponse(responseCode = "504",
			description = "Adobe did not answer in time, while listing the runs (nothing was sent) or to the job "
					+ "(it may have started, and holds its audiences until exports.activations.in-progress-for "
					+ "has passed).")
	@io.swagger.v3.oas.annotations.parameters.RequestBody(required = false,
			content = @Content(mediaType = "application/json",
					schema = @Schema(implementation = ActivationRequest.class),
					examples = { @ExampleObject(name = "all the export's audiences", value = "{}"),
							@ExampleObject(name = "two audiences",
									value = "{\"audienceIds\": [\"979558ae-a8ba-4e6e-b6ba-95c0a523b44a\", "
											+ "\"5b0a6f2e-3c1d-4b7e-9f21-0d8c7a6e4b3f\"]}") }))
	ResponseEntity<ActivationResponse> activate(Caller caller, @PathVariable UUID id,
			@RequestBody(required = false) JsonNode body) {
		ExportId export = this.exports.idOf(caller, id);
		List<String> audienceIds = (body == null || body.isNull()) ? null
				: this.reader.read(body, ActivationRequest.class).audienceIds();
		ActivationJob job = this.activations.activate(export, audienceIds,
				new CallerRequest(caller.id(), (body == null || body.isNull()) ? null : body));
		return ResponseEntity.accepted()
			.location(URI.create("/exports/" + id + "/activations/" + job.id()))
			.body(ActivationResponse.from(job));
	}

	@GetMapping("/{id}/activations/{activationId}")
	@Operation(operationId = "getActivation", summary = "One export-now job, as stored",
			description = "The job POST /exports/{id}/activations started (its `Location`): its audiences, status, "
					+ "Adobe's answer per audience (the run ids that GET /exports/{id}/runs lists) and until when it "
					+ "holds its audiences. Answered from the database; the runs' progress is in GET "
					+ "/exports/{id}/runs.")
	@ApiResponse(responseCode = "200", description = "The job.")
	@ApiResponse(responseCode = "404", description = "No such export for this caller, or no such job of it.")
	ActivationResponse activation(Caller caller, @PathVariable UUID id, @PathVariable UUID activationId) {
		ExportId export = this.exports.idOf(caller, id);
		return ActivationResponse.from(this.activationJobs.find(export, activationId)
			.orElseThrow(() -> new ActivationNotFound(export, activationId)));
	}

}
