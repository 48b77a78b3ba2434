package com.acme.aepexport.export;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.UnaryOperator;

import jakarta.persistence.criteria.Predicate;
import lombok.AccessLevel;
import lombok.RequiredArgsConstructor;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.data.jpa.domain.Specification;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionOperations;

/**
 * The export module's face: accepts exports and their changes, answers what they are, and
 * takes them to resume, tear down or purge; one transaction a method. Credentials are the
 * {@link CredentialVault}'s; what a worker records in a run, the {@link RunEvents}'. Each
 * request it accepts is appended to the export's {@link ExportHistory} in the transaction
 * that accepts it.
 */
@Service
@Transactional
@RequiredArgsConstructor(access = AccessLevel.PACKAGE)
public class ExportService {

	private final Exports exports;

	private final CredentialVault vault;

	private final IdempotencyKeys idempotencyKeys;

	private final RunSnapshots runSnapshots;

	private final MissedRuns missedRuns;

	private final ApplicationEventPublisher events;

	private final StoredChanges changes;

	private final RequestFingerprints fingerprints;

	private final ExportHistory history;

	private final ExportSettings settings;

	private final Clock clock;

	/** The purge's batches: a transaction each. */
	private final TransactionOperations transactions;

	private final ExportMeters meters;

	private final NewRows rows;

	/**
	 * Stores a new {@code PENDING} export with every step {@code PENDING}, and its
	 * credentials encrypted.
	 * @param request the request as its history records it
	 */
	public ExportView accept(NewExport command, CallerRequest request) {
		return store(command, ExportId.random(), request);
	}

	/**
	 * Like {@link #accept(NewExport, CallerRequest)}, once per idempotency key: the same
	 * key with the same request answers the export it made (for the configured
	 * retention), with another request it is refused. Concurrent requests with one key
	 * store one export. A retry answered with the export made before is not a new entry
	 * of its history.
	 * @throws IdempotencyKeyReused when the key came with another request
	 */
	public Accepted accept(NewExport command, IdempotentRequest idempotency, CallerRequest request) {
		String fingerprint = this.fingerprints.of(idempotency.request());
		Instant now = this.clock.instant();
		ExportId id = ExportId.random();
		String owner = command.owner();
		this.idempotencyKeys.deleteExpired(owner, idempotency.key(),
				now.minus(this.settings.idempotency().retention()));
		if (this.idempotencyKeys.claim(owner, idempotency.key(), fingerprint, this.fingerprints.currentKeyId(),
				id.value(), now) == 1) {
			return new Accepted(store(command, id, request), false);
		}
		StoredIdempotencyKey stored = this.idempotencyKeys.find(owner, idempotency.key())
			.orElseThrow(() -> new IllegalStateException("Idempotency-Key '" + idempotency.key() + "' vanished"));
		if (!stored.fingerprint().equals(this.fingerprints.of(idempotency.request(), stored.fingerprintKeyId()))) {
			throw new IdempotencyKeyReused(idempotency.key(), stored.exportId());
		}
		return new Accepted(load(stored.exportId()).toView(), true);
	}

	private ExportView store(NewExport command, ExportId id, CallerRequest request) {
		Export export = Export.accept(id, command.owner(), command.spec(), this.clock.instant());
		this.rows.insertAccepted(export);
		this.vault.store(id, command.credentials());
		this.history.accepted(id, HistoryKind.CREATED, request.without(command.credentials().secrets()));
		return export.toView();
	}

	/**
	 * Stores an export of a dataflow built elsewhere, {@code SUCCEEDED} as Adobe holds it
	 * (see {@link Export#adopt}); no worker is queued, and its runs are read in the
	 * background from now on. One export per dataflow: adoptions of one flow are checked
	 * one at a time, and the database refuses a second all the same.
	 * @throws DataflowAlreadyExported when an export has the dataflow already
	 */
	public ExportView adopt(Adoption adoption, CallerRequest request) {
		String flowId = adoption.flowId();
		this.exports.lockAdoptions(flowId.hashCode());
		refuseIfExported(flowId);
		ExportId id = ExportId.random();
		Instant now = this.clock.instant();
		Export export;
		try {
			export = this.exports.saveAndFlush(Export.adopt(id, adoption, now));
		}
		catch (DataIntegrityViolationException taken) {
			// An export the workflow is creating recorded the same flow meanwhile.
			throw new DataflowAlreadyExported(flowId, null, null);
		}
		// Its dataflow runs: have the refresher read them, as for an export that
		// succeeded.
		this.runSnapshots.readBy(id.value(), now);
		this.history.done(id, HistoryKind.IMPORTED, request, HistoryOutcome.APPLIED, null,
				adoption.entities()
					.entrySet()
					.stream()
					.map((entity) -> AdobeCall.step(entity.getKey(), entity.getValue()))
					.toList());
		return export.toView();
	}

