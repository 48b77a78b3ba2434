package com.acme.aepexport.export;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.acme.aepexport.export.ExportSpec.Audience;
import com.acme.aepexport.export.ExportSpec.ExportMode;
import com.acme.aepexport.export.ExportSpec.Frequency;
import com.acme.aepexport.export.ExportSpec.Schedule;
import com.acme.aepexport.export.ExportSpec.Trigger;
import com.acme.aepexport.export.ScheduleWindows.Window;

import static org.assertj.core.api.Assertions.assertThat;

class ScheduleWindowsTest {

	private static final Duration GRACE = Duration.ofHours(1);

	private static final Instant SINCE = Instant.parse("2026-12-01T10:00:00Z");

	private static final Audience DAILY_AT_23 = audience("daily", new Schedule(ExportMode.DAILY_FULL_EXPORT,
			Frequency.DAILY, Trigger.SCHEDULED, LocalDate.parse("2026-11-20"), null, LocalTime.of(23, 0)));

	@Test
	void aDailyScheduleHasAWindowAtItsTimeEachDayAndOnlyThoseOpeningSinceItWasWatchedCount() {
		List<Window> windows = ScheduleWindows.closing(DAILY_AT_23, SINCE, SINCE, at("2026-12-03T12:00:00Z"), GRACE);

		assertThat(windows).extracting(Window::opens)
			.containsExactly(at("2026-12-01T23:00:00Z"), at("2026-12-02T23:00:00Z"));
		assertThat(windows).allMatch((window) -> window.opens().equals(window.closes()));
		assertThat(windows.get(0).deadline(GRACE)).isEqualTo(at("2026-12-02T00:00:00Z"));
	}

	@Test
	void aWindowIsJudgedOnceItsDeadlineHasPassedAndNotAgainAfterwards() {
		Instant deadline = at("2026-12-02T00:00:00Z");
		assertThat(ScheduleWindows.closing(DAILY_AT_23, SINCE, SINCE, deadline.minusMillis(1), GRACE)).isEmpty();
		assertThat(ScheduleWindows.closing(DAILY_AT_23, SINCE, SINCE, deadline, GRACE)).hasSize(1);
		assertThat(ScheduleWindows.closing(DAILY_AT_23, SINCE, deadline, deadline.plusSeconds(60), GRACE)).isEmpty();
	}

	@Test
	void aRunCreatedWithinTheWindowAndItsGraceIsTheScheduledRun() {
		Instant until = at("2026-12-02T00:30:00Z");
		RunsRead late = read(false, run("late", "2026-12-02T00:00:01Z", "daily"));
		RunsRead inGrace = read(false, run("in-grace", "2026-12-01T23:59:00Z", "daily"));
		RunsRead onTime = read(false, run("on-time", "2026-12-01T23:00:00Z", "daily"));
		RunsRead another = read(false, run("other", "2026-12-01T23:00:00Z", "other-audience"));
		RunsRead waiting = read(false, run("waiting", "2026-12-01T23:00:05Z"));

		assertThat(missed(late, until)).extracting(Window::opens).containsExactly(at("2026-12-01T23:00:00Z"));
		assertThat(missed(inGrace, until)).isEmpty();
		assertThat(missed(onTime, until)).isEmpty();
		assertThat(missed(another, until)).hasSize(1);
		assertThat(missed(waiting, until)).as("a waiting run names no audience yet: it may be this one's").isEmpty();
	}

	@Test
	void aWindowOlderThanTheRunsReadIsNotJudged() {
		Instant until = at("2026-12-03T00:30:00Z");
		RunsRead read = read(true, run("newest", "2026-12-02T23:00:00Z", "daily"),
				run("oldest-read", "2026-12-02T12:00:00Z", "other"));

		assertThat(missed(read, until)).as("the 1 December window opened before the oldest run read").isEmpty();
		assertThat(missed(read(false, read.seen().toArray(SeenRun[]::new)), until)).extracting(Window::opens)
			.containsExactly(at("2026-12-01T23:00:00Z"));
	}

	@Test
	void hourlySchedulesRunAcrossMidnightAndEndWithTheirEndDate() {
		Audience incremental = audience("incremental",
				new Schedule(ExportMode.FIRST_FULL_THEN_INCREMENTAL, Frequency.EVERY_8_HOURS, null,
						LocalDate.parse("2026-12-01"), LocalDate.parse("2026-12-02"), LocalTime.of(6, 0)));

		assertThat(ScheduleWindows.closing(incremental, SINCE, SINCE, at("2026-12-10T00:00:00Z"), GRACE))
			.extracting(Window::opens)
			.containsExactly(at("2026-12-01T14:00:00Z"), at("2026-12-01T22:00:00Z"), at("2026-12-02T06:00:00Z"),
					at("2026-12-02T14:00:00Z"), at("2026-12-02T22:00:00Z"));
	}

