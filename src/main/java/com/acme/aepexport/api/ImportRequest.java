package com.acme.aepexport.api;

import java.util.ArrayList;
import java.util.List;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import com.acme.aepexport.export.ExportSpec;
import com.acme.aepexport.workflow.InvalidField;
import com.acme.aepexport.workflow.NotImportable;

/**
 * The body of {@code POST /exports/imports}: which dataflow to adopt, and where. The rest
 * is read from Adobe; credentials are neither asked for nor read.
 */
@Schema(name = "ImportRequest",
		description = "A dataflow built elsewhere (in Adobe's UI, by another tool) to adopt as an export: everything "
				+ "else is read from Adobe. No credentials.")
record ImportRequest(
		@Pattern(regexp = ExportRequest.SANDBOX,
				message = "must be an AEP sandbox name: lower-case letters, digits, '-' or '_'") @Schema(
						description = "The AEP sandbox the dataflow is in; the service's default sandbox when absent.",
						maxLength = ExportRequest.MAX_SANDBOX, example = "prod") String sandbox,
		@NotBlank @Size(min = 1, max = AnswerLimits.ADOBE_ID) @Pattern(regexp = FLOW_ID,
				message = "must be an Adobe dataflow id (letters, digits, '-' or '_')") @Schema(
						description = "The dataflow's id, as Adobe's UI shows it under Destinations > Browse "
								+ "(the destination's dataflow) or GET /flows lists it.",
						example = "d8ce03ea-d55c-4add-a56e-6e1c313e4250") String flowId,
		@Size(min = 1, max = ExportRequest.MAX_NAME) @Pattern(regexp = NOT_BLANK,
				message = "must not be blank") @Schema(description = "A name of yours; the dataflow's own name (cut to "
						+ ExportRequest.MAX_NAME + " characters) when absent.",
						example = "churn-risk-weekly") String name) {

	/** Adobe's dataflow ids are UUIDs; a path segment of Adobe's URL in any case. */
	static final String FLOW_ID = "^[A-Za-z0-9_-]{1,256}$";

	/** Something other than white space (in a syntax Java and ECMAScript share). */
	static final String NOT_BLANK = "^[\\s\\S]*\\S[\\s\\S]*$";

	/**
	 * The export as the API can hold it (the bounds an export request has): text for
	 * people is cut; what a caller would rely on is refused, naming it.
	 * @throws NotImportable naming every value past a bound
	 */
	ExportSpec fit(ExportSpec adopted) {
		List<InvalidField> past = new ArrayList<>();
		if (adopted.audiences().size() > ExportRequest.MAX_AUDIENCES) {
			past.add(new InvalidField("audiences", "are " + adopted.audiences().size() + ", more than the "
					+ ExportRequest.MAX_AUDIENCES + " an export has at most"));
		}
		List<ExportSpec.Audience> audiences = new ArrayList<>();
		for (int i = 0; i < adopted.audiences().size(); i++) {
			ExportSpec.Audience audience = adopted.audiences().get(i);
			if (audience.id().length() > ExportRequest.MAX_AUDIENCE_ID) {
				past.add(new InvalidField("audiences[" + i + "].id",
						"is longer than " + ExportRequest.MAX_AUDIENCE_ID + " characters"));
			}
			if (audience.filenameTemplate() != null
					&& audience.filenameTemplate().length() > ExportRequest.MAX_FILENAME_TEMPLATE) {
				past.add(new InvalidField("audiences[" + i + "].filenameTemplate",
						"is longer than " + ExportRequest.MAX_FILENAME_TEMPLATE + " characters"));
			}
			audiences.add(new ExportSpec.Audience(audience.id(),
					AnswerLimits.cut(text(audience.name()), ExportRequest.MAX_AUDIENCE_NAME),
					audience.filenameTemplate(), audience.schedule()));
		}
		if (adopted.mandatoryFields().size() > ExportRequest.MAX_MANDATORY_FIELDS || adopted.mandatoryFields()
			.stream()
			.anyMatch((field) -> field.length() > ExportRequest.MAX_MANDATORY_FIELD)) {
			past.add(new InvalidField("mandatoryFields", "are more than " + ExportRequest.MAX_MANDATORY_FIELDS
					+ ", or one is longer than " + ExportRequest.MAX_MANDATORY_FIELD + " characters"));
		}
		if (adopted.deduplicationKeys().size() > ExportRequest.MAX_DEDUPLICATION_KEYS) {
			past.add(new InvalidField("deduplicationKeys",
					"are more than the " + ExportRequest.MAX_DEDUPLICATION_KEYS + " an export has at most"));
		}
		if (!past.isEmpty()) {
			throw NotImportable.holding(this.flowId, past);
		}
		String name = (this.name != null) ? this.name : AnswerLimits.cut(text(adopted.name()), ExportRequest.MAX_NAME);
		return new ExportSpec(name, adopted.sandbox(), adopted.destination(), adopted.file(), audiences,
				adopted.mapping(), adopted.mandatoryFields(), adopted.deduplicationKeys());
	}

	/** Text PostgreSQL can store: without the NUL character. */
	private static String text(String text) {
		return (text != null) ? text.replace("\u0000", "") : null;
	}

}
