package com.acme.aepexport.api;

import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import lombok.RequiredArgsConstructor;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import com.acme.aepexport.workflow.ExportWorkflow;

@RestController
@Tag(name = "Destinations", description = "What can be exported to.")
@RequiredArgsConstructor
class DestinationController {

	private final ExportWorkflow workflow;

	@GetMapping("/destinations")
	@Operation(operationId = "listDestinations",
			summary = "The supported destination types, the Adobe spec ids in use and the fields each needs")
	@ApiResponse(responseCode = "200", description = "One per destination type.",
			content = @Content(array = @ArraySchema(schema = @Schema(implementation = DestinationResponse.class),
					maxItems = DestinationResponse.MAX_TYPES)))
	List<DestinationResponse> list() {
		return this.workflow.destinations().stream().map(DestinationResponse::from).toList();
	}

}
