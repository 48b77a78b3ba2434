package com.acme.aepexport.api;

import java.net.URI;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Matcher;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import com.acme.aepexport.export.Accepted;
import com.acme.aepexport.export.ActivationJob;
import com.acme.aepexport.export.ActivationJobs;
import com.acme.aepexport.export.CallerRequest;
import com.acme.aepexport.export.ChangeView;
import com.acme.aepexport.export.DataflowSwitched;
import com.acme.aepexport.export.DestinationType;
import com.acme.aepexport.export.ExportFilter;
import com.acme.aepexport.export.ExportHistory;
import com.acme.aepexport.export.ExportId;
import com.acme.aepexport.export.ExportNotFound;
import com.acme.aepexport.export.ExportService;
import com.acme.aepexport.export.ExportStatus;
import com.acme.aepexport.export.ExportView;
import com.acme.aepexport.export.IdempotentRequest;
import com.acme.aepexport.export.NewExport;
import com.acme.aepexport.export.RunState;
import com.acme.aepexport.workflow.DataflowRun;
import com.acme.aepexport.workflow.DataflowSwitch;
import com.acme.aepexport.workflow.ExportActivations;
import com.acme.aepexport.workflow.ExportChanges;
import com.acme.aepexport.workflow.ExportImports;
import com.acme.aepexport.workflow.ExportPlanner;
import com.acme.aepexport.workflow.ExportRuns;
import com.acme.aepexport.workflow.ExportWorkflow;
import com.acme.aepexport.workflow.InvalidField;
import com.acme.aepexport.workflow.NotChangeableInPlace;
import com.acme.aepexport.workflow.RunFilter;
import com.acme.aepexport.workflow.RunPage;

@RestController
@RequestMapping("/exports")
@Validated
@Tag(name = "Exports", description = "Activate audiences to a cloud-storage destination and follow the workflow.")
class ExportController {

	static final String IDEMPOTENCY_KEY = "Idempotency-Key";

	static final String MERGE_PATCH = "application/merge-patch+json";

	/**
	 * One strong entity tag of ours: the export's version in quotes (named in full:
	 * {@code Pattern} is the validation constraint here).
	 */
	private static final java.util.regex.Pattern ETAG = java.util.regex.Pattern.compile("\"(\\d{1,18})\"");

	/**
	 * What an audience id may hold: Adobe's ids, which a run filter sends to Adobe as
	 * they are (its filter grammar has no escape).
	 */
	static final String AUDIENCE_ID = "^[A-Za-z0-9_.:@-]{1,256}$";

	/** Set when an idempotency key answered with the export an earlier request made. */
	static final String IDEMPOTENT_REPLAYED = "Idempotent-Replayed";

	static final int MAX_PAGE_SIZE = 100;

	static final int MAX_RUNS_LIMIT = 100;

	/** {@code /exports/} and a UUID. */
	static final int LOCATION_LENGTH = 45;

	/** {@code /exports/{id}/activations/} and a UUID. */
	static final int ACTIVATION_LOCATION_LENGTH = 94;

	/** Our ETag of an export: its version (a {@code long}) in double quotes. */
	static final int ETAG_LENGTH = 21;

	/**
	 * The ETag {@code ShallowEtagHeaderFilter} gives other answers: {@code "0} and the
	 * body's MD5 in hex, then {@code "}.
	 */
	static final int BODY_ETAG_LENGTH = 35;

	/**
	 * A longer If-Match is a 400: it cannot name a version of ours (at most
	 * {@link #ETAG_LENGTH} characters), and is not worth parsing.
	 */
	static final int MAX_IF_MATCH = 256;

	private final ExportWorkflow workflow;

	private final ExportService exports;

	private final Clock clock;

	private final RequestReader reader;

	private final ExportRuns runs;

	private final ExportChanges changes;

	private final DataflowSwitch dataflows;

	private final ExportActivations activations;

	private final ActivationJobs activationJobs;

	private final ExportImports imports;

	private final ExportHistory history;

	private final ExportPlanner planner;

	/** Clients may reuse a run list as long as we would answer it from our cache. */
	private final CacheControl runsCacheControl;

	ExportController(ExportWorkflow workflow, ExportService exports, Clock clock, RequestReader reader, ExportRuns runs,
			ExportChanges changes, DataflowSwitch dataflows, ExportActivations activations,
			ActivationJobs activationJobs, ExportImports imports, ExportHistory history, ExportPlanner planner,
			ApiSettings settings) {
		this.imports = imports;
		this.planner = planner;
		this.dataflows = dataflows;
		this.history = history;
		this.activations = activations;
		this.activationJobs = activationJobs;
		this.workflow = workflow;
		this.exports = exports;
		this.clock = clock;
		this.reader = reader;
		this.runs = runs;
		this.changes = changes;
		this.runsCacheControl = CacheControl.maxAge(runs.freshFor()).cachePrivate();
	}

