package com.acme.aepexport.workflow;

import java.time.Clock;
import java.util.List;
import java.util.function.UnaryOperator;

import com.github.kagkarlsson.scheduler.task.Task;
import lombok.AccessLevel;
import lombok.RequiredArgsConstructor;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.acme.aepexport.export.Accepted;
import com.acme.aepexport.export.CallerRequest;
import com.acme.aepexport.export.ExportId;
import com.acme.aepexport.export.ExportService;
import com.acme.aepexport.export.ExportSpec;
import com.acme.aepexport.export.ExportView;
import com.acme.aepexport.export.IdempotentRequest;
import com.acme.aepexport.export.NewExport;
import com.acme.aepexport.export.RequestedChange;

/**
 * Starts and resumes exports. An export is stored and queued in one transaction and
 * answered at once; a worker on any instance then runs its steps (see
 * {@link WorkersConfiguration}).
 */
@Service
@RequiredArgsConstructor(access = AccessLevel.PACKAGE)
public class ExportWorkflow {

	private static final Logger log = LoggerFactory.getLogger(ExportWorkflow.class);

	private final ExportService exports;

	private final WorkersConfiguration.ExportWorkers workers;

	private final Task<Void> runExportTask;

	private final Task<Void> tearDownExportTask;

	private final Task<Void> changeExportTask;

	private final DestinationCatalog catalog;

	private final Clock clock;

	private final ExportChecks checks;

	/**
	 * Stores the export as {@code PENDING} and queues it; when the spec names no sandbox
	 * the configured default is used.
	 * @param request the request as the export's history records it
	 */
	@Transactional
	public ExportView start(NewExport command, CallerRequest request) {
		ExportView export = this.exports.accept(withSandbox(command), request);
		queueNew(export.id());
		return export;
	}

	/**
	 * Like {@link #start(NewExport, CallerRequest)}, once per idempotency key: a repeated
	 * request answers the export the first one made, and starts nothing.
	 * @throws com.acme.aepexport.export.IdempotencyKeyReused when the key came with
	 * another request
	 */
	@Transactional
	public Accepted start(NewExport command, IdempotentRequest idempotency, CallerRequest request) {
		Accepted accepted = this.exports.accept(withSandbox(command), idempotency, request);
		if (!accepted.replayed()) {
			queueNew(accepted.export().id());
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
	public ExportView resume(ExportId id, CallerRequest request) {
		ExportView export = this.exports.resume(id, request);
		// Before new exports: a resume does not wait behind a backlog.
		this.workers.queueFirst(this.runExportTask, id.toString(), this.clock.instant());
		wakeAfterCommit();
		return export;
	}

	/**
	 * Tears down the Adobe entities the export created, in the background: the export is
	 * {@code DELETING} until they are gone, then {@code DELETED}. Asking again continues
	 * a teardown that stopped on an error; a deleted export stays deleted.
	 * @throws com.acme.aepexport.export.IllegalExportTransition while the export runs
	 */
	@Transactional
	public ExportView delete(ExportId id, CallerRequest request) {
		if (this.exports.requestTeardown(id, request)) {
			queue(this.tearDownExportTask, id);
		}
		return this.exports.find(id).orElseThrow();
	}

	/**
	 * Accepts a change of a {@code SUCCEEDED} export and queues its worker, ahead of new
	 * exports (a caller waits for it); see {@link ExportService#requestChange}.
	 */
	@Transactional
	public RequestedChange requestChange(ExportId id, CallerRequest request, Long expectedVersion,
			UnaryOperator<ExportSpec> change) {
		RequestedChange requested = this.exports.requestChange(id, request, expectedVersion, change);
		if (requested.change().isPresent()) {
			this.workers.queueFirst(this.changeExportTask, id.toString(), this.clock.instant());
			wakeAfterCommit();
		}
		return requested;
	}

	public List<DestinationCatalog.Entry> destinations() {
		return this.catalog.entries();
	}

	/**
	 * What Adobe refuses in the request ({@link ExportChecks}): credentials, location and
	 * file options against the destination's connection spec, mapping, keys and mandatory
	 * fields against the sandbox's profiles. Reads (cached), creates nothing. What cannot
	 * be read from Adobe now, or not within {@code adobe.http.caller-timeout}, is left to
	 * Adobe itself when the steps run.
	 */
	public List<InvalidField> problemsWith(NewExport command) {
		return this.checks.problemsWith(command,
				(unavailable) -> log.warn(
						"Cannot read or apply Adobe's {} to check a request for {}; Adobe will check it: {}",
						unavailable.operation(), command.spec().destination().type(), unavailable.getMessage()));
	}

	private NewExport withSandbox(NewExport command) {
		return this.checks.inSandbox(command);
	}

	/** Queues the run of an export stored in this transaction. */
	private void queueNew(ExportId id) {
		this.workers.queueNew(this.runExportTask.instance(id.toString()), this.clock.instant());
		wakeAfterCommit();
	}

	private void queue(Task<Void> task, ExportId id) {
		this.workers.queue(task.instance(id.toString()), this.clock.instant());
		wakeAfterCommit();
	}

	private void wakeAfterCommit() {
		// The task row is visible to workers only after commit; wake this instance's
		// poller then.
		TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
			@Override
			public void afterCommit() {
				ExportWorkflow.this.workers.wake();
			}
		});
	}

}
