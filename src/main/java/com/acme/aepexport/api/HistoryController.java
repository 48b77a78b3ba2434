package com.acme.aepexport.api;

import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import lombok.RequiredArgsConstructor;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

import com.acme.aepexport.export.ExportHistory;

/** {@code GET /exports/{id}/history}: every request accepted for an export. */
@ExportsApi
@RequiredArgsConstructor
class HistoryController {

	private final VisibleExports exports;

	private final ExportHistory history;

	@GetMapping("/{id}/history")
	@Operation(operationId = "listHistory", summary = "Every request accepted for the export, newest first",
			description = "Who asked what, when, and what became of it: the export's creation or import, each PATCH (the "
					+ "merge patch as sent), resume, pause, unpause, export now and delete. An entry is written with the "
					+ "change it records, in the same transaction, and never changes afterwards but for its outcome: "
					+ "ACCEPTED until the work it started ends (the workflow, a change Adobe has yet to confirm, a "
					+ "teardown), then APPLIED, REFUSED or FAILED, with the Adobe calls it made (ids and etags, as "
					+ "GET /exports/{id} shows them). Requests refused before anything was stored or sent (a 400, "
					+ "409, 412 or 422) are not entries. Credentials and keys are never shown. Answered from the "
					+ "database; the entries go when the export is purged.")
	@ApiResponse(responseCode = "200", description = "A page of the history.",
			content = @Content(mediaType = "application/json",
					schema = @Schema(implementation = HistoryResponse.Page.class),
					examples = @ExampleObject(name = "created, changed, paused, deleted",
							ref = OpenApiConfiguration.EXAMPLES + OpenApiConfiguration.HISTORY_EXAMPLE)))
	HistoryResponse.Page history(Caller caller, @PathVariable UUID id,
			@RequestParam(defaultValue = "20") @Min(1) @Max(HistoryResponse.MAX_LIMIT) int limit,
			@Parameter(description = "From the previous page.") @RequestParam(required = false) @Pattern(
					regexp = HistoryResponse.CONTINUATION_TOKEN,
					message = "must be the continuationToken of a page of this history") @Size(
							max = HistoryResponse.CONTINUATION_TOKEN_LENGTH) String continuationToken) {
		return HistoryResponse.Page.from(this.history.page(this.exports.idOf(caller, id), limit,
				(continuationToken != null) ? Long.valueOf(continuationToken) : null));
	}

}
