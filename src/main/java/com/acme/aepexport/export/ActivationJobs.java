package com.acme.aepexport.export;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;

import lombok.AccessLevel;
import lombok.RequiredArgsConstructor;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The ad hoc activation jobs started for exports, kept in PostgreSQL with Adobe's answer
 * ({@code activation}). A job is stored before Adobe is asked, under a lock per export,
 * so that of two requests for one audience the second sees the first; the export's
 * history records the request with it, and Adobe's answer with the job's.
 */
@Service
@Transactional
@RequiredArgsConstructor(access = AccessLevel.PACKAGE)
public class ActivationJobs {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final TypeReference<List<String>> AUDIENCES = new TypeReference<>() {
	};

	private static final TypeReference<List<ActivationJob.Run>> RUNS = new TypeReference<>() {
	};

	private static final String COLUMNS = """
			id, export_id, audience_ids, requested_by, requested_at, status, in_progress_until, answered_at, runs,
			adobe_status, error""";

	private final JdbcClient jdbc;

	private final Exports exports;

	private final ApplicationEventPublisher events;

	private final ExportHistory history;

	private final Clock clock;

	/**
	 * Stores a new job ({@link ActivationStatus#SENDING}) once {@code check} accepts it,
	 * given the export's jobs requested since {@code since}, newest first; serialised per
	 * export with every other reservation.
	 * @param request who asks, and what they sent, for the export's history
	 * @param check throws to refuse the job: then nothing is stored
	 */
	public ActivationJob reserve(ExportId exportId, List<String> audienceIds, CallerRequest request,
			Duration inProgressFor, Instant since, Consumer<List<ActivationJob>> check) {
		String requestedBy = request.caller();
		// Held to the end of this transaction: the check and the insert are one step.
		this.jdbc.sql("select 1 from (select pg_advisory_xact_lock(hashtext('activation'), hashtext(?))) locked")
			.param(exportId.value().toString())
			.query(Integer.class)
			.single();
		check.accept(since(exportId, since));
		Instant now = this.clock.instant();
		ActivationJob job = new ActivationJob(UUID.randomUUID(), exportId, audienceIds, requestedBy, now,
				ActivationStatus.SENDING, now.plus(inProgressFor), null, List.of(), null, null);
		this.jdbc.sql("""
				insert into activation (id, export_id, audience_ids, requested_by, requested_at, status,
				  in_progress_until)
				values (?, ?, ?::jsonb, ?, ?, ?, ?)""")
			.params(job.id(), exportId.value(), JSON.writeValueAsString(audienceIds), requestedBy, Timestamp.from(now),
					job.status().name(), Timestamp.from(job.inProgressUntil()))
			.update();
		this.history.activationAccepted(exportId, request, job.id());
		return job;
	}

	/**
	 * Adobe started the job: its answer, one run per audience. Publishes
	 * {@link ActivationStarted} in this transaction, so that what listeners write commits
	 * with the answer.
	 */
	public ActivationJob started(UUID id, List<ActivationJob.Run> runs) {
		ActivationJob job = answered(id, ActivationStatus.STARTED, JSON.writeValueAsString(runs), null, null);
		this.exports.findById(job.exportId().value())
			.ifPresent((export) -> this.events.publishEvent(new ActivationStarted(export.toView(), job)));
		this.history.activationEnded(job.exportId(), id, HistoryOutcome.APPLIED, null,
				runs.stream()
					.map((run) -> AdobeCall.runStarted(run.orderId(), run.runId(), run.audienceId()))
					.toList());
		return job;
	}

	/**
	 * Adobe refused the job ({@link ActivationStatus#REFUSED}: its audiences are free
	 * again), or gave no usable answer ({@link ActivationStatus#UNKNOWN}: they stay busy
	 * until the job's time passes).
	 */
	public ActivationJob notStarted(UUID id, ActivationStatus status, Integer adobeStatus, String error) {
		ActivationJob job = answered(id, status, null, adobeStatus, error);
		// Refused for good; a 429 or 503 refuses only for now, as no answer may hide a
		// job.
		boolean refused = status == ActivationStatus.REFUSED && adobeStatus != null && adobeStatus != 429
				&& adobeStatus < 500;
		this.history.activationEnded(job.exportId(), id, refused ? HistoryOutcome.REFUSED : HistoryOutcome.FAILED,
				new HistoryEntry.Failure(StepName.DATAFLOW, adobeStatus, null, error, !refused), List.of());
		return job;
	}

	private ActivationJob answered(UUID id, ActivationStatus status, String runs, Integer adobeStatus, String error) {
		this.jdbc.sql("""
				update activation set status = ?, answered_at = ?, runs = ?::jsonb, adobe_status = ?, error = ?
				where id = ?""")
			.params(status.name(), Timestamp.from(this.clock.instant()), runs, adobeStatus, error, id)
			.update();
		return this.jdbc.sql("select " + COLUMNS + " from activation where id = ?")
			.param(id)
			.query(ActivationJobs::job)
			.single();
	}

	/** One job of the export, as stored. */
	@Transactional(readOnly = true)
	public Optional<ActivationJob> find(ExportId exportId, UUID id) {
		return this.jdbc.sql("select " + COLUMNS + " from activation where export_id = ? and id = ?")
			.params(exportId.value(), id)
			.query(ActivationJobs::job)
			.optional();
	}

	/** The export's jobs requested since {@code since}, newest first. */
	@Transactional(readOnly = true)
	public List<ActivationJob> since(ExportId exportId, Instant since) {
		return this.jdbc
			.sql("select " + COLUMNS
					+ " from activation where export_id = ? and requested_at >= ? order by requested_at desc")
			.params(exportId.value(), Timestamp.from(since))
			.query(ActivationJobs::job)
			.list();
	}

	private static ActivationJob job(ResultSet row, int index) throws SQLException {
		String runs = row.getString("runs");
		Timestamp answeredAt = row.getTimestamp("answered_at");
		Integer adobeStatus = row.getObject("adobe_status", Integer.class);
		return new ActivationJob(row.getObject("id", UUID.class), new ExportId(row.getObject("export_id", UUID.class)),
				JSON.readValue(row.getString("audience_ids"), AUDIENCES), row.getString("requested_by"),
				row.getTimestamp("requested_at").toInstant(), ActivationStatus.valueOf(row.getString("status")),
				row.getTimestamp("in_progress_until").toInstant(), (answeredAt != null) ? answeredAt.toInstant() : null,
				(runs != null) ? JSON.readValue(runs, RUNS) : List.of(), adobeStatus, row.getString("error"));
	}

}
