package com.acme.aepexport.export;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.IntFunction;
import java.util.stream.Collectors;

import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.context.ApplicationEventPublisher;
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

	/** Where a run is over: nothing more will change in it. */
	private static final Set<RunState> ENDED = EnumSet.of(RunState.SUCCEEDED, RunState.PARTIALLY_SUCCEEDED,
			RunState.FAILED, RunState.CANCELLED);

	private final RunSnapshots snapshots;

	private final ApplicationEventPublisher events;

	private final MeterRegistry meters;

	private final Clock clock;

	LatestRunsService(RunSnapshots snapshots, ApplicationEventPublisher events, MeterRegistry meters, Clock clock) {
		this.snapshots = snapshots;
		this.events = events;
		this.meters = meters;
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
	 * ask again (at once, should another read have been asked for since); and publishes
	 * {@link RunEnded} for each run this read is the first to find over.
	 */
	public void read(ExportView export, List<LatestRun> latest, Instant startedAt, Duration readAgainIn) {
		Set<String> endedBefore = of(export.id()).map(LatestRuns::runs)
			.orElse(List.of())
			.stream()
			.filter((run) -> ENDED.contains(run.state()))
			.map(LatestRun::runId)
			.collect(Collectors.toSet());
		Instant now = this.clock.instant();
		this.snapshots.read(export.id().value(), LatestRunsJson.write(latest), now, startedAt, now.plus(readAgainIn));
		// Runs that ended since the last read: the refresher reads an export on one
		// instance at a time, and this commits with the read, so each is told once.
		latest.stream()
			.filter((run) -> run.runId() != null && ENDED.contains(run.state()) && !endedBefore.contains(run.runId()))
			.collect(Collectors.groupingBy(LatestRun::runId, LinkedHashMap::new, Collectors.toList()))
			.values()
			.forEach((run) -> {
				this.meters.counter("aep.runs.ended", "state", run.getFirst().state().name()).increment();
				this.events.publishEvent(new RunEnded(export, run));
			});
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
