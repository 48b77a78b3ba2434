package com.acme.aepexport.export;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * One ad hoc activation job of an export, as stored: what was asked, and what Adobe
 * answered.
 *
 * @param inProgressUntil the latest its audiences count as busy, should its runs not be
 * seen to end before
 * @param runs Adobe's answer, one per audience; empty until Adobe answered
 * @param adobeStatus Adobe's HTTP status when it refused or failed, else {@code null}
 * @param error why it did not start, or may not have
 */
public record ActivationJob(UUID id, ExportId exportId, List<String> audienceIds, String requestedBy,
		Instant requestedAt, ActivationStatus status, Instant inProgressUntil, Instant answeredAt, List<Run> runs,
		Integer adobeStatus, String error) {

	public ActivationJob {
		audienceIds = List.copyOf(audienceIds);
		runs = (runs != null) ? List.copyOf(runs) : List.of();
	}

	/** The run Adobe named for the audience, if it did. */
	public Optional<Run> runOf(String audienceId) {
		return this.runs.stream().filter((run) -> audienceId.equals(run.audienceId())).findFirst();
	}

	/**
	 * Adobe's answer for one audience.
	 *
	 * @param orderId Adobe's {@code order}: the destination instance, i.e. the dataflow
	 * @param runId the dataflow run the job made, or {@code null} when Adobe named none
	 * @param statusUrl where Adobe says the run is followed
	 */
	public record Run(String audienceId, String orderId, String runId, String statusUrl) {

	}

}
