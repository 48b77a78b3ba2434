package com.acme.aepexport.export;

import java.time.Instant;
import java.util.UUID;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;

interface IdempotencyKeys extends JpaRepository<StoredIdempotencyKey, String> {

	/**
	 * Claims a key. A concurrent request with the same key waits here until the first
	 * one's transaction ends, then finds the key taken (0) and reads what the first one
	 * stored.
	 */
	@Modifying
	@Query(value = """
			insert into idempotency_key (key, fingerprint, export_id, created_at)
			values (:key, :fingerprint, :exportId, :createdAt)
			on conflict (key) do nothing""", nativeQuery = true)
	int claim(String key, String fingerprint, UUID exportId, Instant createdAt);

	@Modifying
	@Query("delete from StoredIdempotencyKey k where k.createdAt < :before")
	int deleteCreatedBefore(Instant before);

	/** A key past its retention is free again. */
	@Modifying
	@Query("delete from StoredIdempotencyKey k where k.key = :key and k.createdAt < :before")
	int deleteExpired(String key, Instant before);

}
