package com.acme.aepexport.export;

import java.io.Serializable;
import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

/**
 * A caller's idempotency key, the fingerprint of the request it came with, and the export
 * it made.
 */
@Entity
@Table(name = "idempotency_key")
class StoredIdempotencyKey {

	@EmbeddedId
	private Id id;

	private String fingerprint;

	/**
	 * The credentials key the fingerprint was made with; {@code null} before keys had ids
	 * here.
	 */
	private String fingerprintKeyId;

	private UUID exportId;

	private Instant createdAt;

	protected StoredIdempotencyKey() {
	}

	String fingerprint() {
		return this.fingerprint;
	}

	String fingerprintKeyId() {
		return this.fingerprintKeyId;
	}

	ExportId exportId() {
		return new ExportId(this.exportId);
	}

	@Embeddable
	record Id(String owner, String key) implements Serializable {

	}

}
