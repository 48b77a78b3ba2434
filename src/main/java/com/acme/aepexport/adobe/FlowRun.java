package com.acme.aepexport.adobe;

import java.util.List;

/**
 * A dataflow run as Adobe reports it ({@code GET /runs}), in Adobe's spelling. Only what
 * we show is read; the rest of Adobe's answer is ignored. Status values come in several
 * cases ({@code success}, {@code Failed}) and not all are documented: compare them
 * without regard to case and keep unknown ones.
 */
public record FlowRun(String id, String flowId, Long createdAt, Long updatedAt, Metrics metrics) {

	public record Metrics(DurationSummary durationSummary, SizeSummary sizeSummary, RecordSummary recordSummary,
			FileSummary fileSummary, StatusSummary statusSummary) {

	}

	/**
	 * @param stoppedAtUTC the schema's name of what every example calls
	 * {@code completedAtUTC}
	 */
	public record DurationSummary(Long startedAtUTC, Long completedAtUTC, Long stoppedAtUTC) {

	}

	public record SizeSummary(Long inputBytes, Long outputBytes) {

	}

	public record RecordSummary(Long inputRecordCount, Long outputRecordCount, Long failedRecordCount,
			Long skippedRecordCount, List<Summary> sourceSummaries, List<Summary> targetSummaries,
			List<Info> failedInfo) {

	}

	/**
	 * @param entitySummaries per audience, with ids {@code segment:<audience id>}
	 */
	public record Summary(String id, List<EntitySummary> entitySummaries) {

	}

	public record EntitySummary(String id) {

	}

	public record FileSummary(Long inputFileCount, Long outputFileCount, Long failedFileCount) {

	}

	public record StatusSummary(String status, List<Info> errors) {

	}

	public record Info(String code, String message, Long count) {

	}

}
