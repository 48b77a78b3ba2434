package com.acme.aepexport.export;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;

interface IdempotencyKeys extends JpaRepository<StoredIdempotencyKey, StoredIdempotencyKey.Id> {

	/**
	 * Claims a caller's key. A concurrent request with the same key waits here until the
	 * first one's transaction ends, then finds the key taken (0) and reads what the first
	 * one stored.
	 */
	@Modifying
	@Query(value = """
			insert into idempotency_key (owner, key, fingerprint, fingerprint_key_id, export_id, created_at)
			values (:owner, :key, :fingerprint, :fingerprintKeyId, :exportId, :createdAt)
			on conflict (owner, key) do nothing""", nativeQuery = true)
	int claim(String owner, String key, String fingerprint, String fingerprintKeyId, UUID exportId, Instant createdAt);

	default Optional<StoredIdempotencyKey> find(String owner, String key) {
		return findById(new StoredIdempotencyKey.Id(owner, key));
	}

	@Modifying
	@Query("delete from StoredIdempotencyKey k where k.createdAt < :before")
	int deleteCreatedBefore(Instant before);

	/** A key past its retention is free again. */
	@Modifying
	@Query("delete from StoredIdempotencyKey k where k.id.owner = :owner and k.id.key = :key and k.createdAt < :before")
	int deleteExpired(String owner, String key, Instant before);

}