	@Test
	void aOneOffScheduleHasOneWindowAndNoneWhenItWasBeforeTheWatch() {
		Schedule once = new Schedule(ExportMode.DAILY_FULL_EXPORT, Frequency.ONCE, Trigger.SCHEDULED,
				LocalDate.parse("2026-12-01"), null, LocalTime.of(12, 0));
		assertThat(ScheduleWindows.closing(audience("once", once), SINCE, SINCE, at("2026-12-31T00:00:00Z"), GRACE))
			.extracting(Window::opens)
			.containsExactly(at("2026-12-01T12:00:00Z"));
		assertThat(ScheduleWindows.closing(audience("once", once), at("2026-12-01T12:00:01Z"), SINCE,
				at("2026-12-31T00:00:00Z"), GRACE))
			.isEmpty();
	}

	@Test
	void afterSegmentEvaluationTheWindowIsTheWholeUtcDay() {
		Audience afterEvaluation = audience("evaluated", new Schedule(ExportMode.DAILY_FULL_EXPORT, Frequency.DAILY,
				Trigger.AFTER_SEGMENT_EVALUATION, LocalDate.parse("2026-12-02"), null, null));

		List<Window> windows = ScheduleWindows.closing(afterEvaluation, SINCE, SINCE, at("2026-12-03T01:00:00Z"),
				GRACE);

		assertThat(windows).singleElement().satisfies((window) -> {
			assertThat(window.opens()).isEqualTo(at("2026-12-02T00:00:00Z"));
			assertThat(window.closes()).isEqualTo(at("2026-12-03T00:00:00Z"));
		});
		assertThat(ScheduleWindows.missed(List.of(afterEvaluation),
				read(false, run("evening", "2026-12-02T21:17:00Z", "evaluated")), SINCE, SINCE,
				at("2026-12-03T01:00:00Z"), GRACE))
			.isEmpty();
	}

	@Test
	void theNextDeadlineIsTheSoonestOfTheAudiences() {
		Audience hourly = audience("hourly", new Schedule(ExportMode.FIRST_FULL_THEN_INCREMENTAL,
				Frequency.EVERY_3_HOURS, null, LocalDate.parse("2026-12-01"), null, LocalTime.of(0, 0)));

		assertThat(ScheduleWindows.nextDeadline(List.of(DAILY_AT_23, hourly), SINCE, at("2026-12-01T13:00:00Z"), GRACE))
			.contains(at("2026-12-01T13:00:00Z").plus(Duration.ofHours(3)));
		assertThat(ScheduleWindows.nextDeadline(List.of(DAILY_AT_23), SINCE, at("2026-12-02T00:00:00Z"), GRACE))
			.as("after a deadline, the next day's")
			.contains(at("2026-12-03T00:00:00Z"));
	}

	@Test
	void thePreviousRunIsTheAudiencesNewestBeforeTheWindow() {
		RunsRead read = read(false, run("after", "2026-12-02T08:00:00Z", "daily"),
				run("before", "2026-12-01T08:00:00Z", "daily"), run("older", "2026-11-30T08:00:00Z", "daily"));
		Window window = missed(read, at("2026-12-02T00:30:00Z")).getFirst();

		assertThat(ScheduleWindows.previousRun(read, window)).map(SeenRun::runId).contains("before");
	}

	private static List<Window> missed(RunsRead read, Instant until) {
		return ScheduleWindows.missed(List.of(DAILY_AT_23), read, SINCE, SINCE, until, GRACE);
	}

	private static RunsRead read(boolean olderUnseen, SeenRun... runs) {
		return new RunsRead(List.of(), List.of(runs), olderUnseen);
	}

	private static SeenRun run(String id, String createdAt, String... audienceIds) {
		return new SeenRun(id, (audienceIds.length == 0) ? RunState.QUEUED : RunState.SUCCEEDED, at(createdAt),
				List.of(audienceIds));
	}

	private static Audience audience(String id, Schedule schedule) {
		return new Audience(id, null, null, schedule);
	}

	private static Instant at(String instant) {
		return Instant.parse(instant);
	}

}
