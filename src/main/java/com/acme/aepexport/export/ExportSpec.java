package com.acme.aepexport.export;

import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * What an export activates, and where: everything needed to run or resume it except the
 * credentials, which only a new export's destination carries (they are never stored with
 * the spec, see {@link Destination}). Defaults are resolved before it is stored, so a
 * resumed export does exactly what the first run would have done.
 */
public record ExportSpec(String name, String sandbox, Destination destination, FileSettings file,
		List<Audience> audiences, List<FieldMapping> mapping, List<String> mandatoryFields,
		List<DeduplicationKey> deduplicationKeys) {

	public ExportSpec {
		audiences = List.copyOf(audiences);
		mapping = List.copyOf(mapping);
		mandatoryFields = (mandatoryFields != null) ? List.copyOf(mandatoryFields) : List.of();
		deduplicationKeys = (deduplicationKeys != null) ? List.copyOf(deduplicationKeys) : List.of();
	}

	public ExportSpec withSandbox(String sandbox) {
		return new ExportSpec(this.name, sandbox, this.destination, this.file, this.audiences, this.mapping,
				this.mandatoryFields, this.deduplicationKeys);
	}

	/** Whether a change to {@code desired} needs a new mapping set in Data Prep. */
	public boolean mappingChangesTo(ExportSpec desired) {
		return !this.mapping.equals(desired.mapping());
	}

	public enum FileFormat {

		CSV, JSON, PARQUET

	}

	public enum Compression {

		NONE, GZIP

	}

	/**
	 * Adobe's CSV options, in its own values ({@code ""} for the NUL quote, and so on).
	 */
	public record CsvOptions(String delimiter, String quote, String escape, String nullValue, String emptyValue) {

	}

	/**
	 * @param csv only with {@link FileFormat#CSV}
	 * @param pgpPublicKey base64 of an armoured PGP public key, or {@code null} for plain
	 * files
	 * @param manifest whether Adobe writes a manifest file per run; never {@code null}
	 * (specs stored before it existed have none, and mean {@code false})
	 */
	public record FileSettings(FileFormat format, Compression compression, CsvOptions csv, String pgpPublicKey,
			Boolean manifest) {

		public FileSettings {
			manifest = Boolean.TRUE.equals(manifest);
		}

		/** Without a manifest. */
		public FileSettings(FileFormat format, Compression compression, CsvOptions csv, String pgpPublicKey) {
			this(format, compression, csv, pgpPublicKey, false);
		}

		public FileSettings withManifest(boolean manifest) {
			return new FileSettings(this.format, this.compression, this.csv, this.pgpPublicKey, manifest);
		}

	}

	public enum ExportMode {

		DAILY_FULL_EXPORT, FIRST_FULL_THEN_INCREMENTAL

	}

	public enum Frequency {

		ONCE, DAILY, EVERY_3_HOURS, EVERY_6_HOURS, EVERY_8_HOURS, EVERY_12_HOURS

	}

	public enum Trigger {

		SCHEDULED, AFTER_SEGMENT_EVALUATION

	}

	/**
	 * @param trigger only for full exports
	 * @param startTime UTC, on the hour; only with {@link Trigger#SCHEDULED}
	 */
	public record Schedule(ExportMode exportMode, Frequency frequency, Trigger trigger, LocalDate startDate,
			LocalDate endDate, LocalTime startTime) {

	}

	/** One audience and the schedule it is exported on. */
	public record Audience(String id, String name, String filenameTemplate, Schedule schedule) {

	}

	/**
	 * A profile attribute or identity ({@code source}) and the column it becomes
	 * ({@code target}).
	 */
	public record FieldMapping(String source, String target) {

	}

	@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
	@JsonSubTypes({ @JsonSubTypes.Type(value = IdentityKey.class, name = "IDENTITY"),
			@JsonSubTypes.Type(value = AttributeKey.class, name = "ATTRIBUTE") })
	public sealed interface DeduplicationKey {

	}

	public record IdentityKey(String identityNamespace) implements DeduplicationKey {

	}

	public record AttributeKey(String attribute) implements DeduplicationKey {

	}

}
