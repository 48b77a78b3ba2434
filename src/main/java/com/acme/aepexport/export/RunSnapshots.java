package com.acme.aepexport.export;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;

interface RunSnapshots extends JpaRepository<RunSnapshot, UUID> {

	/**
	 * Asks for a read of the export's runs at {@code at} at the latest: creates its
	 * snapshot, or brings an already planned read forward.
	 */
	@Modifying
	@Query(value = """
			insert into run_snapshot (export_id, refresh_after, failures) values (:exportId, :at, 0)
			on conflict (export_id) do update set refresh_after = least(run_snapshot.refresh_after, excluded.refresh_after)""",
			nativeQuery = true)
	void readBy(UUID exportId, Instant at);

	/** The exports whose runs are due to be read, the longest due first. */
	@Query(value = """
			select s.export_id from run_snapshot s join export e on e.id = s.export_id
			where s.refresh_after <= :now and e.status = 'SUCCEEDED'
			order by s.refresh_after limit :limit""", nativeQuery = true)
	List<UUID> due(Instant now, int limit);

}
