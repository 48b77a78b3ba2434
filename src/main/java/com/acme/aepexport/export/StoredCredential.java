package com.acme.aepexport.export;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.PostLoad;
import jakarta.persistence.PostPersist;
import jakarta.persistence.Table;
import jakarta.persistence.Transient;

import org.springframework.data.domain.Persistable;

/**
 * An export's destination credentials, encrypted; deleted once the base connection
 * exists.
 */
@Entity
@Table(name = "export_credential")
class StoredCredential implements Persistable<UUID> {

	@Id
	private UUID exportId;

	private String keyId;

	private byte[] ciphertext;

	private Instant createdAt;

	/**
	 * Its id is the export's, assigned before it is stored: without this Spring Data
	 * would take it for a stored row and read it before every insert.
	 */
	@Transient
	private boolean stored;

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

	@Override
	public boolean isNew() {
		return !this.stored;
	}

	@PostLoad
	@PostPersist
	void markStored() {
		this.stored = true;
	}

	String keyId() {
		return this.keyId;
	}

	byte[] ciphertext() {
		return this.ciphertext;
	}

}
