package com.acme.aepexport.api;

import java.time.LocalDate;
import java.time.LocalTime;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.extensions.Extension;
import io.swagger.v3.oas.annotations.extensions.ExtensionProperty;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import com.acme.aepexport.export.Base64Text;
import com.acme.aepexport.export.CrossFieldRules;
import com.acme.aepexport.export.Destination;
import com.acme.aepexport.export.ExportSpec;
import com.acme.aepexport.export.ExportSpec.Compression;
import com.acme.aepexport.export.ExportSpec.ExportMode;
import com.acme.aepexport.export.ExportSpec.FileFormat;
import com.acme.aepexport.export.ExportSpec.Frequency;
import com.acme.aepexport.export.ExportSpec.Trigger;
import com.acme.aepexport.export.NewExport;

/**
 * The body of {@code POST /exports} (README, API), with every rule a caller can break
 * before anything reaches Adobe. Closed values are read as text and checked with
 * {@link OneOf}, so that one answer names every bad field. Rules that Adobe's connection
 * specs state (bucket, container, path and key patterns) are checked against the specs
 * themselves, and mapping sources, keys and mandatory fields against the sandbox's
 * profiles (see {@code workflow/ExportChecks}).
 */
@Schema(name = "ExportRequest")
@CrossFieldRules
record ExportRequest(
		@NotBlank @Size(min = 1, max = MAX_NAME) @Schema(
				description = "A name of yours; Adobe's entities are named after it.",
				example = "churn-risk-weekly") String name,
		@Pattern(regexp = SANDBOX,
				message = "must be an AEP sandbox name: lower-case letters, digits, '-' or '_'") @Schema(
						description = "The AEP sandbox; the service's default sandbox when absent.",
						maxLength = MAX_SANDBOX, example = "prod") String sandbox,
		@NotNull @Valid Destination destination, @Valid FileRequest file,
		@Valid @Schema(
				description = "The schedule of every audience that has none of its own.") ScheduleRequest schedule,
		// @Size(min = 1), not @NotEmpty: swagger-core writes a @Size's minimum over
		// @NotEmpty's, and the document would allow an empty list.
		@NotNull @Size(min = 1, max = MAX_AUDIENCES) List<@NotNull @Valid AudienceRequest> audiences,
		@NotNull @Size(min = 1, max = MAX_MAPPINGS) List<@NotNull @Valid MappingRequest> mapping,
		@Size(max = MAX_MANDATORY_FIELDS) @ArraySchema(
				arraySchema = @Schema(
						description = "Profile fields or identity namespaces every exported profile must have."),
				schema = @Schema(example = "GAID")) List<@NotBlank @Size(min = 1,
						max = MAX_MANDATORY_FIELD) String> mandatoryFields,
		@Size(max = MAX_DEDUPLICATION_KEYS) List<@NotNull @Valid DeduplicationKeyRequest> deduplicationKeys)
		implements
			CrossFieldRules.Checked {

	static final int MAX_NAME = 100;

	/** An AEP sandbox name (Adobe's rule), at most {@link #MAX_SANDBOX} characters. */
	static final String SANDBOX = "^[a-z0-9][a-z0-9_-]{0,63}$";

	static final int MAX_SANDBOX = 64;

	static final int MAX_AUDIENCES = 250;

	static final int MAX_MAPPINGS = 500;

	static final int MAX_AUDIENCE_ID = 256;

	static final int MAX_AUDIENCE_NAME = 256;

	/** Adobe's limit for a file name template. */
	static final int MAX_FILENAME_TEMPLATE = 255;

	static final int MAX_MANDATORY_FIELDS = 50;

	/** A profile attribute path or identity namespace. */
	static final int MAX_MANDATORY_FIELD = 256;

	static final int MAX_DEDUPLICATION_KEYS = 20;

	/** A whole hour, {@code HH:00}. */
	static final int START_TIME_LENGTH = 5;

	/** CSV options when none are given: those of Adobe's tutorial. */
	static final ExportSpec.CsvOptions DEFAULT_CSV = new ExportSpec.CsvOptions(",", "", "\\", "null", "");

	/** Midnight UTC, when a scheduled export names no start time. */
	static final LocalTime DEFAULT_START_TIME = LocalTime.MIDNIGHT;

	private static final String IDENTITY_MAP = "identityMap.";

	@Override
	public void check(CrossFieldRules.Violations violations) {
		checkMapping(this.mapping, violations);
		if (this.audiences != null && hasDuplicates(
				this.audiences.stream().filter((audience) -> audience != null).map(AudienceRequest::id).toList())) {
			violations.reject("audiences", "names one audience twice");
		}
	}

	/**
	 * The rules of a mapping beyond each field's own, for a new export and a changed
	 * mapping alike.
	 */
	static void checkMapping(List<MappingRequest> mapping, CrossFieldRules.Violations violations) {
		if (mapping != null
				&& mapping.stream().filter((field) -> field != null && isIdentity(field.source())).count() > 1) {
			violations.reject("mapping", "may export at most one identity (identityMap.…) per export: Adobe exports "
					+ "one identity per dataflow");
		}
		if (mapping != null && hasDuplicates(
				mapping.stream().filter((field) -> field != null).map(MappingRequest::target).toList())) {
			violations.reject("mapping", "names one target twice");
		}
	}

	/** The mapping in the export's terms. */
	static List<ExportSpec.FieldMapping> toMapping(List<MappingRequest> mapping) {
		return mapping.stream().map((field) -> new ExportSpec.FieldMapping(field.source(), field.target())).toList();
	}

	private static boolean isIdentity(String source) {
		return source != null && source.startsWith(IDENTITY_MAP);
	}

	private static boolean hasDuplicates(List<String> values) {
		Set<String> seen = new HashSet<>();
		return values.stream().filter((value) -> value != null).anyMatch((value) -> !seen.add(value));
	}

	/**
	 * The body as the export's history records it: as sent, without the destination's
	 * credentials and the PGP key.
	 */
	static JsonNode withoutSecrets(JsonNode body) {
		ObjectNode copy = ((ObjectNode) body).deepCopy();
		if (copy.get("destination") instanceof ObjectNode destination) {
			destination.remove("credentials");
		}
		if (copy.get("file") instanceof ObjectNode file) {
			file.remove("pgpPublicKey");
		}
		return copy;
	}

	/** Resolves every default, so that a resumed export does what the first run did. */
	NewExport toCommand(String owner, LocalDate today) {
		FileRequest file = (this.file != null) ? this.file : new FileRequest(null, null, null, null, null);
		ScheduleRequest schedule = (this.schedule != null) ? this.schedule : ScheduleRequest.DEFAULT;
		List<ExportSpec.Audience> audiences = this.audiences.stream()
			.map((audience) -> new ExportSpec.Audience(audience.id(), audience.name(), audience.filenameTemplate(),
					((audience.schedule() != null) ? audience.schedule() : schedule).toSchedule(today)))
			.toList();
		List<ExportSpec.FieldMapping> mapping = toMapping(this.mapping);
		List<ExportSpec.DeduplicationKey> keys = (this.deduplicationKeys != null)
				? this.deduplicationKeys.stream().map(DeduplicationKeyRequest::toKey).toList() : List.of();
		ExportSpec spec = new ExportSpec(this.name, this.sandbox, this.destination, file.toSettings(), audiences,
				mapping, this.mandatoryFields, keys);
		return new NewExport(owner, spec);
	}

	@Schema(name = "FileOptions", description = "Defaults to CSV (with Adobe's default CSV options) and GZIP.")
	@CrossFieldRules
	record FileRequest(
			@OneOf(FileFormat.class) @Schema(implementation = FileFormat.class, defaultValue = "CSV") String format,
			@OneOf(Compression.class) @Schema(
					implementation = Compression.class, defaultValue = "GZIP") String compression,
			@Valid CsvRequest csv,
			@Base64Text @Size(max = 65_536) @Schema(
					description = "base64 of a PGP public key; the files are encrypted with it when given.",
					nullable = true) String pgpPublicKey,
			// Left out of the request's canonical JSON when not given, as before it
			// existed: an Idempotency-Key's fingerprint stays the same.
			@JsonInclude(JsonInclude.Include.NON_NULL) @Schema(
					description = "Whether Adobe writes a manifest file (manifest-<destination>-<run>.json: the run, "
							+ "its time and each file's path, name and size) with each run's files; false when "
							+ "absent. The one file option PATCH can change.") Boolean manifest)
			implements
				CrossFieldRules.Checked {

		@Override
		public void check(CrossFieldRules.Violations violations) {
			boolean otherFormat = FileFormat.JSON.name().equals(this.format)
					|| FileFormat.PARQUET.name().equals(this.format);
			if (this.csv != null && otherFormat) {
				violations.reject("csv", "only goes with format CSV");
			}
		}

		ExportSpec.FileSettings toSettings() {
			FileFormat format = (this.format != null) ? FileFormat.valueOf(this.format) : FileFormat.CSV;
			Compression compression = (this.compression != null) ? Compression.valueOf(this.compression)
					: Compression.GZIP;
			ExportSpec.CsvOptions csv = null;
			if (format == FileFormat.CSV) {
				csv = (this.csv != null) ? this.csv.toOptions() : DEFAULT_CSV;
			}
			return new ExportSpec.FileSettings(format, compression, csv, this.pgpPublicKey,
					Boolean.TRUE.equals(this.manifest));
		}

	}

	@Schema(name = "CsvOptions",
			description = "Adobe's CSV options; an option left out takes its default: delimiter \",\", quote \"\" "
					+ "(NUL), escape \"\\\\\", nullValue \"null\", emptyValue \"\".")
	record CsvRequest(@OneOf(values = {
			",", "\t", "|", ";", ":" }) @Schema(
					allowableValues = { ",", "\t", "|", ";", ":" }, example = ",",
					description = "\"\\t\" is a tab. Clients made by openapi-generator (through 7.25) write the tab "
							+ "of this enum as a space (OpenAPITools/openapi-generator#4954), which is refused: "
							+ "such a client cannot ask for a tab-separated file.",
					extensions = @Extension(properties = @ExtensionProperty(name = ENUM_NAMES,
							value = "[\"COMMA\", \"TAB\", \"PIPE\", \"SEMICOLON\", \"COLON\"]",
							parseValue = true))) String delimiter,
			@OneOf(values = { "\"", "" }) @Schema(allowableValues = { "\"", "" },
					description = "\"\" is the NUL character", example = "",
					extensions = @Extension(properties = @ExtensionProperty(name = ENUM_NAMES,
							value = "[\"DOUBLE_QUOTE\", \"NUL\"]", parseValue = true))) String quote,
			@OneOf(values = { "\\", "'" }) @Schema(allowableValues = { "\\", "'" }, example = "\\",
					extensions = @Extension(properties = @ExtensionProperty(name = ENUM_NAMES,
							value = "[\"BACKSLASH\", \"SINGLE_QUOTE\"]", parseValue = true))) String escape,
			@OneOf(values = { "null", "\"\"", "" }) @Schema(allowableValues = { "null", "\"\"", "" }, example = "null",
					extensions = @Extension(properties = @ExtensionProperty(name = ENUM_NAMES, value = TEXT_NAMES,
							parseValue = true))) String nullValue,
			@OneOf(values = { "null", "\"\"", "" }) @Schema(allowableValues = { "null", "\"\"", "" }, example = "",
					extensions = @Extension(properties = @ExtensionProperty(name = ENUM_NAMES, value = TEXT_NAMES,
							parseValue = true))) String emptyValue){

		/**
		 * Names for the values in generated clients, which cannot make a constant name
		 * out of a tab or a pair of quotes (openapi-generator's {@code x-enum-varnames}).
		 */
		static final String ENUM_NAMES = "x-enum-varnames";

		static final String TEXT_NAMES = "[\"NULL\", \"QUOTES\", \"EMPTY\"]";

		ExportSpec.CsvOptions toOptions() {
			return new ExportSpec.CsvOptions(or(this.delimiter, DEFAULT_CSV.delimiter()),
					or(this.quote, DEFAULT_CSV.quote()), or(this.escape, DEFAULT_CSV.escape()),
					or(this.nullValue, DEFAULT_CSV.nullValue()), or(this.emptyValue, DEFAULT_CSV.emptyValue()));
		}

		private static String or(String value, String fallback) {
			return (value != null) ? value : fallback;
		}

	}

	/**
	 * When files are exported, with Adobe's rules (README, What it does): full exports
	 * run once or daily, scheduled or after segment evaluation; incremental exports run
	 * daily or every few hours and have no trigger; a start time is on the hour and only
	 * goes with a scheduled trigger; a one-off export has no end date; the end comes
	 * after the start.
	 */
	@Schema(name = "Schedule",
			description = "When files are exported. Defaults: a daily full export, scheduled at 00:00 UTC from today.")
	@CrossFieldRules
	record ScheduleRequest(
			@OneOf(ExportMode.class) @Schema(implementation = ExportMode.class,
					defaultValue = "DAILY_FULL_EXPORT") String exportMode,
			@OneOf(Frequency.class) @Schema(implementation = Frequency.class, defaultValue = "DAILY") String frequency,
			@OneOf(Trigger.class) @Schema(implementation = Trigger.class,
					description = "Full exports only; SCHEDULED when absent.") String trigger,
			@IsoDate @Schema(type = "string", format = "date", maxLength = IsoDate.LENGTH,
					description = "Defaults to the day the export is accepted (UTC).") String startDate,
			@IsoDate @Schema(type = "string", format = "date", maxLength = IsoDate.LENGTH,
					nullable = true) String endDate,
			@Pattern(regexp = "^([01][0-9]|2[0-3]):00$", message = "must be a whole hour written HH:00 (UTC)") @Schema(
					type = "string", pattern = "^([01][0-9]|2[0-3]):00$", maxLength = START_TIME_LENGTH,
					example = "23:00",
					description = "UTC, on the hour; only with the SCHEDULED trigger.") String startTime)
			implements
				CrossFieldRules.Checked {

		static final ScheduleRequest DEFAULT = new ScheduleRequest(null, null, null, null, null, null);

		private static final Set<String> FULL_FREQUENCIES = Set.of(Frequency.ONCE.name(), Frequency.DAILY.name());

		@Override
		public void check(CrossFieldRules.Violations violations) {
			boolean full = this.exportMode == null || this.exportMode.equals(ExportMode.DAILY_FULL_EXPORT.name());
			boolean incremental = ExportMode.FIRST_FULL_THEN_INCREMENTAL.name().equals(this.exportMode);
			if (full && this.frequency != null && !FULL_FREQUENCIES.contains(this.frequency)) {
				violations.reject("frequency", "must be ONCE or DAILY for a DAILY_FULL_EXPORT; "
						+ "the EVERY_n_HOURS frequencies are for FIRST_FULL_THEN_INCREMENTAL exports");
			}
			if (incremental && Frequency.ONCE.name().equals(this.frequency)) {
				violations.reject("frequency",
						"must be DAILY or EVERY_n_HOURS for a FIRST_FULL_THEN_INCREMENTAL export");
			}
			if (incremental && this.trigger != null) {
				violations.reject("trigger", "only goes with a DAILY_FULL_EXPORT");
			}
			if (Trigger.AFTER_SEGMENT_EVALUATION.name().equals(this.trigger) && this.startTime != null) {
				violations.reject("startTime", "does not go with the AFTER_SEGMENT_EVALUATION trigger");
			}
			if (full && Frequency.ONCE.name().equals(this.frequency) && this.endDate != null) {
				violations.reject("endDate", "does not go with a one-off (ONCE) export");
			}
			LocalDate start = date(this.startDate);
			LocalDate end = date(this.endDate);
			if (start != null && end != null && !end.isAfter(start)) {
				violations.reject("endDate", "must come after startDate");
			}
		}

		private static LocalDate date(String text) {
			return (text != null && new IsoDate.Validator().isValid(text, null)) ? LocalDate.parse(text) : null;
		}

		ExportSpec.Schedule toSchedule(LocalDate today) {
			ExportMode mode = (this.exportMode != null) ? ExportMode.valueOf(this.exportMode)
					: ExportMode.DAILY_FULL_EXPORT;
			Frequency frequency = (this.frequency != null) ? Frequency.valueOf(this.frequency) : Frequency.DAILY;
			Trigger trigger = (this.trigger != null) ? Trigger.valueOf(this.trigger) : null;
			if (trigger == null && mode == ExportMode.DAILY_FULL_EXPORT) {
				trigger = Trigger.SCHEDULED;
			}
			LocalTime startTime = (this.startTime != null) ? LocalTime.parse(this.startTime) : null;
			if (startTime == null && trigger != Trigger.AFTER_SEGMENT_EVALUATION) {
				startTime = DEFAULT_START_TIME;
			}
			return new ExportSpec.Schedule(mode, frequency, trigger,
					(this.startDate != null) ? LocalDate.parse(this.startDate) : today,
					(this.endDate != null) ? LocalDate.parse(this.endDate) : null, startTime);
		}

	}

	@Schema(name = "Audience")
	@CrossFieldRules
	record AudienceRequest(
			@NotBlank @Size(min = 1, max = MAX_AUDIENCE_ID) @Schema(
					description = "The audience (segment definition) id.",
					example = "979558ae-a8ba-4e6e-b6ba-95c0a523b44a") String id,
			@Size(max = MAX_AUDIENCE_NAME) @Schema(example = "Churn risk") String name,
			@Size(max = MAX_FILENAME_TEMPLATE) @Schema(
					description = "The exported files' names: custom text and Adobe's file-name "
							+ "macros %DESTINATION%, %SEGMENT_ID%, %SEGMENT_NAME%, %DESTINATION_INSTANCE_ID%, "
							+ "%DESTINATION_INSTANCE_NAME%, %ORGANIZATION_NAME%, %SANDBOX_NAME%, and one of "
							+ "%DATETIME(YYYYMMdd_HHmmss)% or %TIMESTAMP%. Another %NAME% in capitals is refused (the legacy "
							+ "%DESTINATION_NAME% is %DESTINATION% here). Adobe's default when absent.",
					nullable = true,
					example = "%DESTINATION%_%SEGMENT_ID%_%DATETIME(YYYYMMdd_HHmmss)%") String filenameTemplate,
			@Valid @Schema(
					description = "This audience's own schedule, instead of the export's.") ScheduleRequest schedule)
			implements
				CrossFieldRules.Checked {

		@Override
		public void check(CrossFieldRules.Violations violations) {
			if (this.filenameTemplate != null) {
				FileNameTemplate.problems(this.filenameTemplate)
					.forEach((problem) -> violations.reject("filenameTemplate", problem));
			}
		}

	}

	@Schema(name = "FieldMapping")
	record MappingRequest(
			@NotBlank @Size(min = 1, max = 512) @Schema(
					description = "A profile attribute path or identityMap.<namespace>.",
					example = "person.name.firstName") String source,
			@NotBlank @Size(min = 1, max = 256) @Pattern(regexp = "^[^.]*$",
					message = "must not contain a dot (Adobe refuses them in exported columns); use e.g. personalEmail_address") @Schema(
							description = "The exported column; no dots.", example = "firstName") String target) {

	}

	@Schema(name = "DeduplicationKey", description = "Either an identity namespace or a profile attribute.")
	@CrossFieldRules
	// Answers name the one that is set, as a request does.
	@JsonInclude(JsonInclude.Include.NON_NULL)
	record DeduplicationKeyRequest(@Size(max = 256) @Schema(example = "GAID") String identityNamespace,
			@Size(max = 512) @Schema(example = "person.name.firstName") String attribute)
			implements
				CrossFieldRules.Checked {

		@Override
		public void check(CrossFieldRules.Violations violations) {
			if ((this.identityNamespace == null) == (this.attribute == null)) {
				violations.reject("identityNamespace", "give either identityNamespace or attribute");
			}
		}

		ExportSpec.DeduplicationKey toKey() {
			return (this.identityNamespace != null) ? new ExportSpec.IdentityKey(this.identityNamespace)
					: new ExportSpec.AttributeKey(this.attribute);
		}

	}

}
