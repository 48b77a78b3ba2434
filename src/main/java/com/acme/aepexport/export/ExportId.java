package com.acme.aepexport.export;

import java.util.UUID;

/**
 * Identifies one export; also the db-scheduler task instance id and part of every Adobe
 * entity name the export creates.
 */
public record ExportId(UUID value) {

	public ExportId {
		if (value == null) {
			throw new IllegalArgumentException("an export id needs a value");
		}
	}

	public static ExportId random() {
		return new ExportId(UUID.randomUUID());
	}

	public static ExportId of(String value) {
		return new ExportId(UUID.fromString(value));
	}

	@Override
	public String toString() {
		return this.value.toString();
	}

}
