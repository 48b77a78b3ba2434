package com.acme.aepexport.api;

import java.util.List;

import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * {@code POST /exports/{id}/activations}: which of the export's audiences to activate
 * now.
 */
@Schema(name = "ActivationRequest",
		description = "The audiences to activate now; all the export's when `audienceIds` is left out (or the body "
				+ "is).")
record ActivationRequest(@ArraySchema(
		arraySchema = @Schema(
				description = "Audiences of the export, each once. Adobe activates at most 80 per job: more is a 422 "
						+ "(as is an export of more than 80 audiences when this is left out)."),
		schema = @Schema(maxLength = ExportRequest.MAX_AUDIENCE_ID, example = "979558ae-a8ba-4e6e-b6ba-95c0a523b44a"),
		maxItems = ExportRequest.MAX_AUDIENCES) @Size(max = ExportRequest.MAX_AUDIENCES) List<@NotBlank @Size(min = 1,
				max = ExportRequest.MAX_AUDIENCE_ID) @Pattern(regexp = ExportController.AUDIENCE_ID,
						message = "must be an audience id (letters, digits, and _ . : @ -)") String> audienceIds) {

}
