package com.acme.aepexport.export;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;
import lombok.AccessLevel;
import lombok.RequiredArgsConstructor;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Each export's history: one entry per request accepted for it, appended in the
 * transaction of the state change it records (the export's services call in here; none of
 * this is written afterwards, so no accepted request goes unrecorded, and none is
 * recorded that was not accepted). An entry's outcome is set once, in the transaction
 * that ends the work it started (the run, the teardown, the change, the job); the
 * database refuses any other change of a row, and any delete but its export's
 * ({@code V14}). What an entry lists of Adobe's calls is what the export already keeps
 * (its steps' ids and etags, the change's etags), gathered when it ends: the workflow
 * writes nothing more per call.
 */
@Service
@Transactional(propagation = Propagation.MANDATORY)
@RequiredArgsConstructor(access = AccessLevel.PACKAGE)
public class ExportHistory {

	private static final JsonMapper JSON = JsonMapper.builder()
		.changeDefaultPropertyInclusion((inclusion) -> inclusion.withValueInclusion(JsonInclude.Include.NON_NULL))
		.build();

	private static final TypeReference<List<AdobeCall>> CALLS = new TypeReference<>() {
	};

	private static final String COLUMNS = """
			seq, id, export_id, kind, requested_by, requested_at, request, outcome, finished_at, error_step,
			error_http_status, error_adobe_code, error_message, error_retryable, adobe_calls, change_revision,
			activation_id""";

	private final JdbcClient jdbc;

	private final Clock clock;

	/**
	 * The export's entries, newest first.
	 * @param before where the page starts: a page's {@code next}, or {@code null} for the
	 * newest
	 */
	@Transactional(readOnly = true)
	public HistoryPage page(ExportId id, int limit, Long before) {
		List<HistoryPageRow> rows = this.jdbc
			.sql("select " + COLUMNS + " from export_history where export_id = ? and seq < ? order by seq desc limit ?")
			.params(id.value(), (before != null) ? before : Long.MAX_VALUE, limit + 1)
			.query(ExportHistory::row)
			.list();
		List<HistoryPageRow> page = rows.subList(0, Math.min(limit, rows.size()));
		Long next = (rows.size() > limit) ? page.getLast().seq() : null;
		return new HistoryPage(page.stream().map(HistoryPageRow::entry).toList(), next);
	}

	/** A request whose work goes on: its outcome comes when the work ends. */
	void accepted(ExportId id, HistoryKind kind, CallerRequest request) {
		append(id, kind, request, HistoryOutcome.ACCEPTED, null, List.of(), null, null);
	}

	/** A change accepted, for Adobe's dataflow to carry. */
	void changeAccepted(ExportId id, CallerRequest request, int revision) {
		append(id, HistoryKind.CHANGED, request, HistoryOutcome.ACCEPTED, null, List.of(), revision, null);
	}

	/** An ad hoc activation job stored, before Adobe is asked. */
	void activationAccepted(ExportId id, CallerRequest request, UUID activationId) {
		append(id, HistoryKind.ACTIVATED, request, HistoryOutcome.ACCEPTED, null, List.of(), null, activationId);
	}

	/** A request done with at once (a pause, a patch that changes nothing). */
	void done(ExportId id, HistoryKind kind, CallerRequest request, HistoryOutcome outcome,
			HistoryEntry.Failure failure, List<AdobeCall> calls) {
		append(id, kind, request, outcome, failure, calls, null, null);
	}

	/**
	 * A run of the export ended, {@code SUCCEEDED} or {@code FAILED}: the creation or
	 * resume that started it is {@code APPLIED} or {@code FAILED}, listing the steps that
	 * succeeded since it was asked for, with the entities they keep.
	 */
	void runEnded(ExportView export) {
		boolean succeeded = export.status() == ExportStatus.SUCCEEDED;
		open(export.id(), "kind in ('CREATED', 'RESUMED')").forEach((entry) -> finish(entry.seq(),
				succeeded ? HistoryOutcome.APPLIED : HistoryOutcome.FAILED,
				succeeded ? null : HistoryEntry.Failure.of(export.error()),
				export.steps()
					.stream()
					.filter((step) -> step.status() == StepStatus.SUCCEEDED && !step.completedAt().isBefore(entry.at()))
					.map((step) -> AdobeCall.step(step.name(), step.ref()))
					.toList()));
	}

	/**
	 * A teardown ended: {@code DELETED} ({@code APPLIED}), or stopped on an error
	 * ({@code FAILED}); each entity it deleted since the delete was asked for is listed,
	 * and each it left in Adobe.
	 */
	void teardownEnded(ExportView export) {
		boolean deleted = export.status() == ExportStatus.DELETED;
		open(export.id(), "kind = 'DELETED'").forEach((entry) -> {
			List<AdobeCall> calls = new ArrayList<>();
			for (ExportView.StepView step : export.steps()) {
				if (step.deletedAt() != null && !step.deletedAt().isBefore(entry.at())) {
					calls.add(AdobeCall.deleted(step.name(), step.ref()));
				}
				else if (step.deletedAt() == null && step.leftBehind() != null) {
					calls.add(AdobeCall.leftBehind(step.name(), step.ref(), step.leftBehind()));
				}
			}
			finish(entry.seq(), deleted ? HistoryOutcome.APPLIED : HistoryOutcome.FAILED,
					deleted ? null : HistoryEntry.Failure.of(export.error()), calls);
		});
	}

