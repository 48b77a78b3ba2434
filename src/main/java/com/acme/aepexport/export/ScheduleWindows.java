package com.acme.aepexport.export;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import com.acme.aepexport.export.ExportSpec.Audience;
import com.acme.aepexport.export.ExportSpec.Frequency;
import com.acme.aepexport.export.ExportSpec.Schedule;

/**
 * When an audience's schedule has Adobe create a run, as windows, and which of them a
 * read of the runs finds missed. A schedule with a start time has a window at each of its
 * times: its start date at its start time (UTC), then one every period of its frequency
 * (a day, or 3, 6, 8 or 12 hours), a single one for {@code ONCE}, none on a day after its
 * end date. A schedule without one (the {@code AFTER_SEGMENT_EVALUATION} trigger, whose
 * hour Adobe does not say) has a window a day, the whole UTC day, from its start date. A
 * window is missed when no run of its audience was created from its opening until its
 * close plus the grace: a run that still waits names no audience yet, and counts for
 * every one; an ad hoc run counts too.
 */
final class ScheduleWindows {

	/** No export is read so seldom that more windows than this close in between. */
	private static final int MAX_WINDOWS = 10_000;

	private ScheduleWindows() {
	}

	/**
	 * One window of an audience's schedule.
	 *
	 * @param opens from when its run may be created
	 * @param closes until when its schedule lets it start
	 */
	record Window(String audienceId, Schedule schedule, Instant opens, Instant closes) {

		Instant deadline(Duration grace) {
			return this.closes.plus(grace);
		}

	}

	/**
	 * The audiences' windows that opened at or after {@code since} and whose deadline
	 * (close plus grace) passed after {@code after}, up to {@code until}, and that the
	 * runs read show no run of.
	 * @param since when the schedules as they are reached Adobe's dataflow: windows
	 * opening before are not judged
	 * @param after the deadline up to which windows were judged already
	 * @param until when the read of {@code read} started: its runs say nothing of later
	 */
	static List<Window> missed(List<Audience> audiences, RunsRead read, Instant since, Instant after, Instant until,
			Duration grace) {
		Instant oldestSeen = read.seen()
			.stream()
			.map(SeenRun::createdAt)
			.filter(Objects::nonNull)
			.min(Comparator.naturalOrder())
			.orElse(null);
		List<Window> missed = new ArrayList<>();
		for (Audience audience : audiences) {
			for (Window window : closing(audience, since, after, until, grace)) {
				boolean appeared = read.seen()
					.stream()
					.anyMatch((run) -> run.createdAt() != null && !run.createdAt().isBefore(window.opens())
							&& !run.createdAt().isAfter(window.deadline(grace)) && run.mayBeOf(audience.id()));
				// Older runs than those read are unknown: a window among them is not
				// judged rather than judged wrongly.
				boolean known = !read.olderUnseen() || (oldestSeen != null && !window.opens().isBefore(oldestSeen));
				if (!appeared && known) {
					missed.add(window);
				}
			}
		}
		return missed;
	}

	/** The newest run read that names the audience and was created before the window. */
	static Optional<SeenRun> previousRun(RunsRead read, Window window) {
		return read.seen()
			.stream()
			.filter((run) -> run.createdAt() != null && run.createdAt().isBefore(window.opens())
					&& run.audienceIds().contains(window.audienceId()))
			.max(Comparator.comparing(SeenRun::createdAt));
	}

	/**
	 * The first deadline after {@code after} of the audiences' windows that open at or
	 * after {@code since}; empty when their schedules have no window left.
	 */
	static Optional<Instant> nextDeadline(List<Audience> audiences, Instant since, Instant after, Duration grace) {
		return audiences.stream()
			.map((audience) -> Shape.of(audience)
				.flatMap((shape) -> shape.window(shape.firstIndex(since, after, grace)))
				.map((window) -> window.deadline(grace)))
			.flatMap(Optional::stream)
			.min(Comparator.naturalOrder());
	}

	/**
	 * The audience's windows that open at or after {@code since} and whose deadline is
	 * after {@code after} and not after {@code until}, oldest first.
	 */
	static List<Window> closing(Audience audience, Instant since, Instant after, Instant until, Duration grace) {
		Optional<Shape> shape = Shape.of(audience);
		if (shape.isEmpty()) {
			return List.of();
		}
		List<Window> windows = new ArrayList<>();
		long index = shape.get().firstIndex(since, after, grace);
		for (int i = 0; i < MAX_WINDOWS; i++, index++) {
			Optional<Window> window = shape.get().window(index);
			if (window.isEmpty() || window.get().deadline(grace).isAfter(until)) {
				break;
			}
			windows.add(window.get());
		}
		return windows;
	}

	/**
	 * A schedule's windows: the {@code k}-th opens at {@code first + k × period} and is
	 * {@code length} long.
	 */
	private record Shape(Audience audience, Instant first, long periodMillis, long lengthMillis, boolean once,
			LocalDate endDate) {

		private static final long HOUR = Duration.ofHours(1).toMillis();

		private static final long DAY = Duration.ofDays(1).toMillis();

		static Optional<Shape> of(Audience audience) {
			Schedule schedule = audience.schedule();
			if (schedule == null || schedule.startDate() == null || schedule.frequency() == null) {
				return Optional.empty();
			}
			boolean once = schedule.frequency() == Frequency.ONCE;
			if (schedule.startTime() == null) {
				// After segment evaluation: some time that day.
				return Optional.of(new Shape(audience, at(schedule.startDate(), LocalTime.MIDNIGHT), DAY, DAY, once,
						schedule.endDate()));
			}
			return Optional.of(new Shape(audience, at(schedule.startDate(), schedule.startTime()),
					period(schedule.frequency()), 0, once, schedule.endDate()));
		}

		private static long period(Frequency frequency) {
			return switch (frequency) {
				case ONCE, DAILY -> DAY;
				case EVERY_3_HOURS -> 3 * HOUR;
				case EVERY_6_HOURS -> 6 * HOUR;
				case EVERY_8_HOURS -> 8 * HOUR;
				case EVERY_12_HOURS -> 12 * HOUR;
			};
		}

		private static Instant at(LocalDate date, LocalTime time) {
			return date.atTime(time).toInstant(ZoneOffset.UTC);
		}

		/**
		 * The first window that opens at or after {@code since} and whose deadline is
		 * after {@code after}.
		 */
		long firstIndex(Instant since, Instant after, Duration grace) {
			long fromSince = Math.ceilDiv(since.toEpochMilli() - this.first.toEpochMilli(), this.periodMillis);
			long fromAfter = Math.floorDiv(
					after.toEpochMilli() - this.first.toEpochMilli() - this.lengthMillis - grace.toMillis(),
					this.periodMillis) + 1;
			return Math.max(0, Math.max(fromSince, fromAfter));
		}

		Optional<Window> window(long index) {
			if (this.once && index > 0) {
				return Optional.empty();
			}
			Instant opens = this.first.plusMillis(index * this.periodMillis);
			if (this.endDate != null && LocalDate.ofInstant(opens, ZoneOffset.UTC).isAfter(this.endDate)) {
				return Optional.empty();
			}
			return Optional.of(new Window(this.audience.id(), this.audience.schedule(), opens,
					opens.plusMillis(this.lengthMillis)));
		}

	}

}
