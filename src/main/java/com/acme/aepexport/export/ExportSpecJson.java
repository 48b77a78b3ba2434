package com.acme.aepexport.export;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;
import tools.jackson.databind.json.JsonMapper;

/**
 * Stores an {@link ExportSpec} as JSON ({@code jsonb}): the whole request an export needs
 * to resume, without its credentials (they are write-only, see {@link Destination}).
 */
@Converter
class ExportSpecJson implements AttributeConverter<ExportSpec, String> {

	static final JsonMapper MAPPER = JsonMapper.builder().addModule(new DestinationTypeNames()).build();

	@Override
	public String convertToDatabaseColumn(ExportSpec spec) {
		return MAPPER.writeValueAsString(spec);
	}

	@Override
	public ExportSpec convertToEntityAttribute(String json) {
		return MAPPER.readValue(json, ExportSpec.class);
	}

}
