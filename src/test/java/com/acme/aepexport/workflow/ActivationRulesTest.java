package com.acme.aepexport.workflow;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.Collections;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.acme.aepexport.export.ActivationJob;
import com.acme.aepexport.export.ActivationStatus;
import com.acme.aepexport.export.ExportId;
import com.acme.aepexport.export.ExportSpec.Audience;
import com.acme.aepexport.export.ExportSpec.ExportMode;
import com.acme.aepexport.export.ExportSpec.Frequency;
import com.acme.aepexport.export.ExportSpec.Schedule;
import com.acme.aepexport.export.ExportSpec.Trigger;
import com.acme.aepexport.export.RunState;
import com.acme.aepexport.workflow.ActivationNotAllowed.Violation;

import static org.assertj.core.api.Assertions.assertThat;

class ActivationRulesTest {

	private static final Instant NOW = Instant.parse("2026-12-06T12:00:00Z");

	@Test
	void eightyAudiencesGoAndEightyOneAreTooManyWhetherNamedOrAll() {
		List<String> eighty = ids(80);
		List<String> eightyOne = ids(81);

		assertThat(ActivationRules.audiences(eighty, eighty)).isEmpty();
		assertThat(ActivationRules.audiences(eighty, null)).isEmpty();
		assertThat(ActivationRules.audiences(eightyOne, eightyOne)).extracting(Violation::guardrail)
			.containsExactly(ActivationGuardrail.TOO_MANY_AUDIENCES);
		assertThat(ActivationRules.audiences(eightyOne, null)).extracting(Violation::field)
			.containsExactly("audienceIds");
	}

	@Test
	void audiencesNotTheExportsOrNamedTwiceAreNamedByTheirIndex() {
		List<Violation> violations = ActivationRules.audiences(List.of("a", "b"), List.of("a", "x", "a"));

		assertThat(violations).extracting(Violation::field).containsExactly("audienceIds[1]", "audienceIds[2]");
		assertThat(violations).extracting(Violation::guardrail)
			.containsExactly(ActivationGuardrail.AUDIENCE_NOT_IN_EXPORT, ActivationGuardrail.AUDIENCE_NAMED_TWICE);
		assertThat(ActivationRules.audiences(List.of("a"), List.of())).extracting(Violation::guardrail)
			.containsExactly(ActivationGuardrail.NO_AUDIENCE);
	}

	@Test
	void anExportWithoutAudiencesHasNoneToActivate() {
		assertThat(ActivationRules.audiences(List.of(), null)).extracting(Violation::guardrail)
			.containsExactly(ActivationGuardrail.NO_AUDIENCE);
	}

	@Test
	void anAudienceMayGoOneHourAfterItsFirstScheduledActivationNotBefore() {
		Audience at11 = audience("a", schedule(LocalDate.parse("2026-12-06"), LocalTime.of(11, 0), null));
		Audience at10 = audience("b", schedule(LocalDate.parse("2026-12-06"), LocalTime.of(10, 0), null));

		assertThat(ActivationRules.schedules(List.of(at11), List.of("audiences[0]"), NOW)).as("exactly an hour after")
			.isEmpty();
		assertThat(ActivationRules.schedules(List.of(at11), List.of("audiences[0]"), NOW.minusSeconds(1)))
			.extracting(Violation::guardrail)
			.containsExactly(ActivationGuardrail.TOO_SOON_AFTER_FIRST_SCHEDULED_ACTIVATION);
		assertThat(ActivationRules.schedules(List.of(at10), List.of("audiences[0]"), NOW)).isEmpty();
		Audience tomorrow = audience("c", schedule(LocalDate.parse("2026-12-07"), LocalTime.of(0, 0), null));
		assertThat(ActivationRules.schedules(List.of(tomorrow), List.of("audienceIds[3]"), NOW))
			.extracting(Violation::field, Violation::guardrail)
			.containsExactly(org.assertj.core.groups.Tuple.tuple("audienceIds[3]",
					ActivationGuardrail.TOO_SOON_AFTER_FIRST_SCHEDULED_ACTIVATION));
	}

	@Test
	void anAudienceScheduledAfterSegmentEvaluationCountsFromTheStartOfItsStartDate() {
		Schedule afterEvaluation = new Schedule(ExportMode.DAILY_FULL_EXPORT, Frequency.DAILY,
				Trigger.AFTER_SEGMENT_EVALUATION, LocalDate.parse("2026-12-06"), null, null);

		assertThat(ActivationRules.firstScheduledActivation(afterEvaluation))
			.isEqualTo(Instant.parse("2026-12-06T00:00:00Z"));
		assertThat(ActivationRules.schedules(List.of(audience("a", afterEvaluation)), List.of("audiences[0]"),
				Instant.parse("2026-12-06T00:59:59Z")))
			.hasSize(1);
	}

