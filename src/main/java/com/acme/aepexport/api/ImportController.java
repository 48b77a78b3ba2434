package com.acme.aepexport.api;

import java.net.URI;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import lombok.RequiredArgsConstructor;
import tools.jackson.databind.JsonNode;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;

import com.acme.aepexport.export.CallerRequest;
import com.acme.aepexport.export.ExportView;
import com.acme.aepexport.workflow.ExportImports;

/** {@code POST /exports/imports}: a dataflow built elsewhere, adopted as an export. */
@ExportsApi
@RequiredArgsConstructor
class ImportController {

	private final RequestReader reader;

	private final ExportImports imports;

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
			headers = @Header(name = "Location", ref = OpenApiContract.EXPORT_LOCATION))
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
	@ApiResponse(responseCode = "502",
			description = "Adobe refused a read, or answered what cannot be read; nothing was stored "
					+ "(`adobeStatus` and `detail` say how).")
	@ApiResponse(responseCode = "504",
			description = "Adobe did not answer in time; nothing was stored. " + "Importing again is safe.")
	@io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(mediaType = "application/json",
			schema = @Schema(implementation = ImportRequest.class),
			examples = { @ExampleObject(name = "IMPORT", ref = OpenApiConfiguration.EXAMPLES + "IMPORT"),
					@ExampleObject(name = "IMPORT_NAMED", ref = OpenApiConfiguration.EXAMPLES + "IMPORT_NAMED") }))
	ResponseEntity<ExportResponse> importExport(Caller caller, @RequestBody JsonNode body) {
		ImportRequest request = this.reader.read(body, ImportRequest.class);
		ExportView export = this.imports.adopt(caller.id(), request.sandbox(), request.flowId(), request.name(),
				request::fit, new CallerRequest(caller.id(), body));
		return ResponseEntity.created(URI.create("/exports/" + export.id())).body(ExportResponse.from(export));
	}

}
