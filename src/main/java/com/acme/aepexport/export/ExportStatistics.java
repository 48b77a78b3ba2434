package com.acme.aepexport.export;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import lombok.RequiredArgsConstructor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.TransactionException;

/**
 * Gauges of what the database holds: {@code aep.exports} by status, and the queue,
 * {@code aep.exports.pending} (exports waiting for a worker) and
 * {@code aep.exports.oldest.pending.age} (seconds since the longest-waiting one became
 * pending; 0 when none waits). Every instance reads the same table, so every instance
 * shows the same figures: dashboards take the maximum, not the sum.
 * <p>
 * One query answers them all, run at most every
 * {@code exports.statistics.refresh-interval} however often they are scraped; it reads
 * counters the database keeps as exports change and one index entry per status, so its
 * cost does not grow with the exports ({@link Exports#COUNT_BY_STATUS}). While the
 * database is away the last figures stay (none yet: NaN), and a scrape still answers.
 */
@Component
@RequiredArgsConstructor
class ExportStatistics implements MeterBinder {

	private static final Logger log = LoggerFactory.getLogger(ExportStatistics.class);

	private final Exports exports;

	private final Clock clock;

	private final ExportSettings settings;

	private volatile Snapshot snapshot;

	@Override
	public void bindTo(MeterRegistry registry) {
		for (ExportStatus status : ExportStatus.values()) {
			Gauge.builder("aep.exports", this, (statistics) -> statistics.exports(status))
				.description("Exports by status, counted in the database")
				.tag("status", status.name())
				.register(registry);
		}
		Gauge.builder("aep.exports.pending", this, (statistics) -> statistics.exports(ExportStatus.PENDING))
			.description("Exports waiting for a worker (the queue's depth)")
			.register(registry);
		Gauge.builder("aep.exports.oldest.pending.age", this, ExportStatistics::oldestPendingAge)
			.description("How long the export that has waited longest for a worker has waited")
			.baseUnit("seconds")
			.register(registry);
	}

	private double exports(ExportStatus status) {
		Snapshot current = current();
		return (current.exports() != null) ? current.exports().getOrDefault(status, 0L) : Double.NaN;
	}

	private double oldestPendingAge() {
		Snapshot current = current();
		if (current.exports() == null) {
			return Double.NaN;
		}
		Instant since = current.oldestUpdate().get(ExportStatus.PENDING);
		return (since != null) ? Math.max(0, Duration.between(since, this.clock.instant()).toMillis() / 1000.0) : 0;
	}

	private Snapshot current() {
		Snapshot current = this.snapshot;
		Instant now = this.clock.instant();
		if (current != null && current.takenAt().plus(this.settings.statistics().refreshInterval()).isAfter(now)) {
			return current;
		}
		synchronized (this) {
			if (this.snapshot != current) {
				return this.snapshot;
			}
			try {
				Map<ExportStatus, Long> exports = new EnumMap<>(ExportStatus.class);
				Map<ExportStatus, Instant> oldestUpdate = new EnumMap<>(ExportStatus.class);
				for (Exports.StatusCount count : this.exports.countByStatus()) {
					exports.put(count.getStatus(), count.getExports());
					oldestUpdate.put(count.getStatus(), count.getOldestUpdate());
				}
				this.snapshot = new Snapshot(now, exports, oldestUpdate);
			}
			catch (DataAccessException | TransactionException ex) {
				// Not tried again for a while: a scrape must not wait on the database
				// once
				// per gauge.
				log.debug("Cannot count exports; the gauges keep their last figures", ex);
				this.snapshot = (current != null) ? current.keptAt(now) : new Snapshot(now, null, null);
			}
			return this.snapshot;
		}
	}

	/**
	 * @param exports exports by status, {@code null} when they could never be counted
	 */
	private record Snapshot(Instant takenAt, Map<ExportStatus, Long> exports, Map<ExportStatus, Instant> oldestUpdate) {

		Snapshot keptAt(Instant now) {
			return new Snapshot(now, this.exports, this.oldestUpdate);
		}

	}

}
