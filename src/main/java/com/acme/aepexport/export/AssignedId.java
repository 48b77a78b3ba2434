package com.acme.aepexport.export;

import java.util.UUID;

import jakarta.persistence.MappedSuperclass;
import jakarta.persistence.PostLoad;
import jakarta.persistence.PostPersist;
import jakarta.persistence.Transient;

import org.springframework.data.domain.Persistable;

/**
 * An entity whose id is assigned before it is stored: without this, Spring Data would
 * take it for a stored row (its id is set) and read it before every insert, to merge.
 */
@MappedSuperclass
abstract class AssignedId implements Persistable<UUID> {

	@Transient
	private boolean stored;

	@Override
	public boolean isNew() {
		return !this.stored;
	}

	@PostLoad
	@PostPersist
	void markStored() {
		this.stored = true;
	}

}