	/**
	 * Refuses a dataflow an export has already (see {@link #adopt}), before anything is
	 * asked of Adobe.
	 * @throws DataflowAlreadyExported naming the export that has it
	 */
	@Transactional(readOnly = true)
	public void refuseIfExported(String flowId) {
		this.exports.findByDataflow(flowId).ifPresent((taken) -> {
			throw new DataflowAlreadyExported(flowId, new ExportId(taken.getId()), taken.getOwner());
		});
	}

	/** Forgets idempotency keys older than the retention. */
	public int purgeIdempotencyKeys() {
		return this.idempotencyKeys
			.deleteCreatedBefore(this.clock.instant().minus(this.settings.idempotency().retention()));
	}

	@Transactional(readOnly = true)
	public Optional<ExportView> find(ExportId id) {
		return this.exports.findById(id.value()).map(Export::toView);
	}

	/**
	 * The export, its newest change and the latest runs read for it, as of one moment
	 * (one statement: a change never shows {@code APPLIED} beside the spec it replaced):
	 * what a status poll reads.
	 */
	@Transactional(readOnly = true)
	public Optional<ExportWithChange> findWithChange(ExportId id) {
		return this.exports.findForPoll(id.value()).stream().findFirst().map((read) -> {
			ExportView export = read.export().toView();
			LatestRuns runs = (export.status() == ExportStatus.SUCCEEDED && read.runs() != null)
					? read.runs().toLatestRuns().orElse(null) : null;
			ChangeView change = (read.change() != null) ? read.change().toView() : null;
			return new ExportWithChange(export, change, runs);
		});
	}

	/**
	 * @param change its newest change, or {@code null} when it has had none
	 * @param latestRuns the runs last read from Adobe, or {@code null} until the export
	 * has {@code SUCCEEDED} and they were first read
	 */
	public record ExportWithChange(ExportView export, ChangeView change, LatestRuns latestRuns) {

	}

	/** Newest first. */
	@Transactional(readOnly = true)
	public Page<ExportView> list(ExportFilter filter, int page, int size) {
		PageRequest request = PageRequest.of(page, size, Sort.by(Sort.Order.desc("createdAt"), Sort.Order.desc("id")));
		return this.exports.findAll(matching(filter), request).map(Export::toView);
	}

	/**
	 * {@code FAILED} → {@code RUNNING}, for a worker to continue from where it stopped.
	 */
	public ExportView resume(ExportId id, CallerRequest request) {
		Export export = loadForUpdate(id);
		if (!export.hasBaseConnection() && !this.vault.holds(id)) {
			throw new IllegalExportTransition("Export " + id + " cannot resume: its base connection was never made, "
					+ "and its credentials were deleted after exports.credentials.failed-retention; start a new export");
		}
		export.resume(this.clock.instant());
		this.history.accepted(id, HistoryKind.RESUMED, request);
		return export.toView();
	}

	/**
	 * Deletes the exports {@code DELETED} and unchanged for
	 * {@code exports.retention.deleted}, with their steps and all else that names them,
	 * and counts them in {@code aep.exports.purged}. Afterwards they are unknown, like
	 * any id never given out.
	 * @return how many were deleted
	 */
	@Transactional(propagation = Propagation.NOT_SUPPORTED)
	public int purgeDeletedExports() {
		Instant before = this.clock.instant().minus(this.settings.retention().deleted());
		int batchSize = this.settings.retention().batchSize();
		int total = 0;
		int batch;
		do {
			// A transaction per batch: a backlog is never one long transaction that
			// holds its locks and keeps vacuum from the rows it deleted.
			batch = this.transactions.execute((status) -> this.exports.deleteDeletedUnchangedSince(before, batchSize));
			this.meters.purged(batch);
			total += batch;
		}
		while (batch == batchSize);
		return total;
	}

