package com.acme.aepexport.api;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.swagger.v3.oas.annotations.media.Schema;

import com.acme.aepexport.export.DestinationType;
import com.acme.aepexport.export.ExportStatus;
import com.acme.aepexport.export.ExportView;
import com.acme.aepexport.export.StepError;
import com.acme.aepexport.export.StepName;
import com.acme.aepexport.export.StepStatus;

/**
 * An export as callers see it (SPEC.md §3.2): every step with the Adobe id and etag it
 * keeps. Never any credential.
 */
@Schema(name = "Export")
record ExportResponse(UUID id, String name, String sandbox, DestinationType destinationType, ExportStatus status,
		Instant createdAt, Instant updatedAt,
		@Schema(description = "The Adobe dataflow, once created.", nullable = true) String flowId,
		List<StepResponse> steps, @Schema(nullable = true) ErrorResponse error) {

	static ExportResponse from(ExportView export) {
		return new ExportResponse(export.id().value(), export.spec().name(), export.spec().sandbox(),
				export.spec().destination().type(), export.status(), export.createdAt(), export.updatedAt(),
				export.flowId().orElse(null), export.steps().stream().map(StepResponse::from).toList(),
				ErrorResponse.from(export.error()));
	}

	@Schema(name = "Step")
	record StepResponse(StepName name, StepStatus status,
			@Schema(description = "The id of the Adobe entity the step created, changed or read.",
					nullable = true) String entityId,
			@Schema(description = "Flow Service etag, with its double quotes.", nullable = true) String etag,
			@Schema(description = "Data Prep version (schemas and mapping sets).", nullable = true) Integer version,
			int attempts, @Schema(nullable = true) Instant startedAt, @Schema(nullable = true) Instant completedAt,
			@Schema(nullable = true) ErrorResponse error) {

		static StepResponse from(ExportView.StepView step) {
			return new StepResponse(step.name(), step.status(), step.ref().id(), step.ref().etag(),
					step.ref().version(), step.attempts(), step.startedAt(), step.completedAt(),
					ErrorResponse.from(step.error()));
		}

	}

	@Schema(name = "StepError")
	record ErrorResponse(StepName step,
			@Schema(description = "Adobe's HTTP status; absent when no answer arrived.",
					nullable = true) Integer httpStatus,
			@Schema(nullable = true) String adobeCode, String message,
			@Schema(description = "Whether trying again may succeed.") boolean retryable) {

		static ErrorResponse from(StepError error) {
			return (error != null) ? new ErrorResponse(error.step(), error.httpStatus(), error.adobeCode(),
					error.message(), error.retryable()) : null;
		}

	}

}
