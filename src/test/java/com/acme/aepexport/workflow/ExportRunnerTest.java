package com.acme.aepexport.workflow;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Stream;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import org.junit.jupiter.api.Test;

import com.acme.aepexport.adobe.AdobeFakes;
import com.acme.aepexport.export.ClaimedRun;
import com.acme.aepexport.export.EntityRef;
import com.acme.aepexport.export.ExportId;
import com.acme.aepexport.export.ExportRun;
import com.acme.aepexport.export.ExportStatus;
import com.acme.aepexport.export.ExportView;
import com.acme.aepexport.export.RunEvents;
import com.acme.aepexport.export.Runs;
import com.acme.aepexport.export.StepError;
import com.acme.aepexport.export.StepEvent;
import com.acme.aepexport.export.StepName;
import com.acme.aepexport.export.StepStatus;
import com.acme.aepexport.export.TeardownRun;
import com.acme.aepexport.support.ExportSpecs;

import static com.acme.aepexport.export.StepName.BASE_CONNECTION;
import static com.acme.aepexport.export.StepName.DATAFLOW;
import static com.acme.aepexport.export.StepName.INPUT_SCHEMA;
import static com.acme.aepexport.export.StepName.SOURCE_CONNECTION;
import static com.acme.aepexport.export.StepName.TARGET_CONNECTION;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The runner on the real table of steps, with fake work in each step and a fake record of
 * what it commits: no database, no Adobe.
 */
class ExportRunnerTest {

	private static final Duration BACKOFF = Duration.ofMillis(300);

	private final Recorded recorded = new Recorded();

	@Test
	void aStepStartsOnlyOnceEverythingItNeedsIsCommitted() throws InterruptedException {
		ExportRunner runner = runner(Map.of());

		runner.run(ExportId.random());

		StepGraph graph = new StepGraph(StepGraphTest.allSteps());
		for (Step step : graph.steps()) {
			if (!step.appliesTo(ExportSpecs.amazonS3())) {
				assertThat(this.recorded.index("skipped " + step.name())).isNotNegative();
				continue;
			}
			int started = this.recorded.index("started " + step.name());
			assertThat(started).as("%s started", step.name()).isNotNegative();
			for (StepName need : step.needs()) {
				assertThat(this.recorded.index("succeeded " + need))
					.as("%s committed before %s starts", need, step.name())
					.isBetween(0, started);
			}
		}
		assertThat(this.recorded.last()).isEqualTo("finished");
	}

	@Test
	void aFailedStepStartsNothingMoreAndLetsWhatRunsFinish() throws InterruptedException {
		ExportRunner runner = runner(Map.of(TARGET_CONNECTION, (context) -> {
			throw AdobeFakes.refused("POST /targetConnections", 400, "bad bucket");
		}, INPUT_SCHEMA, (context) -> {
			sleep(Duration.ofMillis(500));
			return EntityRef.dataPrep("input", 1);
		}));

		runner.run(ExportId.random());

		assertThat(this.recorded.events()).contains("failed " + TARGET_CONNECTION + " (400)")
			.doesNotContain("started " + DATAFLOW);
		assertThat(this.recorded.index("succeeded " + INPUT_SCHEMA))
			.as("the input schema, under way when the target failed, is recorded")
			.isGreaterThan(this.recorded.index("failed " + TARGET_CONNECTION + " (400)"));
		assertThat(this.recorded.last()).isEqualTo("finished");
	}

	@Test
	void aTransientFaultIsTriedAgainAfterItsBackoffWhileOtherStepsGoOn() throws InterruptedException {
		AtomicInteger attempts = new AtomicInteger();
		ExportRunner runner = runner(Map.of(SOURCE_CONNECTION, (context) -> {
			if (attempts.incrementAndGet() == 1) {
				throw AdobeFakes.busy("POST /sourceConnections");
			}
			return EntityRef.flowService("source", "\"1\"");
		}));

		runner.run(ExportId.random());

		Instant failed = this.recorded.at("attempt failed " + SOURCE_CONNECTION);
		Instant again = this.recorded.at("started " + SOURCE_CONNECTION, 2);
		assertThat(Duration.between(failed, again)).as("the pause before the second attempt")
			.isBetween(BACKOFF, BACKOFF.plusMillis(400));
		assertThat(this.recorded.at("succeeded " + BASE_CONNECTION)).as("a step that does not need it went on")
			.isBefore(again);
		assertThat(this.recorded.events()).contains("succeeded " + DATAFLOW);
	}

	@Test
	void aStepStillFailingAfterItsAttemptsFailsTheRun() throws InterruptedException {
		ExportRunner runner = runner(Map.of(SOURCE_CONNECTION, (context) -> {
			throw AdobeFakes.busy("POST /sourceConnections");
		}));

		runner.run(ExportId.random());

		assertThat(this.recorded.events().stream().filter(("started " + SOURCE_CONNECTION)::equals)).hasSize(3);
		assertThat(this.recorded.events()).contains("failed " + SOURCE_CONNECTION + " (503)")
			.doesNotContain("started " + DATAFLOW);
	}

