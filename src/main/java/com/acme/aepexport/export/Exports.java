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

	@Query("select e.status as status, count(e) as exports, min(e.updatedAt) as oldestUpdate"
			+ " from Export e group by e.status")
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
