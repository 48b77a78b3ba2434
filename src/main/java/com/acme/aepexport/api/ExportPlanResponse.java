package com.acme.aepexport.api;

import java.util.List;
import java.util.Locale;

import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import tools.jackson.databind.JsonNode;

import com.acme.aepexport.export.ExportSpec;
import com.acme.aepexport.export.StepName;
import com.acme.aepexport.workflow.ExportPlan;

/**
 * The answer to {@code POST /exports/plan}: what an export of the body would send Adobe,
 * and the files it would write.
 */
@Schema(name = "ExportPlan",
		description = "What POST /exports of the same body would do in Adobe, checked against Adobe now; nothing "
				+ "was written. Ids and etags Adobe has not made yet are placeholders naming the step that makes them "
				+ "(`{baseConnection.id}`, `{dataflow.etag}`), the export's own id is `{export.id}`, and each secret "
				+ "of the credentials is `[redacted]`.")
record ExportPlanResponse(
		@Schema(description = "The sandbox the export would run in.",
				maxLength = ExportRequest.MAX_SANDBOX) String sandbox,
		@ArraySchema(
				arraySchema = @Schema(description = "The calls that would create or change something in Adobe, in the "
						+ "order one export makes them (independent steps run at the same time; this is the order "
						+ "they start in). Steps the body does not need (no mandatoryFields, no deduplicationKeys) make "
						+ "none. The reads the export makes too (the connection spec, the profile union schema, the "
						+ "identity namespaces) are not listed: the plan has just made them."),
				maxItems = MAX_CALLS) List<Call> calls,
		@ArraySchema(arraySchema = @Schema(description = "Per audience, the name of the files it would produce."),
				maxItems = ExportRequest.MAX_AUDIENCES) List<File> files) {

	/** One write per step at most. */
	static final int MAX_CALLS = 13;

	/** Adobe's paths are short; ids in them at most {@value AnswerLimits#ADOBE_ID}. */
	static final int MAX_PATH = 2048;

	/**
	 * A template of at most 255 characters, each macro (8 characters at least) written as
	 * at most 256.
	 */
	static final int MAX_FILE_NAME = 8192;

	static ExportPlanResponse from(ExportPlan plan) {
		ExportSpec spec = plan.spec();
		String extension = "." + spec.file().format().name().toLowerCase(Locale.ROOT);
		return new ExportPlanResponse(spec.sandbox(),
				plan.calls()
					.stream()
					.map((call) -> new Call(call.step(), call.method(), call.path(), call.ifMatch(), call.body()))
					.toList(),
				spec.audiences().stream().map((audience) -> {
					String template = (audience.filenameTemplate() != null) ? audience.filenameTemplate()
							: FileNameTemplate.ADOBE_DEFAULT;
					return new File(audience.id(), template,
							FileNameTemplate.apply(template, new FileNameTemplate.Known(audience.id(), audience.name(),
									spec.sandbox(), plan.dataflowId(), plan.dataflowName())) + extension);
				}).toList());
	}

	@Schema(name = "PlannedCall", description = "One call to Adobe, as the export would make it.")
	record Call(@Schema(description = "The step that makes it.") StepName step,
			@Schema(description = "POST (a create) or PATCH (a change of the dataflow).", maxLength = 6,
					example = "POST") String method,
			@Schema(description = "Relative to Adobe's gateway (adobe.platform.base-url), with its query; ids not "
					+ "made yet are placeholders.", maxLength = MAX_PATH,
					example = "/data/foundation/flowservice/flows/{dataflow.id}") String path,
			@Schema(description = "The etag the call changes (If-Match), or null.", maxLength = AnswerLimits.ADOBE_ID,
					nullable = true, example = "{audiences.etag}") String ifMatch,
			@Schema(description = "The JSON body, as it would be sent: an object, or a JSON Patch array (null "
					+ "for none).") JsonNode body) {

	}

	@Schema(name = "PlannedFile",
			description = "The name an audience's files would get: its file-name template (or Adobe's default, "
					+ "`%DESTINATION%_%SEGMENT_ID%_%DATETIME(YYYYMMdd_HHmmss)%`) with the macros the export knows "
					+ "filled in, what only Adobe or the run knows as placeholders (`{destination}`, "
					+ "`{organizationName}`, `{datetime:YYYYMMdd_HHmmss}`, `{timestamp}`, and `{segmentName}` when "
					+ "the audience is given no name), and the extension of the file format.")
	record File(@Schema(maxLength = ExportRequest.MAX_AUDIENCE_ID) String audienceId,
			@Schema(description = "The template applied.",
					maxLength = ExportRequest.MAX_FILENAME_TEMPLATE) String fileNameTemplate,
			@Schema(maxLength = MAX_FILE_NAME,
					example = "{destination}_979558ae-a8ba-4e6e-b6ba-95c0a523b44a_{datetime:YYYYMMdd_HHmmss}.csv") String fileName) {

	}

}
