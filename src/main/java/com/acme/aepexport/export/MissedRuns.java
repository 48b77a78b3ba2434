package com.acme.aepexport.export;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import lombok.RequiredArgsConstructor;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The scheduled runs found missing ({@code missed_run}), and how far each export's
 * windows have been judged ({@code run_snapshot}'s {@code watched_since} and
 * {@code missed_checked_until}).
 */
@Repository
@RequiredArgsConstructor
class MissedRuns {

	private final JdbcClient jdbc;

	/**
	 * How far the export's windows are judged, its snapshot's row locked to the end of
	 * the transaction: a read of the same export elsewhere waits, then sees what this one
	 * judged. Empty when the export has no snapshot (its teardown was asked for).
	 */
	Optional<Watch> watchForUpdate(UUID exportId) {
		return this.jdbc.sql("""
				select watched_since, missed_checked_until from run_snapshot where export_id = :exportId for update""")
			.param("exportId", exportId)
			.query((row, number) -> new Watch(instant(row.getTimestamp("watched_since")),
					instant(row.getTimestamp("missed_checked_until"))))
			.optional();
	}

	/** Windows whose deadline is up to {@code until} have been judged. */
	void checked(UUID exportId, Instant until) {
		this.jdbc.sql("""
				update run_snapshot set missed_checked_until = greatest(missed_checked_until, :until)
				where export_id = :exportId""")
			.param("until", Timestamp.from(until))
			.param("exportId", exportId)
			.update();
	}

	/**
	 * The export's schedules changed in Adobe's dataflow at {@code at}: windows that
	 * opened before are not judged.
	 */
	void watchFrom(UUID exportId, Instant at) {
		this.jdbc.sql("""
				update run_snapshot set watched_since = greatest(watched_since, :at),
				  missed_checked_until = coalesce(missed_checked_until, :at)
				where export_id = :exportId""").param("at", Timestamp.from(at)).param("exportId", exportId).update();
	}

	/**
	 * Records the window missed, unless it was already.
	 * @return whether this call recorded it: the one to tell it
	 */
	boolean flag(UUID exportId, String audienceId, Instant windowOpens, Instant deadline, Instant now) {
		return this.jdbc.sql("""
				insert into missed_run (export_id, audience_id, window_opens, deadline, flagged_at)
				values (:exportId, :audienceId, :windowOpens, :deadline, :now)
				on conflict do nothing""")
			.param("exportId", exportId)
			.param("audienceId", audienceId)
			.param("windowOpens", Timestamp.from(windowOpens))
			.param("deadline", Timestamp.from(deadline))
			.param("now", Timestamp.from(now))
			.update() == 1;
	}

	private static Instant instant(Timestamp timestamp) {
		return (timestamp != null) ? timestamp.toInstant() : null;
	}

	/**
	 * @param since windows opening before are not judged; {@code null} when not set
	 * @param checkedUntil windows whose deadline is up to here were judged; {@code null}
	 * when not set
	 */
	record Watch(Instant since, Instant checkedUntil) {

	}

}
