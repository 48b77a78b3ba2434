package com.acme.aepexport.export;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;

/**
 * The changes of exports. They are only ever written with the export's row locked, so
 * that the changes of one export are numbered, applied and finished one after the other.
 */
interface StoredChanges extends JpaRepository<ExportChange, UUID> {

	@Query("select coalesce(max(c.revision), 0) from ExportChange c where c.exportId = :exportId")
	int lastRevision(UUID exportId);

	Optional<ExportChange> findFirstByExportIdOrderByRevisionDesc(UUID exportId);

	Optional<ExportChange> findFirstByExportIdAndStatusOrderByRevisionDesc(UUID exportId, ChangeStatus status);

	Optional<ExportChange> findByExportIdAndRevision(UUID exportId, int revision);

	boolean existsByExportIdAndStatus(UUID exportId, ChangeStatus status);

	/**
	 * Finishes the export's pending changes up to {@code revision}: a change is applied
	 * with those accepted before it that were still waiting.
	 */
	@Modifying(flushAutomatically = true)
	@Query("""
			update ExportChange c set c.status = :status, c.finishedAt = :at, c.errorHttpStatus = :httpStatus,
			  c.errorAdobeCode = :adobeCode, c.errorMessage = :message, c.errorRetryable = :retryable
			where c.exportId = :exportId and c.status = com.acme.aepexport.export.ChangeStatus.PENDING
			  and c.revision <= :revision""")
	int finish(UUID exportId, int revision, ChangeStatus status, Instant at, Integer httpStatus, String adobeCode,
			String message, Boolean retryable);

}
