package com.acme.aepexport.api;

import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.List;

import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import com.acme.aepexport.export.DestinationType;
import com.acme.aepexport.workflow.DestinationCatalog;

/**
 * A supported destination type and what a request for it needs. The fields are read from
 * the destination records themselves, so this answer cannot drift from what is validated.
 */
@Schema(name = "DestinationDescription")
record DestinationResponse(DestinationType type, @Schema(maxLength = MAX_NAME) String name,
		@Schema(maxLength = AnswerLimits.ADOBE_ID) String connectionSpecId,
		@Schema(description = "The audience flow spec in use.", maxLength = AnswerLimits.ADOBE_ID) String flowSpecId,
		@ArraySchema(maxItems = MAX_FIELDS) List<Field> locationFields,
		@ArraySchema(maxItems = MAX_FIELDS) List<Field> credentialFields) {

	/** One per {@link DestinationType} (a test holds this, and the two below, to it). */
	static final int MAX_TYPES = 6;

	/** The fields of one destination's location, or of its credentials. */
	static final int MAX_FIELDS = 8;

	/** A destination type's display name, or a field's name. */
	static final int MAX_NAME = 64;

	private static final String CREDENTIALS = "credentials";

	static DestinationResponse from(DestinationCatalog.Entry entry) {
		Class<?> request = entry.type().record();
		List<Field> location = fields(request).stream().filter((field) -> !field.name().equals(CREDENTIALS)).toList();
		List<Field> credentials = Arrays.stream(request.getRecordComponents())
			.filter((component) -> component.getName().equals(CREDENTIALS))
			.findFirst()
			.map((component) -> fields(component.getType()))
			.orElse(List.of());
		return new DestinationResponse(entry.type(), entry.type().displayName(), entry.connectionSpecId(),
				entry.flowSpecId(), location, credentials);
	}

	private static List<Field> fields(Class<?> record) {
		return Arrays.stream(record.getRecordComponents()).map(Field::of).toList();
	}

	@Schema(name = "DestinationField")
	record Field(@Schema(maxLength = MAX_NAME) String name, boolean required) {

		static Field of(RecordComponent component) {
			boolean required = component.getAccessor().isAnnotationPresent(NotBlank.class)
					|| component.getAccessor().isAnnotationPresent(NotNull.class);
			return new Field(component.getName(), required);
		}

	}

}