	/**
	 * Marks the export for teardown ({@code DELETING}); its runs are no longer read and
	 * its credentials, if still held, are deleted. Its changes still waiting fail.
	 * @return whether a teardown is to run (not when it is {@code DELETED} already)
	 */
	public boolean requestTeardown(ExportId id, CallerRequest request) {
		boolean teardown = loadForUpdate(id).requestTeardown(this.clock.instant());
		this.runSnapshots.deleteById(id.value());
		ChangeError deleted = new ChangeError(null, null, "The export was deleted before Adobe confirmed the change.",
				false);
		this.changes.finish(id.value(), Integer.MAX_VALUE, ChangeStatus.FAILED, this.clock.instant(), null, null,
				deleted.message(), false);
		this.history.changesEnded(id, Integer.MAX_VALUE, HistoryOutcome.FAILED, HistoryEntry.Failure.of(deleted),
				List.of());
		if (teardown) {
			this.history.accepted(id, HistoryKind.DELETED, request);
		}
		else {
			// Deleted already: nothing to do, and nothing was done.
			this.history.done(id, HistoryKind.DELETED, request, HistoryOutcome.APPLIED, null, List.of());
		}
		// Adobe's base connection, if any, has them; nothing of ours will need them
		// again.
		this.vault.forget(id);
		return teardown;
	}

	/**
	 * Whether the export's worker is to run again at once: it was resumed while its last
	 * run ended. Must be called in the transaction that then keeps or removes the
	 * export's queued task: the export's row stays locked until it ends, so a resume
	 * either comes before (and is seen here) or after (and finds no task, and queues
	 * one).
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public boolean wantsRun(ExportId id) {
		return this.exports.findForUpdate(id.value()).map(Export::isRunnable).orElse(false);
	}

	/**
	 * Like {@link #wantsRun}, for a teardown asked for again while the last one ended.
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public boolean wantsTeardown(ExportId id) {
		return this.exports.findForUpdate(id.value()).map(Export::awaitsTeardown).orElse(false);
	}

	/**
	 * Accepts a change of a {@code SUCCEEDED} export, to be applied to Adobe's dataflow
	 * by a worker: computed from the export as the changes accepted before would leave
	 * it, and numbered after them, with the export's row locked so that concurrent
	 * changes are ordered, none lost.
	 * @param request the patch as the history records it, and who sent it
	 * @param expectedVersion the export's version the caller saw ({@code If-Match}), or
	 * {@code null} to change whatever it is now
	 * @param change the export as the caller wants it, from the export as it will be
	 * @return the export, and the change unless it changes nothing (then the request is
	 * recorded as {@code APPLIED} at once: nothing was left to do)
	 * @throws ExportVersionMismatch when the export is at another version
	 * @throws IllegalExportTransition unless the export is {@code SUCCEEDED}
	 */
	public RequestedChange requestChange(ExportId id, CallerRequest request, Long expectedVersion,
			UnaryOperator<ExportSpec> change) {
		Export export = loadForUpdate(id);
		if (expectedVersion != null && !expectedVersion.equals(export.version())) {
			throw new ExportVersionMismatch(id, expectedVersion, export.version());
		}
		if (export.status() != ExportStatus.SUCCEEDED) {
			throw new IllegalExportTransition(
					"Export " + id + " cannot be changed: it is " + export.status() + " (only a SUCCEEDED one can)");
		}
		ExportSpec base = this.changes.findFirstByExportIdAndStatusOrderByRevisionDesc(id.value(), ChangeStatus.PENDING)
			.map((pending) -> pending.toView().spec())
			.orElse(export.toView().spec());
		ExportSpec desired = change.apply(base);
		if (desired.equals(base)) {
			this.history.done(id, HistoryKind.CHANGED, request, HistoryOutcome.APPLIED, null, List.of());
			return new RequestedChange(export.toView(), Optional.empty());
		}
		Instant now = this.clock.instant();
		ExportChange accepted = this.changes
			.save(new ExportChange(id, this.changes.lastRevision(id.value()) + 1, desired, request.caller(), now));
		export.changeRequested(now);
		// The new version, for the caller's next If-Match.
		this.exports.flush();
		this.history.changeAccepted(id, request, accepted.toView().revision());
		return new RequestedChange(export.toView(), Optional.of(accepted.toView()));
	}

