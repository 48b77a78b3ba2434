package com.acme.aepexport.api;

import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import com.acme.aepexport.api.ExportRequest.AudienceRequest;
import com.acme.aepexport.api.ExportRequest.DeduplicationKeyRequest;
import com.acme.aepexport.api.ExportRequest.MappingRequest;
import com.acme.aepexport.export.CrossFieldRules;
import com.acme.aepexport.export.ExportSpec;

/**
 * The body of {@code PATCH /exports/{id}}, a JSON merge patch (RFC 7396) of what can
 * change in place. A member left out stays as it is; a list given is the new list, so an
 * empty {@code mandatoryFields} or {@code deduplicationKeys} clears them (the way a
 * generated client can: it leaves a {@code null} out), and so does {@code null}.
 * {@code schedule} applies to every audience the patch does not give its own schedule; an
 * audience the export already has, and the patch gives no schedule, keeps its own.
 * {@code mapping} is the new mapping, whole; of the file options only
 * {@code file.manifest} changes in place ({@code null} turns it off).
 */
@Schema(name = "ExportPatch",
		description = "JSON merge patch of what can change in place; destination, name, sandbox and every file "
				+ "option but manifest cannot (422: create a new export).")
@CrossFieldRules
record ExportPatch(@Valid ExportRequest.ScheduleRequest schedule,
		@Size(min = 1, max = ExportRequest.MAX_AUDIENCES) List<@NotNull @Valid AudienceRequest> audiences,
		@ArraySchema(arraySchema = @Schema(description = "The new list; empty clears them.")) @Size(
				max = ExportRequest.MAX_MANDATORY_FIELDS) List<@NotBlank @Size(min = 1,
						max = ExportRequest.MAX_MANDATORY_FIELD) String> mandatoryFields,
		@ArraySchema(arraySchema = @Schema(description = "The new list; empty clears them.")) @Size(
				max = ExportRequest.MAX_DEDUPLICATION_KEYS) List<@NotNull @Valid DeduplicationKeyRequest> deduplicationKeys,
		@ArraySchema(arraySchema = @Schema(description = "The new mapping, whole, under the rules of POST /exports: "
				+ "Data Prep gets a new mapping set, and the dataflow exports through it.")) @Size(min = 1,
						max = ExportRequest.MAX_MAPPINGS) List<@NotNull @Valid MappingRequest> mapping,
		@Valid FilePatch file) implements CrossFieldRules.Checked {

	/** What a merge patch may not touch: the dataflow cannot take it in place. */
	static final Set<String> FIXED = Set.of("name", "sandbox", "destination");

	/** The one file option a patch may touch; the others are fixed. */
	static final String MANIFEST = "manifest";

	@Override
	public void check(CrossFieldRules.Violations violations) {
		if (this.audiences != null) {
			Set<String> seen = new HashSet<>();
			if (this.audiences.stream().filter((a) -> a != null && a.id() != null).anyMatch((a) -> !seen.add(a.id()))) {
				violations.reject("audiences", "names one audience twice");
			}
		}
		ExportRequest.checkMapping(this.mapping, violations);
	}

	/**
	 * The export's spec with this patch applied.
	 * @param cleared the members the patch set to {@code null} ({@code file.manifest} for
	 * the manifest)
	 */
	ExportSpec applyTo(ExportSpec current, Set<String> cleared, LocalDate today) {
		Map<String, ExportSpec.Audience> held = current.audiences()
			.stream()
			.collect(Collectors.toMap(ExportSpec.Audience::id, Function.identity()));
		List<ExportSpec.Audience> audiences;
		if (this.audiences != null) {
			audiences = this.audiences.stream().map((audience) -> {
				ExportSpec.Schedule schedule;
				if (audience.schedule() != null) {
					schedule = audience.schedule().toSchedule(today);
				}
				else if (this.schedule != null) {
					schedule = this.schedule.toSchedule(today);
				}
				else if (held.containsKey(audience.id())) {
					schedule = held.get(audience.id()).schedule();
				}
				else {
					schedule = ExportRequest.ScheduleRequest.DEFAULT.toSchedule(today);
				}
				return new ExportSpec.Audience(audience.id(), audience.name(), audience.filenameTemplate(), schedule);
			}).toList();
		}
		else if (this.schedule != null) {
			ExportSpec.Schedule schedule = this.schedule.toSchedule(today);
			audiences = current.audiences()
				.stream()
				.map((audience) -> new ExportSpec.Audience(audience.id(), audience.name(), audience.filenameTemplate(),
						schedule))
				.toList();
		}
		else {
			audiences = current.audiences();
		}
		List<String> mandatoryFields = cleared.contains("mandatoryFields") ? List.of()
				: (this.mandatoryFields != null) ? this.mandatoryFields : current.mandatoryFields();
		List<ExportSpec.DeduplicationKey> keys = cleared.contains("deduplicationKeys") ? List.of()
				: (this.deduplicationKeys != null)
						? this.deduplicationKeys.stream().map(ExportRequest.DeduplicationKeyRequest::toKey).toList()
						: current.deduplicationKeys();
		List<ExportSpec.FieldMapping> mapping = (this.mapping != null) ? ExportRequest.toMapping(this.mapping)
				: current.mapping();
		boolean manifest = cleared.contains("file." + MANIFEST) ? false
				: (this.file != null && this.file.manifest() != null) ? this.file.manifest()
						: current.file().manifest();
		return new ExportSpec(current.name(), current.sandbox(), current.destination(),
				current.file().withManifest(manifest), audiences, mapping, mandatoryFields, keys);
	}

	/** The file options a patch can change: the manifest alone. */
	@Schema(name = "FilePatch", description = "Of the file options, only manifest changes in place; another is a 422.")
	record FilePatch(
			@Schema(description = "Whether Adobe writes a manifest file with each run's files; null turns it off.",
					nullable = true) Boolean manifest) {

	}

}
