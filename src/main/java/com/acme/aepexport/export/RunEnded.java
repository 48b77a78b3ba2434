package com.acme.aepexport.export;

import java.time.Instant;
import java.util.List;

/**
 * A dataflow run of an export ended ({@code SUCCEEDED}, {@code PARTIALLY_SUCCEEDED},
 * {@code FAILED} or {@code CANCELLED}), as a read of Adobe's runs first found it:
 * published inside the transaction that records that read, once per run, to listeners
 * that run in it (the webhook outbox).
 *
 * @param export the export, as it is now
 * @param run the run's newest state, one entry per audience it exported
 */
public record RunEnded(ExportView export, List<LatestRun> run) {

	public RunEnded {
		run = List.copyOf(run);
	}

	public String runId() {
		return this.run.getFirst().runId();
	}

	public RunState state() {
		return this.run.getFirst().state();
	}

	public List<String> audienceIds() {
		return this.run.stream().map(LatestRun::audienceId).toList();
	}

	public Instant completedAt() {
		return this.run.getFirst().completedAt();
	}

}
