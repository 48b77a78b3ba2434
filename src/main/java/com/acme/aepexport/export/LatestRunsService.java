package com.acme.aepexport.export;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.IntFunction;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The newest dataflow run per audience of each {@code SUCCEEDED} export, kept in
 * PostgreSQL: a background refresher reads Adobe and records what it found here, and
 * reading an export answers from here. An export has a snapshot from the moment it
 * succeeds until its teardown is asked for.
 */
@Service
@Transactional
public class LatestRunsService {

	private final RunSnapshots snapshots;

	private final Clock clock;

	LatestRunsService(RunSnapshots snapshots, Clock clock) {
		this.snapshots = snapshots;
		this.clock = clock;
	}

	/** What was last read; empty until Adobe was first read for the export. */
	@Transactional(readOnly = true)
	public Optional<LatestRuns> of(ExportId id) {
		return this.snapshots.findById(id.value()).flatMap(RunSnapshot::toLatestRuns);
	}

	/** Exports whose runs are due to be read, the longest due first. */
	@Transactional(readOnly = true)
	public List<ExportId> due(int limit) {
		return this.snapshots.due(this.clock.instant(), limit).stream().map(ExportId::new).toList();
	}

	/**
	 * Asks for the export's runs to be read again now (runs were started outside its
	 * schedules, by an ad hoc job).
	 */
	public void readSoon(ExportId id) {
		this.snapshots.readBy(id.value(), this.clock.instant());
	}

	/**
	 * Records what Adobe said in a read that started at {@code startedAt}, and when to
	 * ask again (at once, should another read have been asked for since).
	 */
	public void read(ExportId id, List<LatestRun> latest, Instant startedAt, Duration readAgainIn) {
		Instant now = this.clock.instant();
		this.snapshots.read(id.value(), LatestRunsJson.write(latest), now, startedAt, now.plus(readAgainIn));
	}

	/**
	 * Records that Adobe could not be read; what was read before stays, with its time.
	 * @param pause how long to wait before the next read, given the failures in a row
	 * (this one included)
	 */
	public void notRead(ExportId id, String error, Instant startedAt, IntFunction<Duration> pause) {
		int failures = this.snapshots.failures(id.value()).orElse(0) + 1;
		this.snapshots.notRead(id.value(), error, startedAt, this.clock.instant().plus(pause.apply(failures)));
	}

	/**
	 * How long the most overdue read has been due (zero when none is): the refresher
	 * falls behind when this grows.
	 */
	@Transactional(readOnly = true)
	public Duration mostOverdue() {
		Instant now = this.clock.instant();
		return this.snapshots.earliestDue()
			.filter((due) -> due.isBefore(now))
			.map((due) -> Duration.between(due, now))
			.orElse(Duration.ZERO);
	}

}
