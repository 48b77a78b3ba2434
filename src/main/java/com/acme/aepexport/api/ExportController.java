package com.acme.aepexport.api;

import java.net.URI;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.acme.aepexport.export.Accepted;
import com.acme.aepexport.export.DestinationType;
import com.acme.aepexport.export.ExportFilter;
import com.acme.aepexport.export.ExportId;
import com.acme.aepexport.export.ExportNotFound;
import com.acme.aepexport.export.ExportService;
import com.acme.aepexport.export.ExportStatus;
import com.acme.aepexport.export.ExportView;
import com.acme.aepexport.export.IdempotentRequest;
import com.acme.aepexport.export.NewExport;
import com.acme.aepexport.workflow.ExportWorkflow;

@RestController
@RequestMapping("/exports")
@Validated
@Tag(name = "Exports", description = "Activate audiences to a cloud-storage destination and follow the workflow.")
class ExportController {

	static final String IDEMPOTENCY_KEY = "Idempotency-Key";

	/** Set when an idempotency key answered with the export an earlier request made. */
	static final String IDEMPOTENT_REPLAYED = "Idempotent-Replayed";

	private final ExportWorkflow workflow;

	private final ExportService exports;

	private final Clock clock;

	private final JsonMapper json;

	private final RequestReader reader;

	ExportController(ExportWorkflow workflow, ExportService exports, Clock clock, JsonMapper json,
			RequestReader reader) {
		this.workflow = workflow;
		this.exports = exports;
		this.clock = clock;
		this.json = json;
		this.reader = reader;
	}

	@PostMapping
	@Operation(operationId = "startExport", summary = "Start an export",
			description = "Stores the export and answers at once; workers run Adobe's steps in the background. "
					+ "Follow it at the Location.")
	@ApiResponse(responseCode = "202", description = "Accepted; the export is PENDING.",
			headers = @Header(name = "Location", description = "/exports/{id}", schema = @Schema(type = "string")))
	@io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(mediaType = "application/json",
			schema = @Schema(implementation = ExportRequest.class),
			examples = { @ExampleObject(name = "AMAZON_S3", ref = OpenApiConfiguration.EXAMPLES + "AMAZON_S3"),
					@ExampleObject(name = "AZURE_BLOB", ref = OpenApiConfiguration.EXAMPLES + "AZURE_BLOB"),
					@ExampleObject(name = "ADLS_GEN2", ref = OpenApiConfiguration.EXAMPLES + "ADLS_GEN2"),
					@ExampleObject(name = "DATA_LANDING_ZONE",
							ref = OpenApiConfiguration.EXAMPLES + "DATA_LANDING_ZONE"),
					@ExampleObject(name = "GOOGLE_CLOUD_STORAGE",
							ref = OpenApiConfiguration.EXAMPLES + "GOOGLE_CLOUD_STORAGE"),
					@ExampleObject(name = "SFTP", ref = OpenApiConfiguration.EXAMPLES + "SFTP"),
					@ExampleObject(name = "SFTP_SSH_KEY", ref = OpenApiConfiguration.EXAMPLES + "SFTP_SSH_KEY") }))
	ResponseEntity<ExportResponse> start(@Parameter(hidden = true) Caller caller,
			@Parameter(description = "Makes retries of this request safe: the same key with the same body answers the "
					+ "export the first request made (for 24 hours); with another body, 422. Keys are per caller.") @RequestHeader(
							name = IDEMPOTENCY_KEY, required = false) @Size(min = 1, max = 255) String idempotencyKey,
			@RequestBody JsonNode body) {
		ExportRequest request = this.reader.read(body, ExportRequest.class);
		NewExport command = request.toCommand(caller.id(), LocalDate.now(this.clock));
		List<FieldProblem> refused = this.workflow.problemsWith(command)
			.stream()
			.map((invalid) -> new FieldProblem(invalid.field(), invalid.message()))
			.toList();
		if (!refused.isEmpty()) {
			throw new InvalidRequest(refused);
		}
		if (idempotencyKey == null) {
			return accepted(this.workflow.start(command), false);
		}
		// The request as sent (our canonical JSON of it), to tell a retry from another
		// request.
		byte[] sent = this.json.writeValueAsBytes(request);
		Accepted accepted = this.workflow.start(command, new IdempotentRequest(idempotencyKey, sent));
		return accepted(accepted.export(), accepted.replayed());
	}

	@PostMapping("/{id}/resume")
	@Operation(operationId = "resumeExport", summary = "Continue a FAILED export from where it stopped",
			description = "Steps that succeeded are not called again; a step that may have reached Adobe looks for "
					+ "its entity before creating another.")
	@ApiResponse(responseCode = "202", description = "Accepted; the export is RUNNING again.",
			headers = @Header(name = "Location", description = "/exports/{id}", schema = @Schema(type = "string")))
	@ApiResponse(responseCode = "409", description = "The export is not FAILED.")
	ResponseEntity<ExportResponse> resume(@Parameter(hidden = true) Caller caller, @PathVariable UUID id) {
		ExportView export = visible(caller, new ExportId(id));
		return accepted(this.workflow.resume(export.id()), false);
	}

	private static ResponseEntity<ExportResponse> accepted(ExportView export, boolean replayed) {
		ResponseEntity.BodyBuilder response = ResponseEntity.accepted().location(URI.create("/exports/" + export.id()));
		if (replayed) {
			response.header(IDEMPOTENT_REPLAYED, "true");
		}
		return response.body(ExportResponse.from(export));
	}

	@GetMapping("/{id}")
	@Operation(operationId = "getExport", summary = "Get an export with every step")
	ExportResponse get(@Parameter(hidden = true) Caller caller, @PathVariable UUID id) {
		return ExportResponse.from(visible(caller, new ExportId(id)));
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
			@Parameter(description = "Part of the name, any case.") @RequestParam(required = false) String name,
			@RequestParam(defaultValue = "0") @Min(0) int page,
			@RequestParam(defaultValue = "20") @Min(1) @Max(100) int size) {
		return ExportPage
			.from(this.exports.list(new ExportFilter(caller.listedOwner(), status, destinationType, name), page, size));
	}

}