	/**
	 * Stores the state Adobe's dataflow was read in, by a read that started at
	 * {@code readAt}, unless a read that started later is stored already. A switch reads
	 * the flow after its own write, so the read stored is one that started after every
	 * switch's write had ended: the state Adobe got last. No lock is held while Adobe
	 * answers, so switches never hold database connections waiting on Adobe. The export's
	 * history records the request ({@code APPLIED}) with the call that switched the
	 * dataflow, if one did.
	 * @param asked what the switch asked for
	 * @param state as read; {@code null} when Adobe named a state we do not know (nothing
	 * is stored)
	 * @param request the pause or unpause as its history records it
	 * @param switched the call that switched the dataflow; empty when Adobe held it so
	 * already
	 * @throws IllegalExportTransition when the export has no dataflow or is being deleted
	 */
	public DataflowSwitched dataflowSeen(ExportId id, DataflowState asked, DataflowState state, Instant readAt,
			CallerRequest request, Optional<AdobeCall> switched) {
		Export export = loadForUpdate(id);
		if (state != null && export.dataflowSeen(state, readAt, this.clock.instant())) {
			// The new version, for the caller's next If-Match.
			this.exports.flush();
		}
		this.history.done(id, switchOf(asked), request, HistoryOutcome.APPLIED, null, switched.stream().toList());
		return new DataflowSwitched(export.toView(), switched.isPresent());
	}

	/**
	 * Adobe did not switch the export's dataflow: it refused, or gave no answer. Nothing
	 * changed but the export's history, which records the request with why.
	 * @param refused whether Adobe refused (it would again), rather than not answering
	 */
	public void switchFailed(ExportId id, DataflowState state, CallerRequest request, HistoryEntry.Failure failure,
			boolean refused) {
		if (this.exports.existsById(id.value())) {
			this.history.done(id, switchOf(state), request, refused ? HistoryOutcome.REFUSED : HistoryOutcome.FAILED,
					failure, List.of());
		}
	}

	private static HistoryKind switchOf(DataflowState state) {
		return (state == DataflowState.DISABLED) ? HistoryKind.PAUSED : HistoryKind.UNPAUSED;
	}

	/** The export, and its change still waiting to be applied (the newest) if any. */
	@Transactional(readOnly = true)
	public Optional<PendingChange> pendingChange(ExportId id) {
		return this.exports.findById(id.value())
			.flatMap((export) -> this.changes
				.findFirstByExportIdAndStatusOrderByRevisionDesc(id.value(), ChangeStatus.PENDING)
				.map((change) -> new PendingChange(export.toView(), change.toView())));
	}

	/** The export's change with that number. */
	@Transactional(readOnly = true)
	public Optional<ChangeView> change(ExportId id, int revision) {
		return this.changes.findByExportIdAndRevision(id.value(), revision).map(ExportChange::toView);
	}

	/** The export's newest change, whatever became of it. */
	@Transactional(readOnly = true)
	public Optional<ChangeView> latestChange(ExportId id) {
		return this.changes.findFirstByExportIdOrderByRevisionDesc(id.value()).map(ExportChange::toView);
	}

	/**
	 * A new mapping set is about to be asked of Adobe for the change {@code revision}:
	 * counted first, in a transaction of its own, so that a later attempt knows that one
	 * may exist although its answer never arrived.
	 * @return the asks before this one
	 */
	public int mappingSetRequested(ExportId id, int revision) {
		loadForUpdate(id);
		return storedChange(id.value(), revision).mappingSetRequested();
	}

	/**
	 * Adobe made the change's mapping set: kept at once, so that the change, tried again,
	 * does not ask for another.
	 */
	public void mappingSetMade(ExportId id, int revision, EntityRef mappingSet) {
		loadForUpdate(id);
		storedChange(id.value(), revision).mappingSetMade(mappingSet);
	}

