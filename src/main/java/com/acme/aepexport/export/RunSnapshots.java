package com.acme.aepexport.export;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;

/**
 * The run snapshots. Writes are single statements on the row, not read-modify-write of
 * the entity: the refresher's write must neither undo a read asked for meanwhile nor fail
 * on a row a teardown deleted meanwhile (it then updates nothing).
 */
interface RunSnapshots extends JpaRepository<RunSnapshot, UUID> {

	/**
	 * Asks for a read of the export's runs at {@code at} at the latest: creates its
	 * snapshot (its schedules' windows watched from then on), or brings an already
	 * planned read forward.
	 */
	@Modifying
	@Query(value = """
			insert into run_snapshot (export_id, refresh_after, read_requested_at, failures, watched_since,
			  missed_checked_until)
			values (:exportId, :at, :at, 0, :at, :at)
			on conflict (export_id) do update set
			  refresh_after = least(run_snapshot.refresh_after, excluded.refresh_after),
			  read_requested_at = excluded.read_requested_at""", nativeQuery = true)
	void readBy(UUID exportId, Instant at);

	/**
	 * Brings the export's next read forward to {@code at} at the latest; nothing when it
	 * has no snapshot (its teardown was asked for: no snapshot comes back with it).
	 */
	@Modifying
	@Query(value = """
			update run_snapshot set refresh_after = least(refresh_after, :at), read_requested_at = :at
			where export_id = :exportId""", nativeQuery = true)
	void readSoon(UUID exportId, Instant at);

	/** The exports whose runs are due to be read, the longest due first. */
	@Query(value = """
			select s.export_id from run_snapshot s join export e on e.id = s.export_id
			where s.refresh_after <= :now and e.status = 'SUCCEEDED'
			order by s.refresh_after limit :limit""", nativeQuery = true)
	List<UUID> due(Instant now, int limit);

	/**
	 * Records a read that started at {@code startedAt}; when another was asked for since,
	 * it is due at once, otherwise at {@code next}.
	 */
	@Modifying
	@Query(value = """
			update run_snapshot set latest = cast(:latest as jsonb), as_of = :asOf, failures = 0, last_error = null,
			  refresh_after = case when read_requested_at > :startedAt then read_requested_at else :next end
			where export_id = :exportId""", nativeQuery = true)
	int read(UUID exportId, String latest, Instant asOf, Instant startedAt, Instant next);

	/** Records a failed read, keeping what was read before. */
	@Modifying
	@Query(value = """
			update run_snapshot set failures = failures + 1, last_error = :error,
			  refresh_after = case when read_requested_at > :startedAt then read_requested_at else :next end
			where export_id = :exportId""", nativeQuery = true)
	int notRead(UUID exportId, String error, Instant startedAt, Instant next);

	@Query(value = "select failures from run_snapshot where export_id = :exportId", nativeQuery = true)
	Optional<Integer> failures(UUID exportId);

	/**
	 * When the export whose read is the most overdue was due, among those being read;
	 * empty when none is due.
	 */
	@Query(value = """
			select min(s.refresh_after) from run_snapshot s join export e on e.id = s.export_id
			where e.status = 'SUCCEEDED'""", nativeQuery = true)
	Optional<Instant> earliestDue();

}
