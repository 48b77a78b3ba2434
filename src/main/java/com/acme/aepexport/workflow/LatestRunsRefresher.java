package com.acme.aepexport.workflow;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.stereotype.Component;

import com.acme.aepexport.adobe.AdobeCallFailed;
import com.acme.aepexport.export.ExportId;
import com.acme.aepexport.export.ExportService;
import com.acme.aepexport.export.ExportStatus;
import com.acme.aepexport.export.ExportView;
import com.acme.aepexport.export.LatestRuns;
import com.acme.aepexport.export.LatestRunsService;

/**
 * Keeps the newest run per audience of every {@code SUCCEEDED} export in PostgreSQL, so
 * that reading an export never waits on Adobe, and tells the runs that ended and the
 * scheduled runs that did not appear ({@code exports.webhooks.missed-run-grace} after
 * their window). Each pass reads the exports due, a bounded batch at once, each within a
 * timeout; when it is next due depends on whether one of its runs is still going, with
 * jitter, and is no later than the deadline of its schedules' next window. A read that
 * fails keeps what was read before (its {@code asOf} says how old it is) and backs off.
 * Its pass runs as a db-scheduler recurring task, on one instance at a time, so two
 * replicas read the same export only when one is presumed dead while it still reads: the
 * read recorded first stands, and the other is dropped ({@code outcome=superseded}), as
 * is a read its export's deletion overtook.
 */
@Component
class LatestRunsRefresher {

	private static final Logger log = LoggerFactory.getLogger(LatestRunsRefresher.class);

	private final ExportService exports;

	private final LatestRunsService latestRuns;

	private final ExportRuns runs;

	private final WorkflowSettings.LatestRuns settings;

	private final Duration missedRunGrace;

	private final MeterRegistry meters;

	private final Clock clock;

	LatestRunsRefresher(ExportService exports, LatestRunsService latestRuns, ExportRuns runs, WorkflowSettings settings,
			MeterRegistry meters, Clock clock) {
		this.exports = exports;
		this.latestRuns = latestRuns;
		this.runs = runs;
		this.settings = settings.latestRuns();
		this.missedRunGrace = settings.webhooks().missedRunGrace();
		this.meters = meters;
		this.clock = clock;
		Gauge.builder("aep.runs.snapshot.overdue", latestRuns, LatestRunsRefresher::overdueSeconds)
			.description("How long the most overdue read of an export's latest runs has been due")
			.baseUnit("seconds")
			.register(meters);
	}

	/** One pass: reads the runs of the exports due, at most a batch of them, at once. */
	void refreshDue() {
		List<ExportId> due = this.latestRuns.due(this.settings.batchSize());
		try (ExecutorService reads = Executors.newVirtualThreadPerTaskExecutor()) {
			due.forEach((id) -> reads.submit(() -> refresh(id)));
		}
	}

	private void refresh(ExportId id) {
		Instant startedAt = this.clock.instant();
		try (MDC.MDCCloseable exportId = MDC.putCloseable(WorkersConfiguration.EXPORT_ID, id.toString())) {
			ExportView export = this.exports.find(id).orElse(null);
			if (export == null || export.status() != ExportStatus.SUCCEEDED) {
				return;
			}
			Instant asOfBefore = this.latestRuns.of(id).map(LatestRuns::asOf).orElse(null);
			try {
				// A run that waits names no audience yet, but is read again soon all
				// the same.
				ExportRuns.LatestRead read = this.runs.latestPerAudience(export, this.settings.timeout());
				boolean recorded = this.latestRuns.read(export, read.read(), startedAt, asOfBefore,
						jittered(read.going() ? this.settings.intervalWhileRunning() : this.settings.interval()),
						this.missedRunGrace);
				this.meters.counter("aep.runs.snapshot.reads", "outcome", recorded ? "read" : "superseded").increment();
			}
			catch (AdobeCallFailed failed) {
				this.latestRuns.notRead(id, failed.getMessage(), startedAt, this::backoff);
				this.meters.counter("aep.runs.snapshot.reads", "outcome", "failed").increment();
				log.warn("Reading the runs of export {} failed; the last read stays: {}", id, failed.getMessage());
			}
		}
		catch (RuntimeException ex) {
			// One export's trouble (the database, a bug) must not stop the others'
			// reads: it backs off like a failed read, or the same export would be the
			// first one due again at every pass.
			log.error("Reading the runs of export {} failed unexpectedly", id, ex);
			this.meters.counter("aep.runs.snapshot.reads", "outcome", "error").increment();
			try {
				this.latestRuns.notRead(id, ex.getClass().getSimpleName(), startedAt, this::backoff);
			}
			catch (RuntimeException alsoFailed) {
				log.warn("Cannot put off reading the runs of export {} either", id, alsoFailed);
			}
		}
	}

	/** NaN while the database cannot say: a scrape still answers. */
	private static double overdueSeconds(LatestRunsService latestRuns) {
		try {
			return latestRuns.mostOverdue().toMillis() / 1000.0;
		}
		catch (RuntimeException unavailable) {
			return Double.NaN;
		}
	}

	/**
	 * The pause after {@code failures} failed reads in a row: doubling, up to the
	 * interval.
	 */
	private Duration backoff(int failures) {
		Duration pause = this.settings.intervalWhileRunning().multipliedBy(1L << Math.min(failures - 1, 16));
		return jittered((pause.compareTo(this.settings.interval()) > 0) ? this.settings.interval() : pause);
	}

	private Duration jittered(Duration interval) {
		double factor = 1 + this.settings.jitter() * (2 * ThreadLocalRandom.current().nextDouble() - 1);
		return Duration.ofMillis(Math.round(interval.toMillis() * factor));
	}

}
