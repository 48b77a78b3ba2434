package com.acme.aepexport.api;

import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonFormat;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import com.acme.aepexport.export.ExportSpec;
import com.acme.aepexport.export.ExportSpec.Compression;
import com.acme.aepexport.export.ExportSpec.ExportMode;
import com.acme.aepexport.export.ExportSpec.FileFormat;
import com.acme.aepexport.export.ExportSpec.Frequency;
import com.acme.aepexport.export.ExportSpec.Trigger;
import com.acme.aepexport.export.NewExport;

/**
 * The body of {@code POST /exports} (SPEC.md §3.1).
 */
@Schema(name = "ExportRequest")
record ExportRequest(
		@NotBlank @Size(max = 100) @Schema(description = "A name of yours; Adobe's entities are named after it.",
				example = "churn-risk-weekly") String name,
		@Schema(description = "The AEP sandbox; the service's default sandbox when absent.",
				example = "prod") String sandbox,
		@NotNull @Valid DestinationRequest destination, @Valid FileRequest file,
		@Valid @Schema(
				description = "The schedule of every audience that has none of its own.") ScheduleRequest schedule,
		@NotEmpty List<@NotNull @Valid AudienceRequest> audiences,
		@NotEmpty List<@NotNull @Valid MappingRequest> mapping,
		@Schema(description = "Profile fields or identity namespaces every exported profile must have.",
				example = "[\"GAID\"]") List<@NotBlank String> mandatoryFields,
		List<@NotNull @Valid DeduplicationKeyRequest> deduplicationKeys) {

	/** CSV options when none are given: those of Adobe's tutorial. */
	static final ExportSpec.CsvOptions DEFAULT_CSV = new ExportSpec.CsvOptions(",", "", "\\", "null", "");

	/** Midnight UTC, when a scheduled export names no start time. */
	static final LocalTime DEFAULT_START_TIME = LocalTime.MIDNIGHT;

	/** Resolves every default, so that a resumed export does what the first run did. */
	NewExport toCommand(LocalDate today) {
		FileRequest file = (this.file != null) ? this.file : new FileRequest(null, null, null, null);
		ScheduleRequest schedule = (this.schedule != null) ? this.schedule : ScheduleRequest.DEFAULT;
		List<ExportSpec.Audience> audiences = this.audiences.stream()
			.map((audience) -> new ExportSpec.Audience(audience.id(), audience.name(), audience.filenameTemplate(),
					((audience.schedule() != null) ? audience.schedule() : schedule).toSchedule(today)))
			.toList();
		List<ExportSpec.FieldMapping> mapping = this.mapping.stream()
			.map((field) -> new ExportSpec.FieldMapping(field.source(), field.target()))
			.toList();
		List<ExportSpec.DeduplicationKey> keys = (this.deduplicationKeys != null)
				? this.deduplicationKeys.stream().map(DeduplicationKeyRequest::toKey).toList() : List.of();
		ExportSpec spec = new ExportSpec(this.name, this.sandbox, this.destination.toDestination(), file.toSettings(),
				audiences, mapping, this.mandatoryFields, keys);
		return new NewExport(spec, this.destination.toCredentials());
	}

	@Schema(name = "FileOptions", description = "Defaults to CSV (with Adobe's default CSV options) and GZIP.")
	record FileRequest(FileFormat format, Compression compression, @Valid CsvRequest csv,
			@Schema(description = "base64 of a PGP public key; the files are encrypted with it when given.",
					nullable = true) String pgpPublicKey) {

		ExportSpec.FileSettings toSettings() {
			FileFormat format = (this.format != null) ? this.format : FileFormat.CSV;
			Compression compression = (this.compression != null) ? this.compression : Compression.GZIP;
			ExportSpec.CsvOptions csv = null;
			if (format == FileFormat.CSV) {
				csv = (this.csv != null) ? this.csv.toOptions() : DEFAULT_CSV;
			}
			return new ExportSpec.FileSettings(format, compression, csv, this.pgpPublicKey);
		}

	}

	@Schema(name = "CsvOptions", description = "Adobe's CSV options; an option left out takes the default shown.")
	record CsvRequest(@Schema(example = ",") String delimiter, @Schema(example = "") String quote,
			@Schema(example = "\\") String escape, @Schema(example = "null") String nullValue,
			@Schema(example = "") String emptyValue) {

		ExportSpec.CsvOptions toOptions() {
			return new ExportSpec.CsvOptions(or(this.delimiter, DEFAULT_CSV.delimiter()),
					or(this.quote, DEFAULT_CSV.quote()), or(this.escape, DEFAULT_CSV.escape()),
					or(this.nullValue, DEFAULT_CSV.nullValue()), or(this.emptyValue, DEFAULT_CSV.emptyValue()));
		}

		private static String or(String value, String fallback) {
			return (value != null) ? value : fallback;
		}

	}

	@Schema(name = "Schedule",
			description = "When files are exported. Defaults: a daily full export, scheduled at 00:00 UTC from today.")
	record ScheduleRequest(ExportMode exportMode, Frequency frequency,
			@Schema(description = "Full exports only.") Trigger trigger,
			@Schema(description = "Defaults to the day the export is accepted (UTC).") LocalDate startDate,
			LocalDate endDate,
			@JsonFormat(pattern = "HH:mm") @Schema(type = "string", pattern = "^([01][0-9]|2[0-3]):00$",
					example = "23:00",
					description = "UTC, on the hour; only with the SCHEDULED trigger.") LocalTime startTime) {

		static final ScheduleRequest DEFAULT = new ScheduleRequest(null, null, null, null, null, null);

		ExportSpec.Schedule toSchedule(LocalDate today) {
			ExportMode mode = (this.exportMode != null) ? this.exportMode : ExportMode.DAILY_FULL_EXPORT;
			Frequency frequency = (this.frequency != null) ? this.frequency : Frequency.DAILY;
			Trigger trigger = this.trigger;
			if (trigger == null && mode == ExportMode.DAILY_FULL_EXPORT) {
				trigger = Trigger.SCHEDULED;
			}
			LocalTime startTime = this.startTime;
			if (startTime == null && trigger != Trigger.AFTER_SEGMENT_EVALUATION) {
				startTime = DEFAULT_START_TIME;
			}
			return new ExportSpec.Schedule(mode, frequency, trigger, (this.startDate != null) ? this.startDate : today,
					this.endDate, startTime);
		}

	}

	@Schema(name = "Audience")
	record AudienceRequest(
			@NotBlank @Schema(description = "The audience (segment definition) id.",
					example = "979558ae-a8ba-4e6e-b6ba-95c0a523b44a") String id,
			@Schema(example = "Churn risk") String name,
			@Schema(description = "Adobe's file name macros; Adobe's default when absent.", nullable = true,
					example = "%DESTINATION_NAME%_%SEGMENT_ID%_%DATETIME(YYYYMMdd_HHmmss)%") String filenameTemplate,
			@Valid @Schema(
					description = "This audience's own schedule, instead of the export's.") ScheduleRequest schedule) {

	}

	@Schema(name = "FieldMapping")
	record MappingRequest(
			@NotBlank @Schema(description = "A profile attribute path or identityMap.<namespace>.",
					example = "person.name.firstName") String source,
			@NotBlank @Schema(description = "The exported column.", example = "firstName") String target) {

	}

	@Schema(name = "DeduplicationKey", description = "Either an identity namespace or a profile attribute.")
	record DeduplicationKeyRequest(@Schema(example = "GAID") String identityNamespace,
			@Schema(example = "person.name.firstName") String attribute) {

		@AssertTrue(message = "give either identityNamespace or attribute")
		@Schema(hidden = true)
		boolean isIdentityNamespaceOrAttribute() {
			return (this.identityNamespace != null) != (this.attribute != null);
		}

		ExportSpec.DeduplicationKey toKey() {
			return (this.identityNamespace != null) ? new ExportSpec.IdentityKey(this.identityNamespace)
					: new ExportSpec.AttributeKey(this.attribute);
		}

	}

}
