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

	/** Has the export's runs read as soon as the refresher comes round. */
	public void readSoon(ExportId id) {
		this.snapshots.readBy(id.value(), this.clock.instant());
	}

	/** Records what Adobe said now, and when to ask again. */
	public void read(ExportId id, List<LatestRun> latest, Duration readAgainIn) {
		Instant now = this.clock.instant();
		this.snapshots.findById(id.value()).ifPresent((snapshot) -> snapshot.read(latest, now, now.plus(readAgainIn)));
	}

	/**
	 * Records that Adobe could not be read; what was read before stays, with its time.
	 * @param pause how long to wait before the next read, given the failures in a row
	 * (this one included)
	 */
	public void notRead(ExportId id, String error, IntFunction<Duration> pause) {
		Instant now = this.clock.instant();
		this.snapshots.findById(id.value())
			.ifPresent((snapshot) -> snapshot.notRead(error, now.plus(pause.apply(snapshot.failures() + 1))));
	}

}
