package com.acme.aepexport.export;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * An export's destination credentials, encrypted; deleted once the base connection
 * exists.
 */
@Entity
@Table(name = "export_credential")
class StoredCredential extends AssignedId {

	@Id
	private UUID exportId;

	private String keyId;

	private byte[] ciphertext;

	private Instant createdAt;

	protected StoredCredential() {
	}

	StoredCredential(ExportId exportId, String keyId, byte[] ciphertext, Instant createdAt) {
		this.exportId = exportId.value();
		this.keyId = keyId;
		this.ciphertext = ciphertext;
		this.createdAt = createdAt;
	}

	@Override
	public UUID getId() {
		return this.exportId;
	}

	String keyId() {
		return this.keyId;
	}

	byte[] ciphertext() {
		return this.ciphertext;
	}

}
