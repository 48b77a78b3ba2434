package com.acme.aepexport.workflow;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import com.acme.aepexport.adobe.AdobeCallFailed;
import com.acme.aepexport.export.EntityRef;
import com.acme.aepexport.export.ExportId;
import com.acme.aepexport.export.ExportService;
import com.acme.aepexport.export.ExportSpec;
import com.acme.aepexport.export.ExportStatus;
import com.acme.aepexport.export.ExportView;
import com.acme.aepexport.export.StepError;
import com.acme.aepexport.export.StepName;
import com.acme.aepexport.export.StepStatus;

/**
 * Runs the steps of one export that are not done yet, each as soon as the steps it needs
 * are done, independent ones at the same time (on virtual threads: each blocks on one
 * Adobe call).
 * <p>
 * This thread alone writes the export: when a step's call returns, its outcome is
 * committed here before any step that needs it starts. After a failure no new step
 * starts; the steps already running finish and their outcomes are committed too, so no
 * Adobe id is lost.
 */
@Component
class ExportRunner {

	private static final Logger log = LoggerFactory.getLogger(ExportRunner.class);

	private final ExportService exports;

	private final StepGraph graph;

	ExportRunner(ExportService exports, StepGraph graph) {
		this.exports = exports;
		this.graph = graph;
	}

	void run(ExportId id) throws InterruptedException {
		ExportView export = this.exports.start(id);
		ExportSpec spec = export.spec();
		Map<StepName, EntityRef> results = new EnumMap<>(StepName.class);
		Set<StepName> done = EnumSet.noneOf(StepName.class);
		for (ExportView.StepView step : export.steps()) {
			if (step.status() == StepStatus.SUCCEEDED) {
				results.put(step.name(), step.ref());
			}
			if (step.status().isDone()) {
				done.add(step.name());
			}
		}
		Set<StepName> started = EnumSet.noneOf(StepName.class);
		boolean failed = false;
		try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
			CompletionService<Outcome> completion = new ExecutorCompletionService<>(executor);
			int running = 0;
			while (true) {
				if (!failed) {
					running += startReady(id, spec, results, done, started, completion);
				}
				if (running == 0) {
					break;
				}
				Outcome outcome = take(completion);
				running--;
				switch (outcome) {
					case Outcome.Succeeded succeeded -> {
						this.exports.stepSucceeded(id, succeeded.step(), succeeded.ref());
						results.put(succeeded.step(), succeeded.ref());
						done.add(succeeded.step());
						log.info("Export {} step {} succeeded: {}", id, succeeded.step(), succeeded.ref().id());
					}
					case Outcome.Failed stepFailed -> {
						this.exports.stepFailed(id, stepFailed.error().step(), stepFailed.error());
						failed = true;
						log.warn("Export {} step {} failed: {}", id, stepFailed.error().step(),
								stepFailed.error().message());
					}
				}
			}
		}
		ExportView finished = this.exports.finish(id);
		if (finished.status() == ExportStatus.SUCCEEDED) {
			log.info("Export {} succeeded, dataflow {}", id, finished.flowId().orElse(null));
		}
	}

	/** Starts every step whose needs are met, skipping those that do not apply. */
	private int startReady(ExportId id, ExportSpec spec, Map<StepName, EntityRef> results, Set<StepName> done,
			Set<StepName> started, CompletionService<Outcome> completion) {
		int launched = 0;
		boolean skippedAny;
		do {
			skippedAny = false;
			for (Step step : this.graph.ready(done, started)) {
				started.add(step.name());
				if (!step.appliesTo(spec)) {
					this.exports.stepSkipped(id, step.name());
					done.add(step.name());
					skippedAny = true;
					continue;
				}
				this.exports.stepStarted(id, step.name());
				StepContext context = new StepContext(id, spec, results);
				completion.submit(() -> attempt(step, context));
				launched++;
			}
		}
		while (skippedAny);
		return launched;
	}

	private static Outcome attempt(Step step, StepContext context) {
		try {
			return new Outcome.Succeeded(step.name(), step.run(context));
		}
		catch (AdobeCallFailed ex) {
			return new Outcome.Failed(
					new StepError(step.name(), ex.httpStatus(), ex.adobeCode(), ex.adobeMessage(), ex.retryable()));
		}
		catch (RuntimeException ex) {
			log.error("Export {} step {} failed unexpectedly", context.exportId(), step.name(), ex);
			return new Outcome.Failed(new StepError(step.name(), null, null, ex.getMessage(), false));
		}
	}

	private static Outcome take(CompletionService<Outcome> completion) throws InterruptedException {
		try {
			return completion.take().get();
		}
		catch (ExecutionException ex) {
			// attempt() returns every failure as an outcome; anything else is a bug
			throw new IllegalStateException(ex.getCause());
		}
	}

	sealed interface Outcome {

		record Succeeded(StepName step, EntityRef ref) implements Outcome {

		}

		record Failed(StepError error) implements Outcome {

		}

	}

}
