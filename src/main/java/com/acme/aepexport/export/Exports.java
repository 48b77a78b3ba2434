package com.acme.aepexport.export;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.JpaSpecificationExecutor;
import org.springframework.data.jpa.repository.Query;

interface Exports extends JpaRepository<Export, UUID>, JpaSpecificationExecutor<Export> {

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