	@Test
	void anAudienceWhoseScheduleEndedIsRefusedTheDayAfterItsEndDate() {
		Audience endsToday = audience("a",
				schedule(LocalDate.parse("2026-01-01"), LocalTime.of(0, 0), LocalDate.parse("2026-12-06")));
		Audience ended = audience("b",
				schedule(LocalDate.parse("2026-01-01"), LocalTime.of(0, 0), LocalDate.parse("2026-12-05")));

		assertThat(ActivationRules.schedules(List.of(endsToday, ended), List.of("audiences[0]", "audiences[1]"), NOW))
			.extracting(Violation::field, Violation::guardrail)
			.containsExactly(org.assertj.core.groups.Tuple.tuple("audiences[1]", ActivationGuardrail.SCHEDULE_ENDED));
	}

	@Test
	void aRunThatWaitsOrRunsHoldsItsAudienceAndOneThatNamesNoneHoldsEvery() {
		DataflowRun runningA = run("r1", RunState.RUNNING, List.of("a"));
		DataflowRun waiting = run("r2", RunState.QUEUED, List.of());
		DataflowRun overB = run("r3", RunState.SUCCEEDED, List.of("b"));

		assertThat(ActivationRules.inProgress(List.of("a", "b"), fields(2), List.of(), List.of(runningA, overB), NOW))
			.extracting(Violation::field, Violation::guardrail)
			.containsExactly(
					org.assertj.core.groups.Tuple.tuple("audiences[0]", ActivationGuardrail.SCHEDULED_RUN_IN_PROGRESS));
		assertThat(ActivationRules.inProgress(List.of("a", "b"), fields(2), List.of(), List.of(waiting), NOW))
			.extracting(Violation::guardrail)
			.containsExactly(ActivationGuardrail.SCHEDULED_RUN_IN_PROGRESS,
					ActivationGuardrail.SCHEDULED_RUN_IN_PROGRESS);
	}

	@Test
	void aJobHoldsItsAudiencesWhileItsRunGoesOnOrCannotBeSeenUntilItsTimePasses() {
		ActivationJob started = job(ActivationStatus.STARTED, List.of("a", "b"), NOW.plus(Duration.ofHours(1)), List
			.of(new ActivationJob.Run("a", "flow", "ra", null), new ActivationJob.Run("b", "flow", "rb", null)));
		DataflowRun raGoing = run("ra", RunState.RUNNING, List.of("a"));
		DataflowRun rbOver = run("rb", RunState.FAILED, List.of("b"));

		assertThat(ActivationRules.inProgress(List.of("a", "b"), fields(2), List.of(started), List.of(raGoing, rbOver),
				NOW))
			.extracting(Violation::field, Violation::guardrail)
			.containsExactly(
					org.assertj.core.groups.Tuple.tuple("audiences[0]", ActivationGuardrail.ACTIVATION_IN_PROGRESS));
		assertThat(ActivationRules.inProgress(List.of("a", "b"), fields(2), List.of(started), List.of(), NOW))
			.as("runs not seen: held")
			.hasSize(2);
		assertThat(ActivationRules.inProgress(List.of("a", "b"), fields(2), List.of(started), List.of(),
				NOW.plus(Duration.ofHours(1))))
			.as("its time passed")
			.isEmpty();
		assertThat(ActivationRules.inProgress(List.of("a"), fields(1), List.of(started), List.of(raGoing),
				NOW.plus(Duration.ofHours(2))))
			.as("a run of ours Adobe shows going holds it whatever the time")
			.extracting(Violation::guardrail)
			.containsExactly(ActivationGuardrail.ACTIVATION_IN_PROGRESS);
	}

	@Test
	void aJobWithoutAnswerHoldsItsAudiencesAndARefusedOneNone() {
		ActivationJob unknown = job(ActivationStatus.UNKNOWN, List.of("a"), NOW.plusSeconds(60), List.of());
		ActivationJob refused = job(ActivationStatus.REFUSED, List.of("b"), NOW.plusSeconds(60), List.of());

		assertThat(ActivationRules.inProgress(List.of("a", "b"), fields(2), List.of(unknown, refused), List.of(), NOW))
			.extracting(Violation::field)
			.containsExactly("audiences[0]");
	}

	private static List<String> ids(int count) {
		return java.util.stream.IntStream.range(0, count).mapToObj((i) -> "audience-" + i).toList();
	}

	private static List<String> fields(int count) {
		return java.util.stream.IntStream.range(0, count).mapToObj((i) -> "audiences[" + i + "]").toList();
	}

	private static Schedule schedule(LocalDate start, LocalTime time, LocalDate end) {
		return new Schedule(ExportMode.DAILY_FULL_EXPORT, Frequency.DAILY, Trigger.SCHEDULED, start, end, time);
	}

	private static Audience audience(String id, Schedule schedule) {
		return new Audience(id, null, null, schedule);
	}

	private static DataflowRun run(String id, RunState state, List<String> audiences) {
		return new DataflowRun(id, state.name(), state, audiences, NOW.minusSeconds(600), null, null, null, null, null,
				Collections.emptyList());
	}

	private static ActivationJob job(ActivationStatus status, List<String> audiences, Instant until,
			List<ActivationJob.Run> runs) {
		return new ActivationJob(UUID.randomUUID(), new ExportId(UUID.randomUUID()), audiences, "caller",
				NOW.minusSeconds(600), status, until, null, runs, null, null);
	}

}