	@PostMapping
	@Operation(operationId = "startExport", summary = "Start an export",
			description = "Stores the export and answers at once; workers run Adobe's steps in the background. "
					+ "Follow it at the Location.")
	@ApiResponse(responseCode = "202", description = "Accepted; the export is PENDING.",
			headers = {
					@Header(name = "Location", description = "/exports/{id}",
							schema = @Schema(type = "string", maxLength = LOCATION_LENGTH)),
					@Header(name = IDEMPOTENT_REPLAYED,
							description = "`true` when this answers an earlier request with the same Idempotency-Key "
									+ "(no new export was started).",
							schema = @Schema(type = "boolean")) })
	@ApiResponse(responseCode = "422", description = "The Idempotency-Key was used with another body.")
	@ApiResponse(responseCode = "429",
			description = "This instance is starting as many exports as it serves at once "
					+ "(exports.requests.max-concurrent-creates, 16 by default); nothing was stored. "
					+ "Try again after `Retry-After` seconds.",
			headers = @Header(name = "Retry-After", description = "Seconds to wait.",
					schema = @Schema(type = "integer", format = "int32",
							minimum = "" + CreateConcurrencyLimit.RETRY_AFTER_SECONDS,
							maximum = "" + CreateConcurrencyLimit.RETRY_AFTER_SECONDS)))
	// Its examples, one per file in openapi/examples, are added by OpenApiConfiguration.
	@io.swagger.v3.oas.annotations.parameters.RequestBody(
			content = @Content(mediaType = "application/json", schema = @Schema(implementation = ExportRequest.class)))
	ResponseEntity<ExportResponse> start(@Parameter(hidden = true) Caller caller,
			@Parameter(description = "Makes retries of this request safe: the same key with the same body answers the "
					+ "export the first request made (for exports.idempotency.retention, 24 hours by default); with another body, 422. Keys are per caller.") @RequestHeader(
							name = IDEMPOTENCY_KEY, required = false) @Size(min = 1, max = 255) String idempotencyKey,
			@RequestBody JsonNode body) {
		ExportRequest request = this.reader.read(body, ExportRequest.class);
		NewExport command = checked(request, caller, this.workflow::problemsWith);
		CallerRequest asked = new CallerRequest(caller.id(), ExportRequest.withoutSecrets(body));
		if (idempotencyKey == null) {
			return accepted(this.workflow.start(command, asked), false);
		}
		// The request as sent (our canonical JSON of it), to tell a retry from another
		// request.
		byte[] sent = this.reader.canonical(request);
		Accepted accepted = this.workflow.start(command, new IdempotentRequest(idempotencyKey, sent), asked);
		return accepted(accepted.export(), accepted.replayed());
	}

