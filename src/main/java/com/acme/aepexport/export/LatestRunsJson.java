package com.acme.aepexport.export;

import java.util.List;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;
import tools.jackson.core.type.TypeReference;

/** Stores the latest runs of an export as JSON ({@code jsonb}). */
@Converter
class LatestRunsJson implements AttributeConverter<List<LatestRun>, String> {

	private static final TypeReference<List<LatestRun>> TYPE = new TypeReference<>() {
	};

	@Override
	public String convertToDatabaseColumn(List<LatestRun> runs) {
		return (runs != null) ? ExportSpecJson.MAPPER.writeValueAsString(runs) : null;
	}

	@Override
	public List<LatestRun> convertToEntityAttribute(String json) {
		return (json != null) ? ExportSpecJson.MAPPER.readValue(json, TYPE) : null;
	}

}
