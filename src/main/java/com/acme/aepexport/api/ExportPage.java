package com.acme.aepexport.api;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import org.springframework.data.domain.Page;

import com.acme.aepexport.export.DestinationType;
import com.acme.aepexport.export.ExportStatus;
import com.acme.aepexport.export.ExportView;

/**
 * One page of exports, newest first.
 */
@Schema(name = "ExportPage")
record ExportPage(@ArraySchema(maxItems = Paging.MAX_SIZE) List<ExportSummary> items, @JsonUnwrapped Paging paging) {

	static ExportPage from(Page<ExportView> page) {
		return new ExportPage(page.map(ExportSummary::from).getContent(), Paging.of(page));
	}

	@Schema(name = "ExportSummary", description = "An export without its steps; GET /exports/{id} has them.")
	record ExportSummary(UUID id, @Schema(maxLength = ExportRequest.MAX_NAME) String name,
			@Schema(maxLength = ExportRequest.MAX_SANDBOX) String sandbox, DestinationType destinationType,
			ExportStatus status, Instant createdAt, Instant updatedAt,
			@Schema(maxLength = AnswerLimits.ADOBE_ID, nullable = true) String flowId,
			@Schema(description = "Whether it was imported (POST /exports/imports).") boolean imported,
			@Schema(nullable = true) ExportResponse.ErrorResponse error) {

		static ExportSummary from(ExportView export) {
			return new ExportSummary(export.id().value(), export.spec().name(), export.spec().sandbox(),
					export.spec().destination().type(), export.status(), export.createdAt(), export.updatedAt(),
					export.flowId().orElse(null), export.imported(), ExportResponse.ErrorResponse.from(export.error()));
		}

	}

}
