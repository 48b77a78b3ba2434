package com.acme.aepexport.export;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
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

	/** The JSON the cache of specs read holds at most: 8 Mi characters. */
	private static final long READ_CHARACTERS = 8L << 20;

	/**
	 * Specs read, by their JSON: a worker loads its export at every event of a step, and
	 * a status poll at every poll, and parsing the same JSON again was a tenth of the
	 * workers' CPU samples. Shared safely, since a spec never changes. Bounded by the
	 * length of the JSON held, not by a count: a spec of a few KiB is usual, but the
	 * request limits allow one of hundreds of KiB (250 audiences, 500 mappings), and the
	 * spec parsed from it takes about as much again.
	 */
	private static final Cache<String, ExportSpec> READ = Caffeine.newBuilder()
		.maximumWeight(READ_CHARACTERS)
		.weigher((String json, ExportSpec spec) -> json.length())
		.build();

	@Override
	public String convertToDatabaseColumn(ExportSpec spec) {
		return MAPPER.writeValueAsString(spec);
	}

	@Override
	public ExportSpec convertToEntityAttribute(String json) {
		return READ.get(json, (read) -> MAPPER.readValue(read, ExportSpec.class));
	}

}
