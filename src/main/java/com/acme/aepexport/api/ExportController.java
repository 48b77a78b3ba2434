package com.acme.aepexport.api;

import java.net.URI;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import lombok.RequiredArgsConstructor;
import tools.jackson.databind.JsonNode;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;

import com.acme.aepexport.export.Accepted;
import com.acme.aepexport.export.CallerRequest;
import com.acme.aepexport.export.DestinationType;
import com.acme.aepexport.export.ExportFilter;
import com.acme.aepexport.export.ExportService.ExportWithChange;
import com.acme.aepexport.export.ExportService;
import com.acme.aepexport.export.ExportStatus;
import com.acme.aepexport.export.ExportView;
import com.acme.aepexport.export.IdempotentRequest;
import com.acme.aepexport.export.NewExport;
import com.acme.aepexport.workflow.ExportWorkflow;

/**
 * An export's life: started, read, listed, resumed and deleted. Its other capabilities
 * have a controller each, on the same {@code /exports} paths: changes in place
 * ({@link ChangeController}), the dataflow's switch and export now
 * ({@link DataflowController}), runs ({@link RunController}), history
 * ({@link HistoryController}), imports ({@link ImportController}) and plans
 * ({@link PlanController}).
 */
@ExportsApi
@RequiredArgsConstructor
class ExportController {

	static final String IDEMPOTENCY_KEY = "Idempotency-Key";

	/**
	 * What an audience id may hold: Adobe's ids, which a run filter sends to Adobe as
	 * they are (its filter grammar has no escape).
	 */
	static final String AUDIENCE_ID = "^[A-Za-z0-9_.:@-]{1,256}$";

	/** Set when an idempotency key answered with the export an earlier request made. */
	static final String IDEMPOTENT_REPLAYED = "Idempotent-Replayed";

	/** {@code /exports/} and a UUID. */
	static final int LOCATION_LENGTH = 45;

	/** Our ETag of an export: its version (a {@code long}) in double quotes. */
	static final int ETAG_LENGTH = 21;

	/**
	 * The ETag {@code ShallowEtagHeaderFilter} gives other answers: {@code "0} and the
	 * body's MD5 in hex, then {@code "}.
	 */
	static final int BODY_ETAG_LENGTH = 35;

	private final ExportWorkflow workflow;

	private final VisibleExports exports;

	private final ExportService store;

	private final ExportCommands commands;

	@PostMapping
	@Operation(operationId = "startExport", summary = "Start an export",
			description = "Stores the export and answers at once; workers run Adobe's steps in the background. "
					+ "Follow it at the Location.")
	@ApiResponse(responseCode = "202", description = "Accepted; the export is PENDING.",
			headers = { @Header(name = "Location", ref = OpenApiContract.EXPORT_LOCATION),
					@Header(name = IDEMPOTENT_REPLAYED,
							description = "`true` when this answers an earlier request with the same Idempotency-Key "
									+ "(no new export was started).",
							schema = @Schema(type = "boolean")) })
	@ApiResponse(responseCode = "422", description = "The Idempotency-Key was used with another body.")
	// Its examples, one per file in openapi/examples, are added by OpenApiConfiguration.
	@io.swagger.v3.oas.annotations.parameters.RequestBody(
			content = @Content(mediaType = "application/json", schema = @Schema(implementation = ExportRequest.class)))
	ResponseEntity<ExportResponse> start(Caller caller,
			@Parameter(description = "Makes retries of this request safe: the same key with the same body answers the "
					+ "export the first request made (for exports.idempotency.retention, 24 hours by default); with another body, 422. Keys are per caller.") @RequestHeader(
							name = IDEMPOTENCY_KEY, required = false) @Size(min = 1, max = 255) String idempotencyKey,
			@RequestBody JsonNode body) {
		ExportRequest request = this.commands.read(body);
		NewExport command = this.commands.checked(request, caller, this.workflow::problemsWith);
		CallerRequest asked = new CallerRequest(caller.id(), ExportRequest.withoutSecrets(body));
		if (idempotencyKey == null) {
			return accepted(this.workflow.start(command, asked), false);
		}
		// The request as sent (our canonical JSON of it), to tell a retry from another
		// request.
		byte[] sent = this.commands.canonical(request);
		Accepted accepted = this.workflow.start(command, new IdempotentRequest(idempotencyKey, sent), asked);
		return accepted(accepted.export(), accepted.replayed());
	}

