package com.acme.aepexport.export;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.stereotype.Component;

/**
 * The counters of what happens to exports and their runs, each named once. Those with a
 * description are registered when the application starts, so that a scrape shows them at
 * zero before anything has happened.
 */
@Component
class ExportMeters {

	private final MeterRegistry meters;

	private final Counter purged;

	private final Counter missed;

	ExportMeters(MeterRegistry meters) {
		this.meters = meters;
		this.purged = Counter.builder("aep.exports.purged")
			.description("DELETED exports purged after exports.retention.deleted")
			.register(meters);
		this.missed = Counter.builder("aep.runs.missed")
			.description("Scheduled dataflow runs that did not appear within their window and "
					+ "exports.webhooks.missed-run-grace, once each")
			.register(meters);
	}

	void purged(int exports) {
		this.purged.increment(exports);
	}

	void runMissed() {
		this.missed.increment();
	}

	void runEnded(RunState state) {
		this.meters.counter("aep.runs.ended", "state", state.name()).increment();
	}

}
