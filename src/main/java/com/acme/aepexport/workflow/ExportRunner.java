package com.acme.aepexport.workflow;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import lombok.RequiredArgsConstructor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.stereotype.Component;

import com.acme.aepexport.adobe.AdobeCallFailed;
import com.acme.aepexport.adobe.AdobeRetryPolicy;
import com.acme.aepexport.export.EntityRef;
import com.acme.aepexport.export.ExportClaimLost;
import com.acme.aepexport.export.ExportId;
import com.acme.aepexport.export.ExportRun;
import com.acme.aepexport.export.ExportSpec;
import com.acme.aepexport.export.ExportStatus;
import com.acme.aepexport.export.ExportView;
import com.acme.aepexport.export.Runs;
import com.acme.aepexport.export.StepError;
import com.acme.aepexport.export.StepEvent;
import com.acme.aepexport.export.StepName;
import com.acme.aepexport.export.StepStatus;

/**
 * Runs the steps of one export that are not done yet, each as soon as the steps it needs
 * are done, independent ones at the same time (on virtual threads: each blocks on one
 * Adobe call).
 * <p>
 * This thread alone writes the export: when an attempt returns, its outcome is committed
 * here before any step that needs it starts. A transient fault is tried again after the
 * pause {@link AdobeRetryPolicy} gives, each attempt counted on the step; the next
 * attempt knows an earlier one may have reached Adobe. After a step fails for good no new
 * attempt starts; the attempts already running finish and are committed, so no Adobe id
 * is lost.
 */
@Component
@RequiredArgsConstructor
class ExportRunner {

	private static final Logger log = LoggerFactory.getLogger(ExportRunner.class);

	private static final String DESTINATION_TYPE = "destination.type";

	private static final String EXPORT_ID = "export.id";

	private final Runs runs;

	private final StepGraph graph;

	private final AdobeRetryPolicy retryPolicy;

	private final Clock clock;

	private final ObservationRegistry observations;

	private final MeterRegistry meters;

	private final WorkflowSettings settings;

	void run(ExportId id) throws InterruptedException {
		Optional<ExportRun> run = this.runs.start(id, this.settings.workers().maxRuns());
		if (run.isEmpty()) {
			log.info("Export {} has nothing left to run", id);
			return;
		}
		// One trace per run: the steps' spans, and Adobe's calls under them, hang from
		// it.
		Observation observation = Observation.createNotStarted("aep.export.run", this.observations)
			.contextualName("run export")
			.lowCardinalityKeyValue(DESTINATION_TYPE, run.get().export().spec().destination().type().name())
			.highCardinalityKeyValue(EXPORT_ID, id.toString());
		observation.observeChecked(() -> {
			ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
			try {
				new Execution(run.get(), new ExecutorCompletionService<>(executor), observation).run();
			}
			catch (ExportClaimLost lost) {
				log.warn("Export {} was taken by another worker; this one stops", id);
			}
			catch (InterruptedException stopping) {
				// The instance stops: the steps' calls are cut short (each is safe to
				// run again, and looks before it creates), and the run is handed back
				// uncounted, for another instance to take at once.
				executor.shutdownNow();
				run.get().handBack();
				log.info("Export {} handed back: this instance stops", id);
				throw new RunStopped(id, stopping);
			}
			finally {
				executor.close();
			}
		});
	}

	/** The state of one run: what is done, running, and waiting to be tried again. */
	private final class Execution {

		private final ExportRun run;

		private final ExportSpec spec;

		private final CompletionService<Outcome> completion;

		private final Map<StepName, EntityRef> results = new EnumMap<>(StepName.class);

		private final Set<StepName> done = EnumSet.noneOf(StepName.class);

		private final Set<StepName> started = EnumSet.noneOf(StepName.class);

		/** Attempts of each step so far, earlier runs included. */
		private final Map<StepName, Integer> attempts = new EnumMap<>(StepName.class);

		/** Each step's calls Adobe answered {@code 429} in this run: its pauses grow. */
		private final Map<StepName, Integer> throttles = new EnumMap<>(StepName.class);

		/**
		 * When each step was first tried in this run: its retry budget counts from there.
		 */
		private final Map<StepName, Instant> firstAttempt = new EnumMap<>(StepName.class);

		private final Map<StepName, Retry> retries = new EnumMap<>(StepName.class);

		private int running;

		private boolean failed;

		private final Observation observation;

