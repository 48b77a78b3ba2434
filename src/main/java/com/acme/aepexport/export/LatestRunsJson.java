package com.acme.aepexport.export;

import java.util.List;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;
import org.hibernate.annotations.Mutability;
import org.hibernate.type.descriptor.java.Immutability;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.cfg.EnumFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Stores the latest runs of an export as JSON ({@code jsonb}). They are a copy of what
 * Adobe said, read again every few minutes: a row an older or newer version of the
 * service wrote is read leniently (unknown fields ignored, an unknown state
 * {@code UNKNOWN}), and one that cannot be read at all counts as not read yet.
 * <p>
 * The runs read are an unmodifiable list of records, never changed in place: Hibernate
 * need not copy them through JSON and back at each load, and a status poll parses the
 * same JSON once ({@link ParsedJson}).
 */
@Converter
@Mutability(Immutability.class)
class LatestRunsJson implements AttributeConverter<List<LatestRun>, String> {

	private static final TypeReference<List<LatestRun>> TYPE = new TypeReference<>() {
	};

	private static final JsonMapper LENIENT = JsonMapper.builder()
		.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
		.enable(EnumFeature.READ_UNKNOWN_ENUM_VALUES_USING_DEFAULT_VALUE)
		.build();

	/** Runs read, by their JSON: at most 4 Mi characters of it. */
	private static final ParsedJson<List<LatestRun>> READ = new ParsedJson<>(4L << 20, LatestRunsJson::read);

	static String write(List<LatestRun> runs) {
		return LENIENT.writeValueAsString(runs);
	}

	@Override
	public String convertToDatabaseColumn(List<LatestRun> runs) {
		return (runs != null) ? write(runs) : null;
	}

	@Override
	public List<LatestRun> convertToEntityAttribute(String json) {
		return (json != null) ? READ.get(json) : null;
	}

	private static List<LatestRun> read(String json) {
		try {
			List<LatestRun> runs = LENIENT.readValue(json, TYPE);
			return (runs == null || runs.contains(null)) ? null : List.copyOf(runs);
		}
		catch (JacksonException unreadable) {
			return null;
		}
	}

}
