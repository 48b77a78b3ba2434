package com.acme.aepexport.workflow;

import java.time.Clock;
import java.util.List;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.stereotype.Component;

import com.acme.aepexport.adobe.AdobeCallFailed;
import com.acme.aepexport.adobe.AdobeRetryPolicy;
import com.acme.aepexport.adobe.ConversionClient;
import com.acme.aepexport.adobe.DataPrepRef;
import com.acme.aepexport.adobe.FlowServiceClient;
import com.acme.aepexport.adobe.Sandbox;
import com.acme.aepexport.export.ExportClaimLost;
import com.acme.aepexport.export.ExportId;
import com.acme.aepexport.export.ExportService;
import com.acme.aepexport.export.ExportView;
import com.acme.aepexport.export.StepError;
import com.acme.aepexport.export.StepName;
import com.acme.aepexport.export.StepStatus;
import com.acme.aepexport.export.TeardownRun;

/**
 * Deletes the Adobe entities an export created, newest first: the dataflow before the
 * mapping set it uses and the connections it joins, the target connection before its base
 * connection. A {@code 404} counts as deleted. Each delete is retried like a step; a
 * delete that fails for good stops the teardown with the export still {@code DELETING},
 * and the next {@code DELETE} continues from there. A step whose create may have happened
 * without its answer arriving is looked up by name, so that no entity of the export is
 * left behind. Conversion schemas cannot be deleted (Data Prep has no such call): they
 * stay, unattached.
 */
@Component
class ExportTeardown {

	private static final Logger log = LoggerFactory.getLogger(ExportTeardown.class);

	/** Newest first. */
	private static final List<StepName> ORDER = List.of(StepName.DATAFLOW, StepName.MAPPING_SET,
			StepName.TARGET_CONNECTION, StepName.BASE_CONNECTION, StepName.SOURCE_CONNECTION);

	private final ExportService exports;

	private final FlowServiceClient flowService;

	private final ConversionClient conversion;

	private final AdobeRetryPolicy retryPolicy;

	private final Clock clock;

	ExportTeardown(ExportService exports, FlowServiceClient flowService, ConversionClient conversion,
			AdobeRetryPolicy retryPolicy, Clock clock) {
		this.exports = exports;
		this.flowService = flowService;
		this.conversion = conversion;
		this.retryPolicy = retryPolicy;
		this.clock = clock;
	}

	void run(ExportId id) throws InterruptedException {
		Optional<TeardownRun> started = this.exports.startTeardown(id);
		if (started.isEmpty()) {
			log.info("Export {} has no teardown to run", id);
			return;
		}
		TeardownRun run = started.get();
		try {
			for (StepName step : ORDER) {
				ExportView.StepView view = run.export().step(step).orElseThrow();
				if (view.deletedAt() == null && (view.status() == StepStatus.SUCCEEDED || view.attempts() > 0)) {
					try (MDC.MDCCloseable stepName = MDC.putCloseable(ExportExecution.STEP, step.name())) {
						deleteWithRetries(run.export(), view);
					}
					catch (AdobeCallFailed failed) {
						run.failed(new StepError(step, failed.httpStatus(), failed.adobeCode(), failed.adobeMessage(),
								failed.retryable()));
						log.warn("Export {} teardown stopped at {}: {}", id, step, failed.getMessage());
						return;
					}
					if (view.status() == StepStatus.SUCCEEDED) {
						run.entityDeleted(step);
					}
				}
			}
			run.finished();
			log.info("Export {} deleted", id);
		}
		catch (ExportClaimLost lost) {
			log.warn("Export {} teardown was taken by another worker; this one stops", id);
		}
	}

	private void deleteWithRetries(ExportView export, ExportView.StepView step) throws InterruptedException {
		this.retryPolicy.call(this.clock, () -> {
			delete(export, step);
			return null;
		});
	}

	/**
	 * Deletes the step's entity; one that never answered its create is found by its name
	 * first (and there is nothing to delete when it is not found).
	 */
	private void delete(ExportView export, ExportView.StepView step) {
		Sandbox sandbox = new Sandbox(export.spec().sandbox());
		String id = (step.status() == StepStatus.SUCCEEDED) ? step.ref().id() : lookUp(export, step.name(), sandbox);
		if (id == null) {
			return;
		}
		boolean existed = switch (step.name()) {
			case DATAFLOW -> this.flowService.deleteFlow(sandbox, id);
			case MAPPING_SET -> this.conversion.deleteMappingSet(sandbox, id);
			case TARGET_CONNECTION -> this.flowService.deleteTargetConnection(sandbox, id);
			case BASE_CONNECTION -> this.flowService.deleteBaseConnection(sandbox, id);
			case SOURCE_CONNECTION -> this.flowService.deleteSourceConnection(sandbox, id);
			default -> throw new IllegalStateException(step.name() + " has no entity to delete");
		};
		log.info("Export {} {} {} {}", export.id(), step.name(), id, existed ? "deleted" : "was gone already");
	}

	private String lookUp(ExportView export, StepName step, Sandbox sandbox) {
		return switch (step) {
			case DATAFLOW -> this.flowService.findFlow(sandbox, name(export, CreateDataflow.ENTITY))
				.map((ref) -> ref.id())
				.orElse(null);
			case MAPPING_SET -> this.conversion.findMappingSet(sandbox, name(export, CreateMappingSet.ENTITY))
				.map(DataPrepRef::id)
				.orElse(null);
			case TARGET_CONNECTION ->
				this.flowService.findTargetConnection(sandbox, name(export, CreateTargetConnection.ENTITY))
					.map((ref) -> ref.id())
					.orElse(null);
			case BASE_CONNECTION ->
				this.flowService.findBaseConnection(sandbox, name(export, CreateBaseConnection.ENTITY))
					.map((ref) -> ref.id())
					.orElse(null);
			case SOURCE_CONNECTION ->
				this.flowService.findSourceConnection(sandbox, name(export, CreateSourceConnection.ENTITY))
					.map((ref) -> ref.id())
					.orElse(null);
			default -> null;
		};
	}

	private static String name(ExportView export, String what) {
		return StepContext.entityName(export.spec(), export.id(), what);
	}

}