	/**
	 * The change {@code revision}, and those accepted before it that were still waiting,
	 * ended: carried by the one call to Adobe's dataflow that applied them all.
	 */
	void changesEnded(ExportId id, int revision, HistoryOutcome outcome, HistoryEntry.Failure failure,
			List<AdobeCall> calls) {
		open(id, "kind = 'CHANGED' and change_revision <= ?", revision)
			.forEach((entry) -> finish(entry.seq(), outcome, failure, calls));
	}

	/** Adobe answered the ad hoc activation job, or refused it, or gave no answer. */
	void activationEnded(ExportId id, UUID activationId, HistoryOutcome outcome, HistoryEntry.Failure failure,
			List<AdobeCall> calls) {
		open(id, "kind = 'ACTIVATED' and activation_id = ?", activationId)
			.forEach((entry) -> finish(entry.seq(), outcome, failure, calls));
	}

	private void append(ExportId id, HistoryKind kind, CallerRequest request, HistoryOutcome outcome,
			HistoryEntry.Failure failure, List<AdobeCall> calls, Integer revision, UUID activationId) {
		Instant now = this.clock.instant();
		this.jdbc.sql("""
				insert into export_history (id, export_id, kind, requested_by, requested_at, request, outcome,
				  finished_at, error_step, error_http_status, error_adobe_code, error_message, error_retryable,
				  adobe_calls, change_revision, activation_id)
				values (?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?)""")
			.params(UUID.randomUUID(), id.value(), kind.name(), request.caller(), Timestamp.from(now),
					(request.body() != null) ? JSON.writeValueAsString(request.body()) : null, outcome.name(),
					(outcome != HistoryOutcome.ACCEPTED) ? Timestamp.from(now) : null, step(failure),
					(failure != null) ? failure.httpStatus() : null, (failure != null) ? failure.adobeCode() : null,
					(failure != null) ? failure.message() : null, (failure != null) ? failure.retryable() : null,
					JSON.writeValueAsString(calls), revision, activationId)
			.update();
	}

	/**
	 * The export's entries still {@code ACCEPTED} that match {@code condition} (with its
	 * {@code parameters}), locked: their outcome is set once.
	 */
	private List<OpenEntry> open(ExportId id, String condition, Object... parameters) {
		List<Object> values = new ArrayList<>(List.of(id.value()));
		values.addAll(List.of(parameters));
		return this.jdbc
			.sql("select seq, requested_at from export_history where export_id = ? and outcome = 'ACCEPTED' and "
					+ condition + " order by seq for update")
			.params(values)
			.query((row, index) -> new OpenEntry(row.getLong("seq"), row.getTimestamp("requested_at").toInstant()))
			.list();
	}

	private void finish(long seq, HistoryOutcome outcome, HistoryEntry.Failure failure, List<AdobeCall> calls) {
		this.jdbc.sql("""
				update export_history set outcome = ?, finished_at = ?, error_step = ?, error_http_status = ?,
				  error_adobe_code = ?, error_message = ?, error_retryable = ?, adobe_calls = ?::jsonb
				where seq = ?""")
			.params(outcome.name(), Timestamp.from(this.clock.instant()), step(failure),
					(failure != null) ? failure.httpStatus() : null, (failure != null) ? failure.adobeCode() : null,
					(failure != null) ? failure.message() : null, (failure != null) ? failure.retryable() : null,
					JSON.writeValueAsString(calls), seq)
			.update();
	}

	private static String step(HistoryEntry.Failure failure) {
		return (failure != null) ? failure.step().name() : null;
	}

	private static HistoryPageRow row(ResultSet row, int index) throws SQLException {
		String request = row.getString("request");
		Timestamp finishedAt = row.getTimestamp("finished_at");
		String message = row.getString("error_message");
		String step = row.getString("error_step");
		HistoryEntry.Failure failure = (step != null)
				? new HistoryEntry.Failure(StepName.valueOf(step), row.getObject("error_http_status", Integer.class),
						row.getString("error_adobe_code"), message, row.getBoolean("error_retryable"))
				: null;
		return new HistoryPageRow(row.getLong("seq"),
				new HistoryEntry(row.getObject("id", UUID.class), new ExportId(row.getObject("export_id", UUID.class)),
						HistoryKind.valueOf(row.getString("kind")), row.getString("requested_by"),
						row.getTimestamp("requested_at").toInstant(), (request != null) ? JSON.readTree(request) : null,
						HistoryOutcome.valueOf(row.getString("outcome")),
						(finishedAt != null) ? finishedAt.toInstant() : null, failure,
						JSON.readValue(row.getString("adobe_calls"), CALLS),
						row.getObject("change_revision", Integer.class), row.getObject("activation_id", UUID.class)));
	}

	private record HistoryPageRow(long seq, HistoryEntry entry) {

	}

	/** An entry still {@code ACCEPTED}, and when it was asked for. */
	private record OpenEntry(long seq, Instant at) {

	}

}
