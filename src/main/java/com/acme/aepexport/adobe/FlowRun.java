package com.acme.aepexport.adobe;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

import tools.jackson.databind.JsonNode;

import static com.acme.aepexport.adobe.JsonValues.count;
import static com.acme.aepexport.adobe.JsonValues.number;
import static com.acme.aepexport.adobe.JsonValues.text;

/**
 * A dataflow run as Adobe reports it ({@code GET /runs}, {@code GET /runs/{id}}), read
 * field by field and leniently: a run that has not finished has no completion time, a run
 * that waits has no durations or records at all, summaries are partial while it runs, and
 * Adobe's documents disagree with their own examples on names, cases and types. Whatever
 * is absent, null, of another type or out of range (a negative count, an audience id
 * longer than any id of Adobe's) is {@code null} or left out here; only a run without an
 * id, or with one that is no id of Adobe's, cannot be shown.
 *
 * @param status Adobe's {@code metrics.statusSummary.status} as it is: its schema says
 * {@code Success|Processing|Waiting|Failed}, its examples say {@code success}, and other
 * values occur; {@code null} when absent
 * @param createdAt when Adobe created (queued) the run
 * @param startedAt {@code durationSummary.startedAtUTC}; {@code null} until it starts
 * @param completedAt {@code durationSummary.completedAtUTC} (every example's name), or
 * {@code stoppedAtUTC} (the schema's); {@code null} until it ends
 * @param audienceIds from the per-audience summaries ({@code segment:<id>}), targets
 * first
 */
public record FlowRun(String id, String flowId, String status, Instant createdAt, Instant startedAt,
		Instant completedAt, Records records, Long files, Long bytes, List<Problem> errors, List<String> audienceIds) {

	private static final String SEGMENT = "segment:";

	public FlowRun {
		errors = List.copyOf(errors);
		audienceIds = List.copyOf(audienceIds);
	}

	/**
	 * @param received {@code inputRecordCount}
	 * @param activated {@code outputRecordCount}
	 */
	public record Records(Long received, Long activated, Long failed, Long skipped) {

	}

	/**
	 * @param code Adobe's code, e.g. {@code ACTIVATION_BATCH-0000-FAILED}
	 */
	public record Problem(String code, String message) {

	}

	/**
	 * Reads one item of Adobe's {@code items}.
	 * @param where where the item is in the answer, to name it when it cannot be used
	 * @throws AdobeCallFailed when the item has no id
	 */
	static FlowRun read(JsonNode run, String operation, String where) {
		String id = JsonValues.id(text(run.path("id")), operation, where + ".id");
		if (id == null) {
			throw AdobeCallFailed.unusable(operation, where + ".id", "is missing: a run without an id cannot be shown");
		}
		JsonNode metrics = run.path("metrics");
		JsonNode duration = metrics.path("durationSummary");
		JsonNode records = metrics.path("recordSummary");
		Instant completedAt = instant(duration.path("completedAtUTC"));
		return new FlowRun(id, text(run.path("flowId")), text(metrics.path("statusSummary").path("status")),
				instant(run.path("createdAt")), instant(duration.path("startedAtUTC")),
				(completedAt != null) ? completedAt : instant(duration.path("stoppedAtUTC")),
				records.isObject()
						? new Records(count(records.path("inputRecordCount")), count(records.path("outputRecordCount")),
								count(records.path("failedRecordCount")), count(records.path("skippedRecordCount")))
						: null,
				count(metrics.path("fileSummary").path("outputFileCount")),
				count(metrics.path("sizeSummary").path("outputBytes")), problems(metrics, records), audiences(records));
	}

	/**
	 * The run's errors: the status summary's, then the failed records' that differ.
	 */
	private static List<Problem> problems(JsonNode metrics, JsonNode records) {
		List<Problem> problems = new ArrayList<>();
		Stream
			.concat(JsonValues.elements(metrics.path("statusSummary").path("errors")).stream(),
					JsonValues.elements(records.path("failedInfo")).stream())
			.map((info) -> new Problem(text(info.path("code")), text(info.path("message"))))
			.filter((problem) -> problem.code() != null || problem.message() != null)
			.filter((problem) -> !problems.contains(problem))
			.forEach(problems::add);
		return problems;
	}

	private static List<String> audiences(JsonNode records) {
		return Stream
			.concat(JsonValues.elements(records.path("targetSummaries")).stream(),
					JsonValues.elements(records.path("sourceSummaries")).stream())
			.flatMap((summary) -> JsonValues.elements(summary.path("entitySummaries")).stream())
			.map((entity) -> text(entity.path("id")))
			.filter(Objects::nonNull)
			.filter((id) -> id.startsWith(SEGMENT) && id.length() > SEGMENT.length()
					&& id.length() <= SEGMENT.length() + JsonValues.MAX_ID_LENGTH)
			.map((id) -> id.substring(SEGMENT.length()))
			.distinct()
			.toList();
	}

	/** Epoch milliseconds; {@code null} when absent, unreadable or before 1970. */
	private static Instant instant(JsonNode node) {
		Long millis = number(node);
		return (millis != null && millis >= 0) ? Instant.ofEpochMilli(millis) : null;
	}

}
