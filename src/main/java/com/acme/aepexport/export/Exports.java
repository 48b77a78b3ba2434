package com.acme.aepexport.export;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.persistence.LockModeType;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.JpaSpecificationExecutor;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;

interface Exports extends JpaRepository<Export, UUID>, JpaSpecificationExecutor<Export> {

	/**
	 * The export, its row locked until the transaction ends: a transition that queues or
	 * unqueues work (resume, delete, a worker's last word) happens one at a time.
	 */
	@Lock(LockModeType.PESSIMISTIC_WRITE)
	@Query("select e from Export e where e.id = :id")
	Optional<Export> findForUpdate(UUID id);

	/** Who runs the export now, if anyone. */
	@Query("select e.claim from Export e where e.id = :id")
	Optional<UUID> claimOf(UUID id);

	/**
	 * Exports by status, summed from {@code export_count}, which triggers keep in the
	 * statement of every insert, status change and delete (V7); the oldest update of each
	 * status is the first entry of its range in the index on
	 * {@code (status, updated_at)}. Neither reads the export table row by row.
	 */
	String COUNT_BY_STATUS = """
			select c.status as status, c.exports as exports,
			  (select min(e.updated_at) from export e where e.status = c.status) as oldestUpdate
			from (select status, sum(exports)::bigint as exports from export_count group by status) c""";

	@Query(value = COUNT_BY_STATUS, nativeQuery = true)
	List<StatusCount> countByStatus();

	/**
	 * How many exports have a status, and when the one changed longest ago last changed.
	 */
	interface StatusCount {

		ExportStatus getStatus();

		long getExports();

		Instant getOldestUpdate();

	}

}
