package com.acme.aepexport.api;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;

import com.acme.aepexport.export.ChangeError;
import com.acme.aepexport.export.ChangeStatus;
import com.acme.aepexport.export.ChangeView;
import com.acme.aepexport.export.DataflowState;
import com.acme.aepexport.export.DestinationType;
import com.acme.aepexport.export.ExportSpec;
import com.acme.aepexport.export.ExportStatus;
import com.acme.aepexport.export.ExportView;
import com.acme.aepexport.export.LatestRuns;
import com.acme.aepexport.export.StepError;
import com.acme.aepexport.export.StepName;
import com.acme.aepexport.export.StepStatus;

/**
 * An export as callers see it (README, API): every step with the Adobe id and etag it
 * keeps. Never any credential.
 */
@Schema(name = "Export")
record ExportResponse(UUID id, @Schema(maxLength = ExportRequest.MAX_NAME) String name,
		@Schema(maxLength = ExportRequest.MAX_SANDBOX) String sandbox, DestinationType destinationType,
		ExportStatus status, Instant createdAt, Instant updatedAt,
		@Schema(description = "The Adobe dataflow, once created.", maxLength = AnswerLimits.ADOBE_ID,
				nullable = true) String flowId,
		@Schema(description = "Whether Adobe runs the dataflow (POST /exports/{id}/pause and /unpause switch "
				+ "it), as the service last set or found it: read from the service's store, never from Adobe. "
				+ "Null before the dataflow exists and once it was deleted.",
				nullable = true) DataflowResponse dataflow,
		@Schema(description = "Whether the export was imported (POST /exports/imports): adopted from a dataflow built "
				+ "elsewhere, in Adobe's UI or by another tool, rather than created by this service.") boolean imported,
		@ArraySchema(
				arraySchema = @Schema(
						description = "What the export activates, with every default resolved; PATCH changes it."),
				maxItems = ExportRequest.MAX_AUDIENCES) List<AudienceView> audiences,
		@ArraySchema(schema = @Schema(maxLength = ExportRequest.MAX_MANDATORY_FIELD),
				maxItems = ExportRequest.MAX_MANDATORY_FIELDS) List<String> mandatoryFields,
		@ArraySchema(
				maxItems = ExportRequest.MAX_DEDUPLICATION_KEYS) List<ExportRequest.DeduplicationKeyRequest> deduplicationKeys,
		@ArraySchema(
				arraySchema = @Schema(
						description = "The mapping Adobe's dataflow exports through; PATCH " + "changes it."),
				maxItems = ExportRequest.MAX_MAPPINGS) List<ExportRequest.MappingRequest> mapping,
		@Schema(description = "How the files are written, defaults resolved.") FileView file,
		@ArraySchema(arraySchema = @Schema(description = "One per step of the workflow."),
				maxItems = MAX_STEPS) List<StepResponse> steps,
		@Schema(nullable = true) ErrorResponse error,
		@ArraySchema(maxItems = ExportRequest.MAX_AUDIENCES, arraySchema = @Schema(
				description = "The newest run of each audience that has one, as the service last read Adobe's runs "
						+ "in the background (see latestRunsAsOf), once the export has SUCCEEDED. Null in other "
						+ "states, until Adobe was first read, in lists and in the answers to POST, PATCH, resume "
						+ "and DELETE.",
				nullable = true)) List<RunResponse.Latest> latestRuns,
		@Schema(description = "When Adobe's runs were read for latestRuns; null with it.",
				nullable = true) Instant latestRunsAsOf,
		@Schema(description = "The newest change asked for by PATCH, and what became of it: while it is PENDING, "
				+ "Adobe's dataflow may not carry it yet (audiences and keys above are what Adobe confirmed). "
				+ "Null when the export was never changed, and in lists.", nullable = true) ChangeResponse change,
		@Schema(description = "In the answer to PATCH: true when the patch changed the export (`change` is "
				+ "that change), false when the export, with the changes accepted before, already was as the patch "
				+ "asks: nothing was changed or sent to Adobe, only the request added to the history (`change` is "
				+ "the newest earlier one, if any). In the "
				+ "answer to pause and unpause: true when Adobe's dataflow was switched, false when Adobe held it "
				+ "so already (nothing was sent to change it). Null in every other answer.",
				nullable = true) Boolean changed) {

	/** The steps of an export: one per {@link StepName} (a test holds this to it). */
	static final int MAX_STEPS = 13;

	/** The export's ETag: its version, in double quotes. */
	static String etag(ExportView export) {
		return "\"" + export.version() + "\"";
	}

	static ExportResponse from(ExportView export) {
		return from(export, null);
	}

	static ExportResponse from(ExportView export, LatestRuns latestRuns) {
		return from(export, latestRuns, null);
	}

	static ExportResponse from(ExportView export, LatestRuns latestRuns, ChangeView change) {
		return of(export, latestRuns, change, null);
	}

	/**
	 * The answer to a PATCH.
	 * @param change the change the patch made, or the newest earlier one when it made
	 * none
	 * @param changed whether the patch made a change
	 */
	static ExportResponse afterPatch(ExportView export, ChangeView change, boolean changed) {
		return of(export, null, change, changed);
	}

	/**
	 * The answer to a pause or an unpause.
	 * @param changed whether Adobe's dataflow was switched
	 */
	static ExportResponse afterSwitch(ExportView export, boolean changed) {
		return of(export, null, null, changed);
	}

	private static ExportResponse of(ExportView export, LatestRuns latestRuns, ChangeView change, Boolean changed) {
		return new ExportResponse(export.id().value(), export.spec().name(), export.spec().sandbox(),
				export.spec().destination().type(), export.status(), export.createdAt(), export.updatedAt(),
				export.flowId().orElse(null), DataflowResponse.from(export.dataflow()), export.imported(),
				export.spec().audiences().stream().map(AudienceView::from).toList(), export.spec().mandatoryFields(),
				export.spec().deduplicationKeys().stream().map(ExportResponse::key).toList(),
				export.spec()
					.mapping()
					.stream()
					.map((field) -> new ExportRequest.MappingRequest(field.source(), field.target()))
					.toList(),
				FileView.from(export.spec().file()), export.steps().stream().map(StepResponse::from).toList(),
				ErrorResponse.from(export.error()),
				(latestRuns != null) ? latestRuns.runs().stream().map(RunResponse.Latest::from).toList() : null,
				(latestRuns != null) ? latestRuns.asOf() : null, ChangeResponse.from(change), changed);
	}

	private static ExportRequest.DeduplicationKeyRequest key(ExportSpec.DeduplicationKey key) {
		return switch (key) {
			case ExportSpec.IdentityKey identity ->
				new ExportRequest.DeduplicationKeyRequest(identity.identityNamespace(), null);
			case ExportSpec.AttributeKey attribute ->
				new ExportRequest.DeduplicationKeyRequest(null, attribute.attribute());
		};
	}

	/**
	 * The file options as the export writes them, in short: neither the CSV options nor
	 * the PGP key are repeated.
	 */
	@Schema(name = "ExportedFile")
	record FileView(ExportSpec.FileFormat format, ExportSpec.Compression compression,
			@Schema(description = "Whether the files are encrypted with the PGP public key given.") boolean encrypted,
			@Schema(description = "Whether Adobe writes a manifest file with each run's files; PATCH "
					+ "file.manifest changes it.") boolean manifest) {

		static FileView from(ExportSpec.FileSettings file) {
			return new FileView(file.format(), file.compression(), file.pgpPublicKey() != null, file.manifest());
		}

	}

	@Schema(name = "Dataflow")
	record DataflowResponse(
			@Schema(description = "ENABLED as Adobe creates a dataflow; DISABLED once paused: "
					+ "Adobe starts no run of it until it is unpaused.") DataflowState state,
			@Schema(description = "When the service last changed the state shown; null while it never did.",
					nullable = true) Instant stateChangedAt) {

		static DataflowResponse from(ExportView.Dataflow dataflow) {
			return (dataflow != null) ? new DataflowResponse(dataflow.state(), dataflow.changedAt()) : null;
		}

	}

	/** An audience as the export exports it, its schedule resolved. */
	@Schema(name = "ExportedAudience")
	record AudienceView(@Schema(maxLength = ExportRequest.MAX_AUDIENCE_ID) String id,
			@Schema(maxLength = ExportRequest.MAX_AUDIENCE_NAME, nullable = true) String name,
			@Schema(maxLength = ExportRequest.MAX_FILENAME_TEMPLATE, nullable = true) String filenameTemplate,
			ScheduleView schedule) {

		static AudienceView from(ExportSpec.Audience audience) {
			ExportSpec.Schedule schedule = audience.schedule();
			return new AudienceView(audience.id(), audience.name(), audience.filenameTemplate(),
					new ScheduleView(schedule.exportMode(), schedule.frequency(), schedule.trigger(),
							schedule.startDate(), schedule.endDate(),
							(schedule.startTime() != null) ? schedule.startTime().toString() : null));
		}

	}

	@Schema(name = "ExportedSchedule")
	record ScheduleView(ExportSpec.ExportMode exportMode, ExportSpec.Frequency frequency,
			@Schema(nullable = true) ExportSpec.Trigger trigger, LocalDate startDate,
			@Schema(nullable = true) LocalDate endDate, @Schema(nullable = true, example = "23:00", description = "UTC",
					maxLength = ExportRequest.START_TIME_LENGTH) String startTime) {

	}

	@Schema(name = "Step")
	record StepResponse(StepName name, StepStatus status,
			@Schema(description = "The id of the Adobe entity the step created, changed or read.",
					maxLength = AnswerLimits.ADOBE_ID, nullable = true) String entityId,
			@Schema(description = "Flow Service etag, with its double quotes.", maxLength = AnswerLimits.ADOBE_ID,
					nullable = true) String etag,
			@Schema(description = "Data Prep version (schemas and mapping sets).", minimum = "0",
					maximum = "" + Integer.MAX_VALUE, nullable = true) Integer version,
			@Schema(description = "Times the step was tried: a call this instance had no room to send, or "
					+ "that Adobe throttled (429), is not counted.", minimum = "0",
					maximum = "" + Integer.MAX_VALUE) int attempts,
			@Schema(nullable = true) Instant startedAt, @Schema(nullable = true) Instant completedAt,
			@Schema(nullable = true) ErrorResponse error,
			@Schema(description = "When the teardown deleted the entity from Adobe.",
					nullable = true) Instant deletedAt,
			@Schema(description = "Why the teardown left the entity in Adobe: Adobe has no delete for it, or "
					+ "refused one as not allowed. Delete it in Adobe's UI if it must go.",
					maxLength = AnswerLimits.MESSAGE, nullable = true) String leftBehind) {

		static StepResponse from(ExportView.StepView step) {
			return new StepResponse(step.name(), step.status(), step.ref().id(), step.ref().etag(),
					step.ref().version(), step.attempts(), step.startedAt(), step.completedAt(),
					ErrorResponse.from(step.error()), step.deletedAt(),
					AnswerLimits.cut(step.leftBehind(), AnswerLimits.MESSAGE));
		}

	}

	@Schema(name = "StepError")
	record ErrorResponse(StepName step,
			@Schema(description = "Adobe's HTTP status; absent when no answer arrived.", minimum = "100",
					maximum = "999", nullable = true) Integer httpStatus,
			@Schema(maxLength = AnswerLimits.ADOBE_CODE, nullable = true) String adobeCode,
			@Schema(description = "Cut to its first characters when longer.",
					maxLength = AnswerLimits.MESSAGE) String message,
			@Schema(description = "Whether trying again may succeed.") boolean retryable) {

		static ErrorResponse from(StepError error) {
			return (error != null) ? new ErrorResponse(error.step(), error.httpStatus(),
					AnswerLimits.within(error.adobeCode(), AnswerLimits.ADOBE_CODE),
					AnswerLimits.cut(error.message(), AnswerLimits.MESSAGE), error.retryable()) : null;
		}

	}

	@Schema(name = "Change")
	record ChangeResponse(
			@Schema(description = "Its number among the export's changes, from 1.", minimum = "1",
					maximum = "" + Integer.MAX_VALUE) int revision,
			@Schema(description = "PENDING until Adobe confirms it; APPLIED then; FAILED when Adobe refused it, "
					+ "did not confirm it after the retries, or the export was deleted first.") ChangeStatus status,
			Instant requestedAt, @Schema(nullable = true) Instant finishedAt,
			@Schema(description = "Why it FAILED.", nullable = true) ChangeErrorResponse error) {

		static ChangeResponse from(ChangeView change) {
			if (change == null) {
				return null;
			}
			ChangeError error = change.error();
			return new ChangeResponse(change.revision(), change.status(), change.requestedAt(), change.finishedAt(),
					(error != null) ? new ChangeErrorResponse(error.httpStatus(),
							AnswerLimits.within(error.adobeCode(), AnswerLimits.ADOBE_CODE),
							AnswerLimits.cut(error.message(), AnswerLimits.MESSAGE), error.retryable()) : null);
		}

	}

	@Schema(name = "ChangeError")
	record ChangeErrorResponse(
			@Schema(description = "Adobe's HTTP status; absent when no answer arrived.", minimum = "100",
					maximum = "999", nullable = true) Integer httpStatus,
			@Schema(maxLength = AnswerLimits.ADOBE_CODE, nullable = true) String adobeCode,
			@Schema(description = "Cut to its first characters when longer.",
					maxLength = AnswerLimits.MESSAGE) String message,
			@Schema(description = "Whether asking again may work; Adobe's dataflow may or may not carry the change "
					+ "then.") boolean retryable) {

	}

}