		Execution(ExportRun run, CompletionService<Outcome> completion, Observation observation) {
			this.run = run;
			this.spec = run.export().spec();
			this.completion = completion;
			this.observation = observation;
			for (ExportView.StepView step : run.export().steps()) {
				if (step.status() == StepStatus.SUCCEEDED) {
					this.results.put(step.name(), step.ref());
				}
				if (step.status().isDone()) {
					this.done.add(step.name());
				}
				this.attempts.put(step.name(), step.attempts());
			}
		}

		void run() throws InterruptedException {
			while (true) {
				if (!this.failed) {
					startReady();
					startDueRetries();
				}
				if (this.running == 0 && (this.retries.isEmpty() || this.failed)) {
					break;
				}
				Future<Outcome> next = (this.retries.isEmpty() || this.failed) ? this.completion.take()
						: this.completion.poll(untilNextRetry().toMillis(), TimeUnit.MILLISECONDS);
				if (next != null) {
					this.running--;
					record(outcome(next));
				}
			}
			// A step waiting to be tried again when another failed for good fails too.
			this.retries.forEach((step, retry) -> this.run.record(new StepEvent.Failed(step, retry.error())));
			ExportView finished = this.run.finish();
			if (finished.status() == ExportStatus.SUCCEEDED) {
				log.info("Export {} succeeded, dataflow {}", this.run.id(), finished.flowId().orElse(null));
			}
		}

		/** Starts every step whose needs are met, skipping those that do not apply. */
		private void startReady() {
			ExportRunner.this.graph
				.toStart(this.spec, this.done, this.started,
						(skipped) -> this.run.record(new StepEvent.Skipped(skipped)))
				.forEach(this::attempt);
		}

		private void startDueRetries() {
			Instant now = ExportRunner.this.clock.instant();
			this.retries.entrySet().removeIf((entry) -> {
				if (entry.getValue().due().isAfter(now)) {
					return false;
				}
				attempt(entry.getValue().step());
				return true;
			});
		}

		private Duration untilNextRetry() {
			Instant now = ExportRunner.this.clock.instant();
			return this.retries.values()
				.stream()
				.map((retry) -> Duration.between(now, retry.due()))
				.min(Duration::compareTo)
				.filter((wait) -> !wait.isNegative())
				.orElse(Duration.ZERO);
		}

		private void attempt(Step step) {
			int earlier = this.attempts.merge(step.name(), 1, Integer::sum) - 1;
			this.firstAttempt.putIfAbsent(step.name(), ExportRunner.this.clock.instant());
			this.run.record(new StepEvent.Started(step.name()));
			StepContext context = new StepContext(this.run.id(), this.spec, this.results, earlier,
					this.run::requireClaim);
			this.completion.submit(() -> ExportRunner.this.observedAttempt(step, context, this.observation));
			this.running++;
		}

		private void record(Outcome outcome) {
			try (MDC.MDCCloseable stepName = MDC.putCloseable(WorkersConfiguration.STEP,
					outcome.step().name().name())) {
				recordInContext(outcome);
			}
		}

		private void recordInContext(Outcome outcome) {
			switch (outcome) {
				case Outcome.Succeeded succeeded -> {
					this.run.record(new StepEvent.Succeeded(succeeded.step().name(), succeeded.ref()));
					this.results.put(succeeded.step().name(), succeeded.ref());
					this.done.add(succeeded.step().name());
					log.info("Export {} step {} succeeded: {}", this.run.id(), succeeded.step().name(),
							succeeded.ref().id());
				}
				case Outcome.Failed attemptFailed -> {
					StepName name = attemptFailed.step().name();
					boolean throttled = attemptFailed.cause().filter(AdobeCallFailed::throttled).isPresent();
					int throttles = throttled ? this.throttles.merge(name, 1, Integer::sum)
							: this.throttles.getOrDefault(name, 0);
					Optional<Duration> pause = this.failed ? Optional.empty() : attemptFailed.cause()
						.flatMap((cause) -> ExportRunner.this.retryPolicy.delayBeforeRetry(cause,
								this.attempts.get(name), throttles,
								Duration.between(this.firstAttempt.get(name), ExportRunner.this.clock.instant())));
					boolean counts = attemptFailed.cause().map(AdobeCallFailed::costsAnAttempt).orElse(true);
					if (pause.isPresent() && !counts) {
						// Not an attempt: this instance had no room to call Adobe, or
						// Adobe throttled the call (429).
						this.attempts.merge(name, -1, Integer::sum);
						ExportRunner.this.meters
							.counter("aep.adobe.deferred", "step", name.name(), "reason",
									throttled ? "throttled" : "no-room")
							.increment();
						this.run.record(new StepEvent.Deferred(name, attemptFailed.error()));
						this.retries.put(name, new Retry(attemptFailed.step(),
								ExportRunner.this.clock.instant().plus(pause.get()), attemptFailed.error()));
						log.debug("Export {} step {} deferred for {}: {}", this.run.id(), name, pause.get(),
								attemptFailed.error().message());
					}
					else if (pause.isPresent()) {
						ExportRunner.this.meters
							.counter("aep.adobe.retries", "step", name.name(), "status",
									statusLabel(attemptFailed.error()))
							.increment();
						this.run.record(new StepEvent.AttemptFailed(name, attemptFailed.error()));
						this.retries.put(name, new Retry(attemptFailed.step(),
								ExportRunner.this.clock.instant().plus(pause.get()), attemptFailed.error()));
						log.info("Export {} step {} attempt {} failed, trying again in {}: {}", this.run.id(), name,
								this.attempts.get(name), pause.get(), attemptFailed.error().message());
					}
					else {
						this.run.record(new StepEvent.Failed(name, attemptFailed.error()));
						this.failed = true;
						log.warn("Export {} step {} failed: {}", this.run.id(), name, attemptFailed.error().message());
					}
				}
			}
		}

	}

