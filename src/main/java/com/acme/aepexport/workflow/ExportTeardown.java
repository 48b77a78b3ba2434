package com.acme.aepexport.workflow;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import lombok.RequiredArgsConstructor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.stereotype.Component;

import com.acme.aepexport.adobe.AdobeCallFailed;
import com.acme.aepexport.adobe.AdobeRetryPolicy;
import com.acme.aepexport.adobe.Deletion;
import com.acme.aepexport.adobe.Sandbox;
import com.acme.aepexport.export.EntityRef;
import com.acme.aepexport.export.ExportClaimLost;
import com.acme.aepexport.export.ExportId;
import com.acme.aepexport.export.ExportView;
import com.acme.aepexport.export.Runs;
import com.acme.aepexport.export.StepError;
import com.acme.aepexport.export.StepEvent;
import com.acme.aepexport.export.StepName;
import com.acme.aepexport.export.StepStatus;
import com.acme.aepexport.export.TeardownRun;

/**
 * Deletes the Adobe entities an export created, newest first: the dataflow before the
 * mapping set it uses and the connections it joins, the target connection before its base
 * connection. A {@code 404} counts as deleted. Each delete is retried like a step when
 * the fault is transient; a delete that Adobe does not have or does not allow leaves the
 * entity behind, says so on its step, and the teardown goes on. Another refusal stops the
 * teardown with the export still {@code DELETING}, and the next {@code DELETE} continues
 * from there. A step whose create may have happened without its answer arriving is looked
 * up first, so that no entity of the export is left behind unknowingly. Conversion
 * schemas cannot be deleted (Data Prep has no such call): they are left behind,
 * unattached, and their steps say so. An imported export (adopted from a dataflow built
 * elsewhere) leaves the base and source connections other dataflows still use: Adobe's UI
 * shares a destination account between dataflows, and deleting it would break theirs.
 */
@Component
@RequiredArgsConstructor
class ExportTeardown {

	private static final Logger log = LoggerFactory.getLogger(ExportTeardown.class);

	private final Runs runs;

	private final StepGraph steps;

	private final AdobeRetryPolicy retryPolicy;

	private final Clock clock;

	private final WorkflowSettings settings;

	void run(ExportId id) throws InterruptedException {
		Optional<TeardownRun> started = this.runs.startTeardown(id, this.settings.workers().maxRuns());
		if (started.isEmpty()) {
			log.info("Export {} has no teardown to run", id);
			return;
		}
		TeardownRun run = started.get();
		try {
			for (StepName step : this.steps.teardownOrder()) {
				ExportView.StepView view = run.export().step(step).orElseThrow();
				if (view.deletedAt() == null && view.leftBehind() == null
						&& (view.status() == StepStatus.SUCCEEDED || view.attempts() > 0)) {
					Optional<Deletion> deletion;
					try (MDC.MDCCloseable stepName = MDC.putCloseable(WorkersConfiguration.STEP, step.name())) {
						deletion = deleteWithRetries(run, view);
					}
					catch (AdobeCallFailed failed) {
						run.failed(new StepError(step, failed.httpStatus(), failed.adobeCode(), failed.adobeMessage(),
								failed.retryable()));
						log.warn("Export {} teardown stopped at {}: {}", id, step, failed.getMessage());
						return;
					}
					if (deletion.isPresent() && !deletion.get().isGone()) {
						run.record(new StepEvent.EntityLeftBehind(step, deletion.get().leftBehind()));
						log.warn("Export {} {} left in Adobe: {}", id, step, deletion.get().leftBehind());
					}
					else if (view.status() == StepStatus.SUCCEEDED) {
						run.record(new StepEvent.EntityDeleted(step));
					}
				}
			}
			run.finished();
			log.info("Export {} deleted", id);
		}
		catch (ExportClaimLost lost) {
			log.warn("Export {} teardown was taken by another worker; this one stops", id);
		}
		catch (InterruptedException stopping) {
			run.handBack();
			log.info("Export {} teardown handed back: this instance stops", id);
			throw new RunStopped(id, stopping);
		}
	}

	private Optional<Deletion> deleteWithRetries(TeardownRun run, ExportView.StepView step)
			throws InterruptedException {
		return this.retryPolicy.call(this.clock, () -> delete(run.export(), step, run::requireClaim));
	}

	/**
	 * Deletes the step's entity; one that never answered its create is looked up first,
	 * as the step itself would before a second try (and there is nothing to delete when
	 * it is not found).
	 */
	private Optional<Deletion> delete(ExportView export, ExportView.StepView step, Runnable claim) {
		Step creates = this.steps.step(step.name());
		Sandbox sandbox = new Sandbox(export.spec().sandbox());
		if (!creates.deletable()) {
			// Not deleted, so not looked up either: made, or perhaps made, it stays.
			return Optional.of(creates.delete().apply(sandbox, (step.ref() != null) ? step.ref().id() : null));
		}
		String id = (step.status() == StepStatus.SUCCEEDED) ? step.ref().id()
				: creates.find().apply(lookUpContext(export, claim)).map(EntityRef::id).orElse(null);
		if (id == null) {
			return Optional.empty();
		}
		if (export.imported() && creates.sharedBy() != null) {
			List<String> others = new ArrayList<>(creates.sharedBy().apply(sandbox, id));
			// Its own may still be listed while Adobe finishes deleting them.
			export.steps().forEach((own) -> others.remove(own.ref().id()));
			if (!others.isEmpty()) {
				log.info("Export {} {} {} left to {}", export.id(), step.name(), id, others);
				return Optional.of(Deletion.leftBehind("Adopted from a dataflow built elsewhere, and used by " + others
						+ " besides it: left to them (delete it in Adobe's UI once none uses it)"));
			}
		}
		claim.run();
		Deletion deletion = creates.delete().apply(sandbox, id);
		log.info("Export {} {} {} {}", export.id(), step.name(), id,
				!deletion.isGone() ? "left behind" : deletion.existed() ? "deleted" : "was gone already");
		return Optional.of(deletion);
	}

	/** What a step's look-up sees: the export and what its steps made. */
	private static StepContext lookUpContext(ExportView export, Runnable claim) {
		return StepContext.of(export, 1, claim);
	}

}
