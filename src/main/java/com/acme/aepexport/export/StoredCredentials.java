package com.acme.aepexport.export;

import java.time.Instant;
import java.util.UUID;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;

interface StoredCredentials extends JpaRepository<StoredCredential, UUID> {

	@Modifying
	@Query(value = """
			delete from export_credential c using export e
			where e.id = c.export_id and e.status = 'FAILED' and e.updated_at < :before""", nativeQuery = true)
	int deleteOfFailedExportsUnchangedSince(Instant before);

}
