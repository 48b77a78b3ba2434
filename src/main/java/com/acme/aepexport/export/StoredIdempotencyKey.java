package com.acme.aepexport.export;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * An idempotency key, the fingerprint of the request it came with, and the export it
 * made.
 */
@Entity
@Table(name = "idempotency_key")
class StoredIdempotencyKey {

	@Id
	private String key;

	private String fingerprint;

	private UUID exportId;

	private Instant createdAt;

	protected StoredIdempotencyKey() {
	}

	String fingerprint() {
		return this.fingerprint;
	}

	ExportId exportId() {
		return new ExportId(this.exportId);
	}

	Instant createdAt() {
		return this.createdAt;
	}

}