	/**
	 * One attempt of a step, on its own (virtual) thread: timed and traced as
	 * {@code aep.export.step} by step, destination type and outcome, with the export id
	 * and step in the logging context of every line it writes.
	 */
	private Outcome observedAttempt(Step step, StepContext context, Observation parent) {
		Observation observation = Observation.createNotStarted("aep.export.step", this.observations)
			.parentObservation(parent)
			.contextualName(step.name().name())
			.lowCardinalityKeyValue("step", step.name().name())
			.lowCardinalityKeyValue(DESTINATION_TYPE, context.spec().destination().type().name())
			.highCardinalityKeyValue(EXPORT_ID, context.exportId().toString())
			.start();
		try (MDC.MDCCloseable exportId = MDC.putCloseable(WorkersConfiguration.EXPORT_ID,
				context.exportId().toString());
				MDC.MDCCloseable stepName = MDC.putCloseable(WorkersConfiguration.STEP, step.name().name());
				Observation.Scope scope = observation.openScope()) {
			Outcome outcome = attempt(step, context);
			observation.lowCardinalityKeyValue("outcome", outcome.label());
			return outcome;
		}
		finally {
			observation.stop();
		}
	}

	private static String statusLabel(StepError error) {
		return (error.httpStatus() != null) ? String.valueOf(error.httpStatus()) : "none";
	}

	private static Outcome attempt(Step step, StepContext context) {
		try {
			return new Outcome.Succeeded(step, step.run(context));
		}
		catch (AdobeCallFailed ex) {
			return new Outcome.Failed(step,
					new StepError(step.name(), ex.httpStatus(), ex.adobeCode(), ex.adobeMessage(), ex.retryable()),
					Optional.of(ex));
		}
		catch (VirtualMachineError fatal) {
			// The JVM may not go on; the run ends, and counts against the export's runs.
			throw fatal;
		}
		catch (ExportClaimLost lost) {
			// Not the step's failure: this worker no longer holds the export.
			throw lost;
		}
		catch (RuntimeException | Error ex) {
			log.error("Export {} step {} failed unexpectedly", context.exportId(), step.name(), ex);
			return new Outcome.Failed(step,
					new StepError(step.name(), null, null,
							"failed unexpectedly (" + ex.getClass().getSimpleName() + "): " + ex.getMessage(), false),
					Optional.empty());
		}
	}

	private static Outcome outcome(Future<Outcome> done) throws InterruptedException {
		try {
			return done.get();
		}
		catch (ExecutionException ex) {
			if (ex.getCause() instanceof ExportClaimLost lost) {
				throw lost;
			}
			// attempt() returns every failure as an outcome; anything else is a bug
			throw new IllegalStateException(ex.getCause());
		}
	}

	private record Retry(Step step, Instant due, StepError error) {

	}

	sealed interface Outcome {

		Step step();

		/** The {@code outcome} tag of the step's metrics and span. */
		String label();

		record Succeeded(Step step, EntityRef ref) implements Outcome {

			@Override
			public String label() {
				return "succeeded";
			}

		}

		/**
		 * @param cause Adobe's refusal, to decide whether and when to try again
		 */
		record Failed(Step step, StepError error, Optional<AdobeCallFailed> cause) implements Outcome {

			@Override
			public String label() {
				return this.error.retryable() ? "transient-error" : "error";
			}

		}

	}

}
