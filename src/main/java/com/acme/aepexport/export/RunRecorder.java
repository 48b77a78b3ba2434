package com.acme.aepexport.export;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import lombok.RequiredArgsConstructor;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Starts workers' runs and records what happens in them, each record one transaction:
 * what a worker records is committed when the call returns, before it goes on. An export
 * that ends ({@code SUCCEEDED}, {@code FAILED}, {@code DELETED}) is published as
 * {@link ExportEnded} in the same transaction, and the entries of its history whose work
 * the run or teardown did get their outcome in it.
 */
@Service
@Transactional
@RequiredArgsConstructor
class RunRecorder implements Runs, RunEvents {

	private final Exports exports;

	private final CredentialVault vault;

	private final RunSnapshots runSnapshots;

	private final ExportHistory history;

	private final Clock clock;

	private final ApplicationEventPublisher publisher;

	private final JdbcClient jdbc;

	/**
	 * This bean's transactional face, which the runs it starts record through (a call on
	 * {@code this} would not start a transaction): looked up when a run starts, as Spring
	 * cannot give a bean its own proxy while it makes it.
	 */
	private final ObjectProvider<RunEvents> events;

	@Override
	public Optional<ExportRun> start(ExportId id, int maxRuns) {
		Export export = this.exports.findWithStepsById(id.value()).orElse(null);
		if (export == null || !export.isRunnable()) {
			return Optional.empty();
		}
		if (export.hasRunTooOften(maxRuns)) {
			export.giveUp(this.clock.instant());
			this.history.runEnded(ended(export));
			return Optional.empty();
		}
		var claim = export.start(this.clock.instant());
		return Optional.of(new ExportRun(this.events.getObject(), export.toView(), claim));
	}

	@Override
	public Optional<TeardownRun> startTeardown(ExportId id, int maxRuns) {
		Export export = this.exports.findWithStepsById(id.value()).orElse(null);
		if (export == null || export.status() != ExportStatus.DELETING) {
			return Optional.empty();
		}
		if (export.hasRunTooOften(maxRuns)) {
			export.giveUp(this.clock.instant());
			this.history.teardownEnded(export.toView());
			return Optional.empty();
		}
		var claim = export.startTeardown(this.clock.instant());
		return Optional.of(new TeardownRun(this.events.getObject(), export.toView(), claim));
	}

	/**
	 * Once the base connection exists Adobe holds the credentials, so ours are deleted in
	 * the same transaction.
	 */
	@Override
	public void record(ClaimedRun run, StepEvent event) {
		Instant now = this.clock.instant();
		this.exports.findStep(run.id().value(), event.step())
			.ifPresentOrElse((step) -> step.export().record(run.claim(), step, event, now),
					// No such export or step: the whole aggregate's read names which.
					() -> load(run).record(run.claim(), event, now));
		if (event instanceof StepEvent.Succeeded succeeded && succeeded.step() == StepName.BASE_CONNECTION) {
			this.vault.forget(run.id());
		}
	}

	@Override
	public ExportView finish(ExportRun run) {
		Export export = load(run);
		export.finish(run.claim(), this.clock.instant());
		if (export.status() == ExportStatus.SUCCEEDED) {
			// Its dataflow runs from now on: have the refresher read them.
			this.runSnapshots.readBy(run.id().value(), this.clock.instant());
		}
		ExportView ended = ended(export);
		this.history.runEnded(ended);
		return ended;
	}

	@Override
	public void teardownFailed(TeardownRun run, StepError error) {
		Export export = load(run);
		export.teardownFailed(run.claim(), error, this.clock.instant());
		this.history.teardownEnded(export.toView());
	}

	@Override
	public void teardownFinished(TeardownRun run) {
		Export export = load(run);
		export.teardownFinished(run.claim(), this.clock.instant());
		this.history.teardownEnded(ended(export));
	}

	/**
	 * One statement, without a persistence context, and without a transaction unless its
	 * caller has one (a worker's thread has none): it comes before every write to Adobe,
	 * and through JPA in a read-only transaction it was 9 % of the workers' CPU samples.
	 */
	@Override
	@Transactional(propagation = Propagation.SUPPORTS)
	public void requireClaim(ClaimedRun run) {
		UUID claim = this.jdbc.sql("select claim from export where id = ?")
			.param(run.id().value())
			.query(UUID.class)
			.optional()
			.orElse(null);
		if (!run.claim().equals(claim)) {
			throw new ExportClaimLost(run.id());
		}
	}

	@Override
	public void handBack(ClaimedRun run) {
		load(run).handBack(run.claim(), this.clock.instant());
	}

	/** In this transaction, so that what listeners write commits with the status. */
	private ExportView ended(Export export) {
		ExportView view = export.toView();
		this.publisher.publishEvent(new ExportEnded(view));
		return view;
	}

	private Export load(ClaimedRun run) {
		return this.exports.findWithStepsById(run.id().value()).orElseThrow(() -> new ExportNotFound(run.id()));
	}

}