	@PostMapping("/plan")
	@Operation(operationId = "planExport",
			summary = "Plan an export: check it against Adobe and list the calls it would make, writing nothing",
			description = "Takes the body POST /exports takes and checks it the same way: every rule it breaks is the "
					+ "same 400 naming every bad field, Adobe's connection spec of the destination included, and the "
					+ "sandbox's profiles (each mapping source, attribute key and mandatory field a field of the "
					+ "profile union schema, each identity an active identity namespace), which the plan reads from "
					+ "Adobe now.\n\n"
					+ "Then answers the calls an export of the body would make in Adobe, in order, each with its "
					+ "method, path and body, built by the same code that builds an export's, and the name of the "
					+ "files each audience would produce. Nothing is written: no export, no Idempotency-Key, no "
					+ "credentials are stored, and Adobe is only read. Unlike POST /exports, a plan fails (502, 503, "
					+ "504) when Adobe cannot be read within adobe.http.caller-timeout, instead of leaving the checks "
					+ "to Adobe.")
	@ApiResponse(responseCode = "200", description = "The plan.",
			content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
					schema = @Schema(implementation = ExportPlanResponse.class),
					examples = @ExampleObject(name = "AMAZON_S3",
							ref = OpenApiConfiguration.EXAMPLES + OpenApiConfiguration.PLAN_EXAMPLE)))
	@ApiResponse(responseCode = "429",
			description = "This instance is serving as many POST /exports and plans as it serves at once "
					+ "(exports.requests.max-concurrent-creates, 16 by default). Try again after `Retry-After` "
					+ "seconds.",
			headers = @Header(name = "Retry-After", description = "Seconds to wait.",
					schema = @Schema(type = "integer", format = "int32",
							minimum = "" + CreateConcurrencyLimit.RETRY_AFTER_SECONDS,
							maximum = "" + CreateConcurrencyLimit.RETRY_AFTER_SECONDS)))
	@ApiResponse(responseCode = "502",
			description = "Adobe refused a read the plan needs (the connection spec, the profile union schema, the "
					+ "identity namespaces); `adobeStatus` and `adobeCode` say how.")
	@ApiResponse(responseCode = "504",
			description = "Adobe did not answer a read the plan needs within adobe.http.caller-timeout (2 s by "
					+ "default); try again.")
	// Its examples, one per file in openapi/examples, are added by OpenApiConfiguration.
	@io.swagger.v3.oas.annotations.parameters.RequestBody(
			content = @Content(mediaType = "application/json", schema = @Schema(implementation = ExportRequest.class)))
	ExportPlanResponse plan(@Parameter(hidden = true) Caller caller, @RequestBody JsonNode body) {
		NewExport command = checked(this.reader.read(body, ExportRequest.class), caller, this.planner::problemsWith);
		return ExportPlanResponse.from(this.planner.plan(command));
	}

	/**
	 * The request as a command, once nothing in it is refused: {@code POST /exports} and
	 * its plan read and check a body the same way, and refuse it with the same problem.
	 * @param check what Adobe refuses in it
	 * @throws InvalidRequest naming every field refused
	 */
	private NewExport checked(ExportRequest request, Caller caller, Function<NewExport, List<InvalidField>> check) {
		NewExport command = request.toCommand(caller.id(), LocalDate.now(this.clock));
		List<FieldProblem> refused = check.apply(command)
			.stream()
			.map((invalid) -> new FieldProblem(invalid.field(), invalid.message()))
			.toList();
		if (!refused.isEmpty()) {
			throw new InvalidRequest(refused);
		}
		return command;
	}

	@PostMapping("/imports")
	@Operation(operationId = "importExport", summary = "Import a dataflow built elsewhere as an export",
			description = "Adopts a file-based audience export built in Adobe's UI (or by another tool) as an export "
					+ "of this service, without credentials and without changing anything in Adobe: reads the "
					+ "dataflow (`GET /flows/{id}`), its target, source and base connections (never their "
					+ "credentials) and its mapping set, and stores them as an export marked `imported`, SUCCEEDED, "
					+ "each step with the Adobe entity it stands for (its id and current etag or version), a step "
					+ "the dataflow has no entity for SKIPPED. From then on its runs, changes (PATCH), export now, "
					+ "pause and unpause, and DELETE work as on any other export; DELETE leaves the base and source "
					+ "connections other dataflows still use.\n\n"
					+ "Only a dataflow from the Profile Store to a destination of GET /destinations, with that "
					+ "destination's audience flow spec, can be imported (422 otherwise, `dataflowKind` saying what "
					+ "it is), and only once: one export per dataflow (409).")
	@ApiResponse(responseCode = "201", description = "Imported; the export is SUCCEEDED.",
			headers = @Header(name = "Location", description = "/exports/{id}",
					schema = @Schema(type = "string", maxLength = LOCATION_LENGTH)))
	@ApiResponse(responseCode = "404", description = "Adobe has no such dataflow in the sandbox.")
	@ApiResponse(responseCode = "409",
			description = "An export has this dataflow already: one this service created, or one imported before "
					+ "(`exportId` names it when it is the caller's). Nothing was asked of Adobe.")
	@ApiResponse(responseCode = "422",
			description = "Not a file-based audience export to a destination of GET /destinations: `dataflowKind` "
					+ "says what it is instead (DATASET_EXPORT, SOURCE_DATAFLOW, LEGACY_FILE_EXPORT, "
					+ "OTHER_DESTINATION, UNKNOWN) and `detail` names its connection and flow specs; or one that "
					+ "holds what an export cannot (AUDIENCE_FILE_EXPORT, `errors` naming each value, e.g. a "
					+ "schedule frequency this service does not offer). Nothing was stored.")
	@ApiResponse(responseCode = "429",
			description = "This instance is starting or importing as many exports as it serves at once "
					+ "(exports.requests.max-concurrent-creates, 16 by default); nothing was read or stored. "
					+ "Try again after `Retry-After` seconds.",
			headers = @Header(name = "Retry-After", description = "Seconds to wait.",
					schema = @Schema(type = "integer", format = "int32",
							minimum = "" + CreateConcurrencyLimit.RETRY_AFTER_SECONDS,
							maximum = "" + CreateConcurrencyLimit.RETRY_AFTER_SECONDS)))
	@ApiResponse(responseCode = "502",
			description = "Adobe refused a read, or answered what cannot be read; nothing was stored "
					+ "(`adobeStatus` and `detail` say how).")
	@ApiResponse(responseCode = "504",
			description = "Adobe did not answer in time; nothing was stored. " + "Importing again is safe.")
	@io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(mediaType = "application/json",
			schema = @Schema(implementation = ImportRequest.class),
			examples = { @ExampleObject(name = "IMPORT", ref = OpenApiConfiguration.EXAMPLES + "IMPORT"),
					@ExampleObject(name = "IMPORT_NAMED", ref = OpenApiConfiguration.EXAMPLES + "IMPORT_NAMED") }))
	ResponseEntity<ExportResponse> importExport(@Parameter(hidden = true) Caller caller, @RequestBody JsonNode body) {
		ImportRequest request = this.reader.read(body, ImportRequest.class);
		ExportView export = this.imports.adopt(caller.id(), request.sandbox(), request.flowId(), request.name(),
				request::fit, new CallerRequest(caller.id(), body));
		return ResponseEntity.created(URI.create("/exports/" + export.id())).body(ExportResponse.from(export));
	}

	@PostMapping("/{id}/resume")
	@Operation(operationId = "resumeExport", summary = "Continue a FAILED export from where it stopped",
			description = "Steps that succeeded are not called again; a step that may have reached Adobe looks for "
					+ "its entity before creating another.")
	@ApiResponse(responseCode = "202", description = "Accepted; the export is RUNNING again.",
			headers = @Header(name = "Location", description = "/exports/{id}",
					schema = @Schema(type = "string", maxLength = LOCATION_LENGTH)))
	@ApiResponse(responseCode = "409", description = "The export is not FAILED.")
	ResponseEntity<ExportResponse> resume(@Parameter(hidden = true) Caller caller, @PathVariable UUID id) {
		ExportView export = visible(caller, new ExportId(id));
		return accepted(this.workflow.resume(export.id(), CallerRequest.by(caller.id())), false);
	}

	@PostMapping("/{id}/pause")
	@Operation(operationId = "pauseExport", summary = "Pause the dataflow: Adobe starts no run until it is unpaused",
			description = "Disables the export's dataflow in Adobe (`POST /flows/{id}/action`, with the flow's "
					+ "current etag in If-Match), and answers once Adobe has it; `dataflow.state` is then DISABLED. "
					+ "Pausing a paused dataflow changes nothing (`changed: false`). Not to be confused with "
					+ "POST /exports/{id}/resume, which continues the workflow of a FAILED export: pause and unpause "
					+ "act on the dataflow Adobe runs on its schedules, whatever the export's status.")
	@ApiResponse(responseCode = "200",
			description = "Paused: Adobe's dataflow is disabled (`changed`: whether it was switched now).",
			headers = @Header(name = "ETag", description = "The export's version.",
					schema = @Schema(type = "string", maxLength = ETAG_LENGTH)))
	@ApiResponse(responseCode = "409",
			description = "The export has no dataflow yet (wait until it has SUCCEEDED), or is being deleted.")
	@ApiResponse(responseCode = "502",
			description = "Adobe refused to switch the dataflow (nothing changed); `adobeStatus` and `adobeCode` say "
					+ "how.")
	@ApiResponse(responseCode = "504", description = "Adobe did not answer in time; the dataflow's state is "
			+ "unknown until asked again (pausing again is safe).")
	ResponseEntity<ExportResponse> pause(@Parameter(hidden = true) Caller caller, @PathVariable UUID id) {
		ExportView export = visible(caller, new ExportId(id));
		return switched(this.dataflows.pause(export.id(), CallerRequest.by(caller.id())));
	}

	@PostMapping("/{id}/unpause")
	@Operation(operationId = "unpauseExport", summary = "Unpause the dataflow: Adobe runs it on its schedules again",
			description = "Enables the export's dataflow in Adobe again, as pause disables it; `dataflow.state` is "
					+ "then ENABLED. Unpausing a dataflow that runs changes nothing (`changed: false`). Not "
					+ "POST /exports/{id}/resume, which continues the workflow of a FAILED export.")
	@ApiResponse(responseCode = "200",
			description = "Unpaused: Adobe's dataflow is enabled (`changed`: whether it was switched now).",
			headers = @Header(name = "ETag", description = "The export's version.",
					schema = @Schema(type = "string", maxLength = ETAG_LENGTH)))
	@ApiResponse(responseCode = "409",
			description = "The export has no dataflow yet (wait until it has SUCCEEDED), or is being deleted.")
	@ApiResponse(responseCode = "502",
			description = "Adobe refused to switch the dataflow (nothing changed); `adobeStatus` and `adobeCode` say "
					+ "how.")
	@ApiResponse(responseCode = "504", description = "Adobe did not answer in time; the dataflow's state is "
			+ "unknown until asked again (unpausing again is safe).")
	ResponseEntity<ExportResponse> unpause(@Parameter(hidden = true) Caller caller, @PathVariable UUID id) {
		ExportView export = visible(caller, new ExportId(id));
		return switched(this.dataflows.unpause(export.id(), CallerRequest.by(caller.id())));
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
			headers = @Header(name = "Location", description = "/exports/{id}/activations/{activationId}",
					schema = @Schema(type = "string", maxLength = ACTIVATION_LOCATION_LENGTH)))
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
	ResponseEntity<ActivationResponse> activate(@Parameter(hidden = true) Caller caller, @PathVariable UUID id,
			@RequestBody(required = false) JsonNode body) {
		ExportView export = visible(caller, new ExportId(id));
		List<String> audienceIds = (body == null || body.isNull()) ? null
				: this.reader.read(body, ActivationRequest.class).audienceIds();
		ActivationJob job = this.activations.activate(export.id(), audienceIds,
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
	ActivationResponse activation(@Parameter(hidden = true) Caller caller, @PathVariable UUID id,
			@PathVariable UUID activationId) {
		ExportView export = visible(caller, new ExportId(id));
		return ActivationResponse.from(this.activationJobs.find(export.id(), activationId)
			.orElseThrow(() -> new ActivationNotFound(export.id(), activationId)));
	}

	private static ResponseEntity<ExportResponse> switched(DataflowSwitched switched) {
		return ResponseEntity.ok()
			.eTag(etag(switched.export()))
			.body(ExportResponse.afterSwitch(switched.export(), switched.changed()));
	}

	private static ResponseEntity<ExportResponse> accepted(ExportView export, boolean replayed) {
		ResponseEntity.BodyBuilder response = ResponseEntity.accepted().location(URI.create("/exports/" + export.id()));
		if (replayed) {
			response.header(IDEMPOTENT_REPLAYED, "true");
		}
		return response.body(ExportResponse.from(export));
	}

	@GetMapping("/{id}")
	@Operation(operationId = "getExport", summary = "Get an export with every step and the latest run of each audience",
			description = "Answered from the service's own store, never waiting on Adobe: the latest runs are those "
					+ "the service last read from Adobe in the background, as of `latestRunsAsOf`.")
	@ApiResponse(responseCode = "200", description = "The export.",
			headers = @Header(name = "ETag",
					description = "The export's version (its status, steps, spec and changes; not latestRuns): send it "
							+ "in If-Match with a PATCH to change only this version.",
					schema = @Schema(type = "string", maxLength = ETAG_LENGTH)))
	ResponseEntity<ExportResponse> get(@Parameter(hidden = true) Caller caller, @PathVariable UUID id) {
		ExportService.ExportWithChange read = this.exports.findWithChange(new ExportId(id))
			.filter((found) -> caller.mayAccess(found.export().owner()))
			.orElseThrow(() -> new ExportNotFound(new ExportId(id)));
		ExportView export = read.export();
		return ResponseEntity.ok()
			.eTag(etag(export))
			.body(ExportResponse.from(export, read.latestRuns(), read.change()));
	}

	@PatchMapping(path = "/{id}", consumes = { MERGE_PATCH, MediaType.APPLICATION_JSON_VALUE })
	@Operation(operationId = "changeExport",
			summary = "Change audiences, schedules, file names, keys, the mapping or the manifest file in place",
			description = "A JSON merge patch (RFC 7396) of audiences (with their schedules and file name "
					+ "templates), schedule, mandatoryFields, deduplicationKeys, mapping and file.manifest. The "
					+ "dataflow's change is computed against the dataflow as Adobe holds it and sent as one JSON "
					+ "Patch.\n\n"
					+ "A new `mapping` (whole, checked as POST /exports checks it) is a new mapping set in Adobe's "
					+ "Data Prep, which the dataflow then exports through; the one it replaces stays in Adobe, "
					+ "unattached (Data Prep documents no delete). `file.manifest` turns Adobe's manifest file on or "
					+ "off on the dataflow's target connection.\n\n"
					+ "A list given replaces the export's: an empty `mandatoryFields` or `deduplicationKeys` clears "
					+ "them (so does `null`, which clients generated from this contract leave out). A list left out "
					+ "stays as it is (generated clients: leave a list you do not change unset, not empty).\n\n"
					+ "A patch that changes nothing (the export, with the changes accepted before, already is as "
					+ "asked) is answered 200 with `changed: false`: nothing was changed or sent to Adobe (the request is "
					+ "in the export's history, APPLIED).")
	@ApiResponse(responseCode = "200",
			description = "Changed: Adobe's dataflow carries it (or already did); or, with `changed: false`, "
					+ "nothing to change.",
			headers = @Header(name = "ETag", description = "The export's new version.",
					schema = @Schema(type = "string", maxLength = ETAG_LENGTH)))
	@ApiResponse(responseCode = "202",
			description = "Accepted, not yet confirmed by Adobe within exports.changes.answer-within (10 s by "
					+ "default): a worker carries the change on, and `change` on the export says where it stands.",
			headers = {
					@Header(name = "Location", description = "/exports/{id}",
							schema = @Schema(type = "string", maxLength = LOCATION_LENGTH)),
					@Header(name = "ETag", description = "The export's new version.",
							schema = @Schema(type = "string", maxLength = ETAG_LENGTH)) })
	@ApiResponse(responseCode = "409",
			description = "The export is not SUCCEEDED, or was deleted before Adobe " + "confirmed the change.")
	@ApiResponse(responseCode = "412", description = "If-Match names another version of the export: read it again.")
	@ApiResponse(responseCode = "422",
			description = "A field that cannot change in place (name, sandbox, destination, a file option but "
					+ "manifest; `errors` names each, e.g. `file.format`): create a new export.")
	@ApiResponse(responseCode = "502",
			description = "Adobe refused the change (nothing changed); `adobeStatus` and " + "`adobeCode` say how.")
	@io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(mediaType = MERGE_PATCH,
			schema = @Schema(implementation = ExportPatch.class),
			examples = { @ExampleObject(name = "add an audience, clear the mandatory fields",
					value = "{\"audiences\": [{\"id\": \"979558ae-a8ba-4e6e-b6ba-95c0a523b44a\"}, "
							+ "{\"id\": \"5b0a6f2e-3c1d-4b7e-9f21-0d8c7a6e4b3f\", \"name\": \"Lapsed buyers\"}], "
							+ "\"mandatoryFields\": []}"),
					@ExampleObject(name = "change the mapping",
							value = "{\"mapping\": [{\"source\": \"person.name.firstName\", \"target\": \"firstName\"}, "
									+ "{\"source\": \"person.name.lastName\", \"target\": \"lastName\"}, "
									+ "{\"source\": \"identityMap.Email\", \"target\": \"Email\"}]}"),
					@ExampleObject(name = "name the files, write a manifest",
							value = "{\"audiences\": [{\"id\": \"979558ae-a8ba-4e6e-b6ba-95c0a523b44a\", "
									+ "\"filenameTemplate\": \"%SEGMENT_NAME%_%DATETIME(YYYYMMdd_HHmmss)%\"}], "
									+ "\"file\": {\"manifest\": true}}") }))
	ResponseEntity<ExportResponse> change(@Parameter(hidden = true) Caller caller, @PathVariable UUID id,
			@Parameter(description = "The ETag of GET /exports/{id}: the change applies only to that version of the "
					+ "export (412 otherwise). Without it, changes are applied in the order they arrive, each to the "
					+ "export as the one before left it.") @RequestHeader(name = HttpHeaders.IF_MATCH,
							required = false) @Size(max = MAX_IF_MATCH) String ifMatch,
			@RequestBody JsonNode body) throws InterruptedException {
		ExportView export = visible(caller, new ExportId(id));
		if (!body.isObject()) {
			throw new InvalidRequest(List.of(new FieldProblem("", "must be a JSON object (a merge patch)")));
		}
		List<String> fixed = new ArrayList<>(
				body.propertyNames().stream().filter(ExportPatch.FIXED::contains).toList());
		JsonNode file = body.path("file");
		if (file.isObject()) {
			file.propertyNames()
				.stream()
				.filter((option) -> !option.equals(ExportPatch.MANIFEST))
				.forEach((option) -> fixed.add("file." + option));
		}
		if (!fixed.isEmpty()) {
			throw new NotChangeableInPlace(fixed.stream().sorted().toList());
		}
		Set<String> cleared = new HashSet<>();
		List<FieldProblem> notRemovable = new ArrayList<>();
		ObjectNode patch = ((ObjectNode) body).deepCopy();
		if (patch.path("file") instanceof ObjectNode options && options.path(ExportPatch.MANIFEST).isNull()
				&& options.has(ExportPatch.MANIFEST)) {
			// A merge patch's null removes the member: the manifest goes back to its
			// default, none.
			options.remove(ExportPatch.MANIFEST);
			cleared.add("file." + ExportPatch.MANIFEST);
		}
		for (String name : List.copyOf(patch.propertyNames())) {
			if (patch.get(name).isNull()) {
				patch.remove(name);
				if (name.equals("mandatoryFields") || name.equals("deduplicationKeys")) {
					cleared.add(name);
				}
				else {
					notRemovable.add(new FieldProblem(name, "cannot be removed"));
				}
			}
		}
		if (!notRemovable.isEmpty()) {
			throw new InvalidRequest(notRemovable);
		}
		ExportPatch parsed = this.reader.read(patch, ExportPatch.class);
		LocalDate today = LocalDate.now(this.clock);
		ExportChanges.Outcome outcome = this.changes.change(export.id(), new CallerRequest(caller.id(), body),
				expectedVersion(ifMatch), (base) -> parsed.applyTo(base, cleared, today));
		ResponseEntity.BodyBuilder response = outcome.pending()
				? ResponseEntity.accepted().location(URI.create("/exports/" + export.id())) : ResponseEntity.ok();
		boolean changed = outcome.change() != null;
		ChangeView change = changed ? outcome.change() : this.changes.latest(export.id()).orElse(null);
		return response.eTag(etag(outcome.export())).body(ExportResponse.afterPatch(outcome.export(), change, changed));
	}

	private static String etag(ExportView export) {
		return "\"" + export.version() + "\"";
	}

	/**
	 * The version {@code If-Match} names: {@code null} for none or {@code *} (the export
	 * exists, or it is a 404), {@code -1} for what names no version of ours (a weak tag,
	 * which never matches, or a foreign one), so that it is a 412.
	 */
	private static Long expectedVersion(String ifMatch) {
		if (ifMatch == null || ifMatch.isBlank() || ifMatch.strip().equals("*")) {
			return null;
		}
		Matcher tag = ETAG.matcher(ifMatch.strip());
		return tag.matches() ? Long.valueOf(tag.group(1)) : -1L;
	}

	@DeleteMapping("/{id}")
	@Operation(operationId = "deleteExport", summary = "Tear down the Adobe entities the export created",
			description = "Deletes, newest first, the dataflow, mapping set, target, base and source connections; "
					+ "the export is DELETING, then DELETED. Deleting again continues a teardown that stopped on an "
					+ "error, and is harmless once DELETED. An imported export leaves the base and source "
					+ "connections another dataflow still uses (its steps say so in `leftBehind`).")
	@ApiResponse(responseCode = "202", description = "Accepted; the export is DELETING (or DELETED already).")
	@ApiResponse(responseCode = "409", description = "The export is running.")
	ResponseEntity<ExportResponse> delete(@Parameter(hidden = true) Caller caller, @PathVariable UUID id) {
		ExportView export = visible(caller, new ExportId(id));
		return accepted(this.workflow.delete(export.id(), CallerRequest.by(caller.id())), false);
	}

	@GetMapping("/{id}/history")
	@Operation(operationId = "listHistory", summary = "Every request accepted for the export, newest first",
			description = "Who asked what, when, and what became of it: the export's creation, each PATCH (the merge "
					+ "patch as sent), resume, pause, unpause, export now and delete. An entry is written with the "
					+ "change it records, in the same transaction, and never changes afterwards but for its outcome: "
					+ "ACCEPTED until the work it started ends (the workflow, a change Adobe has yet to confirm, a "
					+ "teardown), then APPLIED, REFUSED or FAILED, with the Adobe calls it made (ids and etags, as "
					+ "GET /exports/{id} shows them). Requests refused before anything was stored or sent (a 400, "
					+ "409, 412 or 422) are not entries. Credentials and keys are never shown. Answered from the "
					+ "database; the entries go when the export is purged.")
	@ApiResponse(responseCode = "200", description = "A page of the history.",
			headers = @Header(name = "ETag", description = "Send it back in If-None-Match: a 304 when nothing changed.",
					schema = @Schema(type = "string", maxLength = BODY_ETAG_LENGTH)),
			content = @Content(mediaType = "application/json",
					schema = @Schema(implementation = HistoryResponse.Page.class),
					examples = @ExampleObject(name = "created, changed, paused, deleted",
							value = HistoryResponse.EXAMPLE)))
	HistoryResponse.Page history(@Parameter(hidden = true) Caller caller, @PathVariable UUID id,
			@RequestParam(defaultValue = "20") @Min(1) @Max(HistoryResponse.MAX_LIMIT) int limit,
			@Parameter(description = "From the previous page.") @RequestParam(required = false) @Pattern(
					regexp = HistoryResponse.CONTINUATION_TOKEN,
					message = "must be the continuationToken of a page of this history") @Size(
							max = HistoryResponse.CONTINUATION_TOKEN_LENGTH) String continuationToken) {
		ExportView export = visible(caller, new ExportId(id));
		return HistoryResponse.Page.from(this.history.page(export.id(), limit,
				(continuationToken != null) ? Long.valueOf(continuationToken) : null));
	}

	@GetMapping("/{id}/runs")
	@Operation(operationId = "listRuns", summary = "The dataflow's runs, newest first",
			description = "Identical queries within a short window are answered from a cache; the answer carries an "
					+ "ETag, so polling with If-None-Match costs a 304.")
	@ApiResponse(responseCode = "200", description = "A page of runs.",
			headers = @Header(name = "ETag", description = "Send it back in If-None-Match: a 304 when nothing changed.",
					schema = @Schema(type = "string", maxLength = BODY_ETAG_LENGTH)))
	@ApiResponse(responseCode = "304", description = "Not modified since the ETag sent in If-None-Match.")
	@ApiResponse(responseCode = "409", description = "The export has no dataflow yet.")
	@ApiResponse(responseCode = "502", description = "Adobe refused to list the runs, or answered what cannot be read.")
	@ApiResponse(responseCode = "504",
			description = "Adobe did not answer within adobe.http.caller-timeout (2 s by default); try again.")
	ResponseEntity<RunResponse.Page> runs(@Parameter(hidden = true) Caller caller, @PathVariable UUID id,
			@RequestParam(defaultValue = "20") @Min(1) @Max(MAX_RUNS_LIMIT) int limit,
			@Parameter(description = "From the previous page.") @RequestParam(required = false) @Size(
					max = AnswerLimits.CONTINUATION_TOKEN) String continuationToken,
			@Parameter(description = "Only runs that exported this audience (a run still waiting names none). "
					+ "Adobe's filter takes only letters, digits and _ . : @ - in it.") @RequestParam(
							required = false) @Pattern(regexp = AUDIENCE_ID,
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
		ExportView export = visible(caller, new ExportId(id));
		RunPage page = this.runs.runs(export, new RunFilter(limit, status, state, audienceId, continuationToken));
		return ResponseEntity.ok().cacheControl(this.runsCacheControl).body(RunResponse.Page.from(page));
	}

	@GetMapping("/{id}/runs/{runId}")
	@Operation(operationId = "getRun", summary = "One run of the dataflow")
	@ApiResponse(responseCode = "200", description = "The run.")
	@ApiResponse(responseCode = "404", description = "No such export, or no such run of its dataflow.")
	@ApiResponse(responseCode = "502", description = "Adobe refused to show the run, or answered what cannot be read.")
	@ApiResponse(responseCode = "504",
			description = "Adobe did not answer within adobe.http.caller-timeout (2 s by default); try again.")
	ResponseEntity<RunResponse> run(@Parameter(hidden = true) Caller caller, @PathVariable UUID id,
			@PathVariable @Size(max = AnswerLimits.ADOBE_ID) String runId) {
		ExportView export = visible(caller, new ExportId(id));
		DataflowRun run = this.runs.run(export, runId).orElseThrow(() -> new RunNotFound(export.id(), runId));
		return ResponseEntity.ok().cacheControl(this.runsCacheControl).body(RunResponse.from(run));
	}

	/** Another owner's export is not found, so that its existence is not told either. */
	private ExportView visible(Caller caller, ExportId id) {
		return this.exports.find(id)
			.filter((export) -> caller.mayAccess(export.owner()))
			.orElseThrow(() -> new ExportNotFound(id));
	}

	@GetMapping
	@Operation(operationId = "listExports", summary = "List exports, newest first")
	ExportPage list(@Parameter(hidden = true) Caller caller, @RequestParam(required = false) ExportStatus status,
			@RequestParam(required = false) DestinationType destinationType,
			@Parameter(description = "Part of the name, any case.") @RequestParam(required = false) @Pattern(
					regexp = "[^\\x00]*", message = "must not contain the NUL character (U+0000)") @Size(
							max = ExportRequest.MAX_NAME) String name,
			@Parameter(description = "From 0; a page past the last is empty.") @RequestParam(
					defaultValue = "0") @Min(0) @Max(Integer.MAX_VALUE) int page,
			@RequestParam(defaultValue = "20") @Min(1) @Max(MAX_PAGE_SIZE) int size) {
		return ExportPage
			.from(this.exports.list(new ExportFilter(caller.listedOwner(), status, destinationType, name), page, size));
	}

}
