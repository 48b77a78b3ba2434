package com.acme.aepexport.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import lombok.RequiredArgsConstructor;
import tools.jackson.databind.JsonNode;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;

import com.acme.aepexport.export.NewExport;
import com.acme.aepexport.workflow.ExportPlanner;

/** {@code POST /exports/plan}: what an export would ask of Adobe, writing nothing. */
@ExportsApi
@RequiredArgsConstructor
class PlanController {

	private final ExportCommands commands;

	private final ExportPlanner planner;

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
	@ApiResponse(responseCode = "502",
			description = "Adobe refused a read the plan needs (the connection spec, the profile union schema, the "
					+ "identity namespaces); `adobeStatus` and `adobeCode` say how.")
	@ApiResponse(responseCode = "504",
			description = "Adobe did not answer a read the plan needs within adobe.http.caller-timeout (2 s by "
					+ "default); try again.")
	// Its examples, one per file in openapi/examples, are added by OpenApiConfiguration.
	@io.swagger.v3.oas.annotations.parameters.RequestBody(
			content = @Content(mediaType = "application/json", schema = @Schema(implementation = ExportRequest.class)))
	ExportPlanResponse plan(Caller caller, @RequestBody JsonNode body) {
		NewExport command = this.commands.checked(this.commands.read(body), caller, this.planner::problemsWith);
		return ExportPlanResponse.from(this.planner.plan(command));
	}

}
