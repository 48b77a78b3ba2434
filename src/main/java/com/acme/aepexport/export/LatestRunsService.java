package com.acme.aepexport.export;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.IntFunction;
import java.util.stream.Collectors;

import lombok.AccessLevel;
import lombok.RequiredArgsConstructor;

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
@RequiredArgsConstructor(access = AccessLevel.PACKAGE)
public class LatestRunsService {

	/** Where a run is over: nothing more will change in it. */
	private static final Set<RunState> ENDED = EnumSet.of(RunState.SUCCEEDED, RunState.PARTIALLY_SUCCEEDED,
			RunState.FAILED, RunState.CANCELLED);

	private final RunSnapshots snapshots;

	private final ApplicationEventPublisher events;

	private final MissedRuns missedRuns;

	private final ExportMeters meters;

	private final Clock clock;

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
	 * schedules, by an ad hoc job); nothing once its teardown has been asked for.
	 */
	public void readSoon(ExportId id) {
		this.snapshots.readSoon(id.value(), this.clock.instant());
	}

	/**
	 * Records what Adobe said in a read that started at {@code startedAt}, and when to
	 * ask again (at once, should another read have been asked for since; no later than
	 * the next deadline of a scheduled run's window); publishes {@link RunEnded} for each
	 * run this read is the first to find over, and {@link RunMissed} for each scheduled
	 * run it is the first to find missing. Nothing, once the export's teardown has been
	 * asked for, or when another read was recorded since this one started.
	 * @param asOfBefore the snapshot's {@link LatestRuns#asOf()} as this read began, or
	 * {@code null} when it had none
	 * @param missedRunGrace how long after its window a scheduled run may still appear
	 * @return whether the read was recorded
	 */
	public boolean read(ExportView export, RunsRead read, Instant startedAt, Instant asOfBefore, Duration readAgainIn,
			Duration missedRunGrace) {
		// The snapshot's row first, locked: what it says ended is then what the last
		// read, wherever it ran, recorded.
		Optional<MissedRuns.Watch> watch = this.missedRuns.watchForUpdate(export.id().value());
		if (watch.isEmpty()) {
			// Its teardown was asked for while Adobe was read, and took the snapshot
			// with it: what was told before is not known any more, and nothing is to be
			// told of an export being deleted.
			return false;
		}
		Optional<LatestRuns> before = of(export.id());
		if (!Objects.equals(before.map(LatestRuns::asOf).orElse(null), asOfBefore)) {
			// Another read was recorded since this one started (the passes of two
			// instances overlapped, one presumed dead): this answer may be the older, and
			// recording it could show ended runs going again, to be told twice. The one
			// recorded stands, and set when to read next. Compared by value, not by
			// time: the two reads may have run on two machines' clocks.
			return false;
		}
		Set<String> endedBefore = before.map(LatestRuns::runs)
			.orElse(List.of())
			.stream()
			.filter((run) -> ENDED.contains(run.state()))
			.map(LatestRun::runId)
			.collect(Collectors.toSet());
		Instant now = this.clock.instant();
		List<RunMissed> missed = new ArrayList<>();
		Optional<Instant> nextDeadline = Optional.empty();
		if (watch.get().since() != null) {
			Instant since = watchedSince(export, watch.get().since());
			Instant after = (watch.get().checkedUntil() != null) ? watch.get().checkedUntil() : since;
			// A paused dataflow runs nothing: its windows pass unjudged, and once it is
			// enabled again only those opening after count.
			if (!paused(export) && after.isBefore(startedAt)) {
				ScheduleWindows.missed(export.spec().audiences(), read, since, after, startedAt, missedRunGrace)
					.forEach((window) -> missed.add(new RunMissed(export, window.audienceId(), window.schedule(),
							window.opens(), window.closes(), window.deadline(missedRunGrace),
							ScheduleWindows.previousRun(read, window).orElse(null))));
			}
			this.missedRuns.checked(export.id().value(), startedAt);
			nextDeadline = ScheduleWindows.nextDeadline(export.spec().audiences(), since, startedAt, missedRunGrace);
		}
		// The next window's deadline, if sooner: a missed run is told within a poll of
		// it.
		Instant next = nextDeadline.filter((deadline) -> deadline.isBefore(now.plus(readAgainIn)))
			.map((deadline) -> deadline.isBefore(now) ? now : deadline)
			.orElse(now.plus(readAgainIn));
		this.snapshots.read(export.id().value(), LatestRunsJson.write(read.latest()), now, startedAt, next);
		// Runs that ended since the last read: reads of the export wait on its row, and
		// this commits with the read, so each is told once.
		read.latest()
			.stream()
			.filter((run) -> run.runId() != null && ENDED.contains(run.state()) && !endedBefore.contains(run.runId()))
			.collect(Collectors.groupingBy(LatestRun::runId, LinkedHashMap::new, Collectors.toList()))
			.values()
			.forEach((run) -> {
				this.meters.runEnded(run.getFirst().state());
				this.events.publishEvent(new RunEnded(export, run));
			});
		// Each window once, whichever instance read it and however often: the row's
		// key is the audience's window, and only the read that inserts it tells it.
		for (RunMissed run : missed) {
			if (this.missedRuns.flag(export.id().value(), run.audienceId(), run.windowOpens(), run.deadline(), now)) {
				this.meters.runMissed();
				this.events.publishEvent(run);
			}
		}
		return true;
	}

	/**
	 * The later of when the snapshot was last told the schedules changed and when the
	 * dataflow was last enabled.
	 */
	private static Instant watchedSince(ExportView export, Instant since) {
		ExportView.Dataflow dataflow = export.dataflow();
		if (dataflow != null && dataflow.state() == DataflowState.ENABLED && dataflow.changedAt() != null
				&& dataflow.changedAt().isAfter(since)) {
			return dataflow.changedAt();
		}
		return since;
	}

	private static boolean paused(ExportView export) {
		return export.dataflow() != null && export.dataflow().state() == DataflowState.DISABLED;
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