	@PostMapping("/{id}/resume")
	@Operation(operationId = "resumeExport", summary = "Continue a FAILED export from where it stopped",
			description = "Steps that succeeded are not called again; a step that may have reached Adobe looks for "
					+ "its entity before creating another.")
	@ApiResponse(responseCode = "202", description = "Accepted; the export is RUNNING again.",
			headers = @Header(name = "Location", ref = OpenApiContract.EXPORT_LOCATION))
	@ApiResponse(responseCode = "409", description = "The export is not FAILED.")
	ResponseEntity<ExportResponse> resume(Caller caller, @PathVariable UUID id) {
		return accepted(this.workflow.resume(this.exports.idOf(caller, id), CallerRequest.by(caller.id())), false);
	}

	@DeleteMapping("/{id}")
	@Operation(operationId = "deleteExport", summary = "Tear down the Adobe entities the export created",
			description = "Deletes, newest first, the dataflow, mapping set, target, base and source connections; "
					+ "the export is DELETING, then DELETED. Deleting again continues a teardown that stopped on an "
					+ "error, and is harmless once DELETED. An imported export leaves the base and source "
					+ "connections another dataflow still uses (its steps say so in `leftBehind`).")
	@ApiResponse(responseCode = "202", description = "Accepted; the export is DELETING (or DELETED already).")
	@ApiResponse(responseCode = "409", description = "The export is running.")
	ResponseEntity<ExportResponse> delete(Caller caller, @PathVariable UUID id) {
		return accepted(this.workflow.delete(this.exports.idOf(caller, id), CallerRequest.by(caller.id())), false);
	}

	@GetMapping("/{id}")
	@Operation(operationId = "getExport", summary = "Get an export with every step and the latest run of each audience",
			description = "Answered from the service's own store, never waiting on Adobe: the latest runs are those "
					+ "the service last read from Adobe in the background, as of `latestRunsAsOf`.")
	@ApiResponse(responseCode = "200", description = "The export.",
			headers = @Header(name = "ETag", ref = OpenApiContract.EXPORT_VERSION))
	ResponseEntity<ExportResponse> get(Caller caller, @PathVariable UUID id) {
		ExportWithChange read = this.exports.findWithChange(caller, id);
		ExportView export = read.export();
		return ResponseEntity.ok()
			.eTag(ExportResponse.etag(export))
			.body(ExportResponse.from(export, read.latestRuns(), read.change()));
	}

	@GetMapping
	@Operation(operationId = "listExports", summary = "List exports, newest first")
	ExportPage list(Caller caller, @RequestParam(required = false) ExportStatus status,
			@RequestParam(required = false) DestinationType destinationType,
			@Parameter(description = "Part of the name, any case.") @RequestParam(required = false) @Pattern(
					regexp = "[^\\x00]*", message = "must not contain the NUL character (U+0000)") @Size(
							max = ExportRequest.MAX_NAME) String name,
			@Parameter(description = "From 0; a page past the last is empty.") @RequestParam(
					defaultValue = "0") @Min(0) @Max(Integer.MAX_VALUE) int page,
			@RequestParam(defaultValue = "20") @Min(1) @Max(Paging.MAX_SIZE) int size) {
		return ExportPage
			.from(this.store.list(new ExportFilter(caller.listedOwner(), status, destinationType, name), page, size));
	}

	private static ResponseEntity<ExportResponse> accepted(ExportView export, boolean replayed) {
		ResponseEntity.BodyBuilder response = ResponseEntity.accepted().location(URI.create("/exports/" + export.id()));
		if (replayed) {
			response.header(IDEMPOTENT_REPLAYED, "true");
		}
		return response.body(ExportResponse.from(export));
	}

}
