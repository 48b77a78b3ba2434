package com.acme.aepexport.workflow;

import java.time.Clock;
import java.util.List;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import com.acme.aepexport.adobe.AdobeSettings;
import com.acme.aepexport.export.Accepted;
import com.acme.aepexport.export.ExportId;
import com.acme.aepexport.export.ExportService;
import com.acme.aepexport.export.ExportView;
import com.acme.aepexport.export.IdempotentRequest;
import com.acme.aepexport.export.NewExport;

/**
 * Starts and resumes exports. An export is stored and queued in one transaction and
 * answered at once; a worker on any instance then runs its steps (see
 * {@link ExportExecution}).
 */
@Service
public class ExportWorkflow {

	private final ExportService exports;

	private final Scheduler scheduler;

	private final OneTimeTask<Void> runExport;

	private final DestinationCatalog catalog;

	private final AdobeSettings adobe;

	private final Clock clock;

	ExportWorkflow(ExportService exports, Scheduler scheduler, OneTimeTask<Void> runExport, DestinationCatalog catalog,
			AdobeSettings adobe, Clock clock) {
		this.exports = exports;
		this.scheduler = scheduler;
		this.runExport = runExport;
		this.catalog = catalog;
		this.adobe = adobe;
		this.clock = clock;
	}

	/**
	 * Stores the export as {@code PENDING} and queues it; when the spec names no sandbox
	 * the configured default is used.
	 */
	@Transactional
	public ExportView start(NewExport command) {
		ExportView export = this.exports.accept(withSandbox(command));
		queue(export.id());
		return export;
	}

	/**
	 * Like {@link #start(NewExport)}, once per idempotency key: a repeated request
	 * answers the export the first one made, and starts nothing.
	 * @throws com.acme.aepexport.export.IdempotencyKeyReused when the key came with
	 * another request
	 */
	@Transactional
	public Accepted start(NewExport command, IdempotentRequest idempotency) {
		Accepted accepted = this.exports.accept(withSandbox(command), idempotency);
		if (!accepted.replayed()) {
			queue(accepted.export().id());
		}
		return accepted;
	}

	/**
	 * Continues a {@code FAILED} export from where it stopped: steps that succeeded are
	 * not called again; a step that may have reached Adobe looks for its entity before
	 * creating another.
	 * @throws com.acme.aepexport.export.IllegalExportTransition when it is not
	 * {@code FAILED}
	 */
	@Transactional
	public ExportView resume(ExportId id) {
		ExportView export = this.exports.resume(id);
		queue(id);
		return export;
	}

	public List<DestinationCatalog.Entry> destinations() {
		return this.catalog.entries();
	}

	private NewExport withSandbox(NewExport command) {
		return (command.spec().sandbox() != null) ? command
				: new NewExport(command.spec().withSandbox(this.adobe.defaultSandbox()), command.credentials());
	}

	private void queue(ExportId id) {
		this.scheduler.scheduleIfNotExists(this.runExport.instance(id.toString()), this.clock.instant());
		// The task row is visible to workers only after commit; wake this instance's
		// poller then.
		TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
			@Override
			public void afterCommit() {
				ExportWorkflow.this.scheduler.triggerCheckForDueExecutions();
			}
		});
	}

}
