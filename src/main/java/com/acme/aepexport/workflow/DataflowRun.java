package com.acme.aepexport.workflow;

import java.time.Instant;
import java.util.List;

import com.acme.aepexport.export.RunState;

/**
 * A dataflow run, simplified: did the files go out, for which audiences, how many
 * records. A run that has not started has no start time, one that has not ended no
 * completion time, and its counts are absent or partial until it ends.
 *
 * @param status Adobe's status in upper case ({@code SUCCESS}, {@code FAILED},
 * {@code PROCESSING}, {@code WAITING}, or another value Adobe reports, kept as it is);
 * {@code null} when Adobe gave none
 * @param state what the status means, in a vocabulary of our own
 * @param audienceIds the audiences the run exported
 * @param createdAt when Adobe queued the run
 * @param files files written, when Adobe says
 * @param bytes bytes written, when Adobe says
 */
public record DataflowRun(String id, String status, RunState state, List<String> audienceIds, Instant createdAt,
		Instant startedAt, Instant completedAt, Records records, Long files, Long bytes, List<Problem> errors) {

	/**
	 * @param received profiles the run read
	 * @param activated profiles it exported
	 */
	public record Records(Long received, Long activated, Long failed, Long skipped) {

	}

	/**
	 * @param code Adobe's code, e.g. {@code ACTIVATION_BATCH-0000-FAILED}
	 */
	public record Problem(String code, String message) {

	}

}