	/**
	 * Adobe's dataflow carries the change {@code revision} (and so every change accepted
	 * before it): the export's spec becomes it, and its runs are read again. When the
	 * change made a mapping set, the {@code MAPPING_SET} step keeps it from now on, and
	 * the change notes the one it replaced.
	 * @param calls the call that changed the dataflow, or none when it carried the change
	 * already
	 */
	public ExportView changeApplied(ExportId id, int revision, ExportSpec applied, List<AdobeCall> calls) {
		Export export = loadForUpdate(id);
		ExportSpec before = export.toView().spec();
		Instant now = this.clock.instant();
		export.changeApplied(applied, now);
		ExportChange change = storedChange(id.value(), revision);
		ChangeView made = change.toView();
		if (made.mappingSet() != null) {
			EntityRef replaced = export.mappingSetReplaced(made.mappingSet(), now);
			if (replaced != null) {
				change.mappingSetReplaced(replaced);
			}
		}
		this.changes.finish(id.value(), revision, ChangeStatus.APPLIED, now, null, null, null, null);
		this.history.changesEnded(id, revision, HistoryOutcome.APPLIED, null, calls);
		// Other audiences, other runs: read them again now. Other schedules: their
		// windows count from now.
		this.runSnapshots.readBy(id.value(), now);
		this.missedRuns.watchFrom(id.value(), now);
		ExportView view = export.toView();
		// In this transaction, so that what listeners write commits with the change.
		this.events
			.publishEvent(new ChangeApplied(view, before, revision, made.requestedBy(), made.requestedAt(), now));
		return view;
	}

	/**
	 * The change {@code revision}, and those accepted before it still waiting, failed.
	 */
	public void changeFailed(ExportId id, int revision, ChangeError error) {
		loadForUpdate(id).changeRequested(this.clock.instant());
		this.changes.finish(id.value(), revision, ChangeStatus.FAILED, this.clock.instant(), error.httpStatus(),
				error.adobeCode(), error.message(), error.retryable());
		// Refused when Adobe answered no; failed when it did not answer, or we did not
		// ask.
		boolean refused = error.httpStatus() != null && !error.retryable();
		this.history.changesEnded(id, revision, refused ? HistoryOutcome.REFUSED : HistoryOutcome.FAILED,
				HistoryEntry.Failure.of(error), List.of());
	}

	/**
	 * Whether the export's change worker is to run again at once: a change was accepted
	 * while its last one was applied. As {@link #wantsRun}, in the transaction that keeps
	 * or removes the queued task.
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public boolean wantsChange(ExportId id) {
		return this.exports.findForUpdate(id.value()).isPresent()
				&& this.changes.existsByExportIdAndStatus(id.value(), ChangeStatus.PENDING);
	}

	private ExportChange storedChange(UUID exportId, int revision) {
		return this.changes.findByExportIdAndRevision(exportId, revision)
			.orElseThrow(() -> new IllegalStateException("Export " + exportId + " has no change " + revision));
	}

	private Export load(ExportId id) {
		return this.exports.findById(id.value()).orElseThrow(() -> new ExportNotFound(id));
	}

	private Export loadForUpdate(ExportId id) {
		return this.exports.findForUpdate(id.value()).orElseThrow(() -> new ExportNotFound(id));
	}

	private static Specification<Export> matching(ExportFilter filter) {
		return (root, query, cb) -> {
			List<Predicate> predicates = new ArrayList<>();
			if (filter.owner() != null) {
				predicates.add(cb.equal(root.get("owner"), filter.owner()));
			}
			if (filter.status() != null) {
				predicates.add(cb.equal(root.get("status"), filter.status()));
			}
			if (filter.destinationType() != null) {
				predicates.add(cb.equal(root.get("destinationType"), filter.destinationType()));
			}
			if (filter.name() != null && !filter.name().isBlank()) {
				predicates.add(
						cb.like(cb.lower(root.get("name")), "%" + escapeLike(filter.name().toLowerCase()) + "%", '\\'));
			}
			return cb.and(predicates.toArray(Predicate[]::new));
		};
	}

	private static String escapeLike(String text) {
		return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
	}

}
