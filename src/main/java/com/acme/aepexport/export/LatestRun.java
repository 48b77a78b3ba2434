package com.acme.aepexport.export;

import java.time.Instant;

/**
 * The newest dataflow run of one audience of an export, as the last read of Adobe's runs
 * found it.
 *
 * @param status Adobe's status in upper case, or {@code null}
 * @param activated profiles exported, when Adobe says
 * @param failed profiles that failed, when Adobe says
 * @param files files written, when Adobe says
 */
public record LatestRun(String audienceId, String runId, String status, RunState state, Instant createdAt,
		Instant startedAt, Instant completedAt, Long activated, Long failed, Long files) {

}