	@Test
	void anInstanceTooBusyToCallAdobeDelaysAStepButNeverFailsIt() throws InterruptedException {
		AtomicInteger tries = new AtomicInteger();
		ExportRunner runner = runner(Map.of(SOURCE_CONNECTION, (context) -> {
			if (tries.incrementAndGet() <= 5) {
				throw AdobeFakes.noRoom("POST /sourceConnections");
			}
			return EntityRef.flowService("source", "\"1\"");
		}));

		runner.run(ExportId.random());

		assertThat(this.recorded.events().stream().filter(("deferred " + SOURCE_CONNECTION)::equals))
			.as("five tries found no room, more than the step's three attempts")
			.hasSize(5);
		assertThat(this.recorded.events()).contains("succeeded " + SOURCE_CONNECTION, "succeeded " + DATAFLOW)
			.doesNotContain("attempt failed " + SOURCE_CONNECTION);
		assertThat(this.recorded.last()).isEqualTo("finished");
	}

	/**
	 * The runner on the real table, each step doing {@code work} (or nothing) instead.
	 */
	private ExportRunner runner(Map<StepName, Function<StepContext, EntityRef>> work) {
		List<Step> table = StepGraphTest.allSteps()
			.stream()
			.map((step) -> step.runningInstead(
					work.getOrDefault(step.name(), (context) -> EntityRef.flowService(step.name().name(), "\"1\""))))
			.toList();
		WorkflowSettings settings = new WorkflowSettings(
				new WorkflowSettings.Workers(4, Duration.ofSeconds(5), Duration.ofSeconds(3), 5, Duration.ofSeconds(10),
						Duration.ofMinutes(10), null, Duration.ofMinutes(1), 5, Duration.ofSeconds(5)),
				Map.of(), null, null, null, null);
		return new ExportRunner(this.recorded, new StepGraph(table), AdobeFakes.retryPolicy(3, BACKOFF),
				Clock.systemUTC(), ObservationRegistry.NOOP, new SimpleMeterRegistry(), settings);
	}

	private static void sleep(Duration pause) {
		try {
			Thread.sleep(pause);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/** What the runner records, in order, with when: a fake of the database's side. */
	static final class Recorded implements Runs, RunEvents {

		private final List<String> events = Collections.synchronizedList(new ArrayList<>());

		private final Map<Integer, Instant> times = new ConcurrentHashMap<>();

		List<String> events() {
			return List.copyOf(this.events);
		}

		int index(String event) {
			return events().indexOf(event);
		}

		String last() {
			return events().getLast();
		}

		Instant at(String event) {
			return at(event, 1);
		}

		/** When the event happened for the {@code nth} time. */
		Instant at(String event, int nth) {
			List<String> all = events();
			int seen = 0;
			for (int i = 0; i < all.size(); i++) {
				if (all.get(i).equals(event) && ++seen == nth) {
					return this.times.get(i);
				}
			}
			throw new AssertionError("no " + event + " #" + nth + " in " + all);
		}

		private synchronized void record(String event) {
			this.times.put(this.events.size(), Instant.now());
			this.events.add(event);
		}

		@Override
		public Optional<ExportRun> start(ExportId id, int maxRuns) {
			List<ExportView.StepView> steps = Stream.of(StepName.values())
				.map((name) -> new ExportView.StepView(name, StepStatus.PENDING, null, 0, null, null, null, null, null))
				.toList();
			Instant now = Instant.now();
			return Optional.of(new ExportRun(this, new ExportView(id, "owner", ExportSpecs.amazonS3(),
					ExportStatus.RUNNING, now, now, steps, null, null, 1, false), UUID.randomUUID()));
		}

		@Override
		public Optional<TeardownRun> startTeardown(ExportId id, int maxRuns) {
			return Optional.empty();
		}

		@Override
		public void record(ClaimedRun run, StepEvent event) {
			switch (event) {
				case StepEvent.Started started -> record("started " + started.step());
				case StepEvent.Succeeded succeeded -> record("succeeded " + succeeded.step());
				case StepEvent.Skipped skipped -> record("skipped " + skipped.step());
				case StepEvent.AttemptFailed attemptFailed -> record("attempt failed " + attemptFailed.step());
				case StepEvent.Deferred deferred -> record("deferred " + deferred.step());
				case StepEvent.Failed failed ->
					record("failed " + failed.step() + " (" + failed.error().httpStatus() + ")");
				case StepEvent.InTeardown teardown -> {
				}
			}
		}

		@Override
		public ExportView finish(ExportRun run) {
			record("finished");
			return run.export();
		}

		@Override
		public void teardownFailed(TeardownRun run, StepError error) {
		}

		@Override
		public void teardownFinished(TeardownRun run) {
		}

		@Override
		public void requireClaim(ClaimedRun run) {
		}

		@Override
		public void handBack(ClaimedRun run) {
			record("handed back");
		}

	}

}
