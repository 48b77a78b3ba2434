package com.acme.aepexport.workflow;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

import org.springframework.stereotype.Service;

import com.acme.aepexport.export.CallerRequest;
import com.acme.aepexport.export.ChangeStatus;
import com.acme.aepexport.export.ChangeView;
import com.acme.aepexport.export.ExportId;
import com.acme.aepexport.export.ExportService;
import com.acme.aepexport.export.ExportSpec;
import com.acme.aepexport.export.ExportView;
import com.acme.aepexport.export.IllegalExportTransition;
import com.acme.aepexport.export.RequestedChange;

/**
 * Changes an export in place: its audiences, their schedules and file names, its
 * mandatory fields and deduplication keys, its mapping (a new mapping set) and whether
 * Adobe writes a manifest file (its target connection). A change is stored and queued in
 * one transaction (with the export's row locked, so changes to one export are ordered and
 * none is lost), then applied by a worker (see {@link ChangeApplier}); the caller is
 * answered within {@code exports.changes.answer-within}: when Adobe confirms the change,
 * or else with the change as it stands, to follow on the export.
 */
@Service
public class ExportChanges {

	/** How often a waiting caller looks at its change. */
	private static final Duration POLL = Duration.ofMillis(50);

	/** Of the time a caller is answered within, what is kept for the answer. */
	private static final Duration ANSWER = Duration.ofSeconds(1);

	private final ExportWorkflow workflow;

	private final ExportService exports;

	private final Clock clock;

	/** How long a caller waits for Adobe to confirm its change. */
	private final Duration waitForAdobe;

	ExportChanges(ExportWorkflow workflow, ExportService exports, Clock clock, WorkflowSettings settings) {
		this.workflow = workflow;
		this.exports = exports;
		this.clock = clock;
		Duration budget = settings.changes().answerWithin();
		// The last second (half, for a shorter budget) is for the answer itself: common
		// clients (Spring's on Reactor Netty) give up at 10 s.
		Duration forTheAnswer = budget.dividedBy(2).compareTo(ANSWER) < 0 ? budget.dividedBy(2) : ANSWER;
		this.waitForAdobe = budget.minus(forTheAnswer);
	}

	/**
	 * Accepts the change and waits for Adobe to confirm it, up to the configured time.
	 * @param request the patch as the export's history records it, and who sent it
	 * @param expectedVersion the version of the export the caller saw ({@code If-Match}),
	 * or {@code null}
	 * @param change the export as the caller wants it, from the export as the changes
	 * accepted before will leave it
	 * @throws NotChangeableInPlace when the change touches what cannot change in place
	 * @throws IllegalExportTransition unless the export has {@code SUCCEEDED}, or when it
	 * was deleted before the change was applied
	 * @throws com.acme.aepexport.export.ExportVersionMismatch when the export is at
	 * another version
	 * @throws AdobeProblem when Adobe refused the change or stayed unavailable (nothing
	 * changed)
	 */
	public Outcome change(ExportId id, CallerRequest request, Long expectedVersion, UnaryOperator<ExportSpec> change)
			throws InterruptedException {
		RequestedChange requested = this.workflow.requestChange(id, request, expectedVersion, (base) -> {
			ExportSpec desired = change.apply(base);
			List<String> fixed = ChangeApplier.unchangeable(base, desired);
			if (!fixed.isEmpty()) {
				throw new NotChangeableInPlace(fixed);
			}
			return desired;
		});
		if (requested.change().isEmpty()) {
			return new Outcome(requested.export(), null);
		}
		int revision = requested.change().get().revision();
		Instant deadline = this.clock.instant().plus(this.waitForAdobe);
		while (true) {
			ChangeView now = this.exports.change(id, revision).orElseThrow();
			if (now.status() == ChangeStatus.FAILED) {
				throw failure(id, now);
			}
			if (now.status() == ChangeStatus.APPLIED || !this.clock.instant().isBefore(deadline)) {
				return new Outcome(this.exports.find(id).orElseThrow(), now);
			}
			Thread.sleep(POLL);
		}
	}

	/** The export's newest change, whatever became of it. */
	public Optional<ChangeView> latest(ExportId id) {
		return this.exports.latestChange(id);
	}

	private static RuntimeException failure(ExportId id, ChangeView change) {
		if (change.error().httpStatus() == null && !change.error().retryable()) {
			return new IllegalExportTransition("Export " + id + ": " + change.error().message());
		}
		return AdobeProblem.of(change.error());
	}

	/**
	 * What became of a change within the time a caller waits.
	 *
	 * @param export the export as it stands
	 * @param change the change: {@code APPLIED}, or still {@code PENDING}; {@code null}
	 * when the export already was as asked
	 */
	public record Outcome(ExportView export, ChangeView change) {

		/** Whether Adobe has yet to confirm it: the caller is answered {@code 202}. */
		public boolean pending() {
			return this.change != null && this.change.status() == ChangeStatus.PENDING;
		}

	}

}
