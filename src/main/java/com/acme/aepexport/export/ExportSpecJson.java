package com.acme.aepexport.export;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;
import org.hibernate.annotations.Mutability;
import org.hibernate.type.descriptor.java.Immutability;
import tools.jackson.databind.json.JsonMapper;

/**
 * Stores an {@link ExportSpec} as JSON ({@code jsonb}): the whole request an export needs
 * to resume, without its credentials (they are write-only, see {@link Destination}).
 * <p>
 * A spec never changes in place (records, their lists copied unmodifiable): an export
 * given another spec is given another object. Saying so spares Hibernate its default for
 * a converted value it knows nothing of, a copy through JSON and back of every spec it
 * loads and JSON of both to tell at each flush whether it changed: a seventh of a
 * worker's CPU samples, which load and flush the export at each step
 * ({@code ServiceAloneBenchmark}'s flight recording).
 */
@Converter
@Mutability(Immutability.class)
class ExportSpecJson implements AttributeConverter<ExportSpec, String> {

	static final JsonMapper MAPPER = JsonMapper.builder().addModule(new DestinationTypeNames()).build();

	/** Specs read, by their JSON: at most 8 Mi characters of it. */
	private static final ParsedJson<ExportSpec> READ = new ParsedJson<>(8L << 20,
			(json) -> MAPPER.readValue(json, ExportSpec.class));

	@Override
	public String convertToDatabaseColumn(ExportSpec spec) {
		return MAPPER.writeValueAsString(spec);
	}

	@Override
	public ExportSpec convertToEntityAttribute(String json) {
		return READ.get(json);
	}

}
