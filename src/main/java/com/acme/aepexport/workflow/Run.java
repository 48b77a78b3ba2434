package com.acme.aepexport.workflow;

import java.time.Instant;
import java.util.List;

/**
 * A dataflow run, simplified: did the files go out, for which audiences, how many
 * records.
 *
 * @param status Adobe's status in upper case ({@code SUCCESS}, {@code FAILED},
 * {@code PROCESSING}, {@code WAITING}, or another value Adobe reports, kept as it is)
 * @param audienceIds the audiences the run exported
 * @param files files written, when Adobe says
 * @param bytes bytes written, when Adobe says
 */
public record Run(String id, String status, List<String> audienceIds, Instant startedAt, Instant completedAt,
		Records records, Long files, Long bytes, List<Problem> errors) {

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
