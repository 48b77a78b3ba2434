package com.acme.aepexport.export;

import jakarta.persistence.EntityManager;
import lombok.AccessLevel;
import lombok.RequiredArgsConstructor;
import org.hibernate.Session;
import org.hibernate.StatelessSession;

/**
 * Writes a new export through a stateless session derived from the transaction's own, on
 * its connection: an accept only inserts, and the stateful session's work for an export
 * and its 13 steps (cascades, a snapshot of each row, a dirty check of each at the flush)
 * was a fifth of an accept's CPU samples (JFR profile of {@code ExportBenchmark}'s
 * accepts). The rows go with the transaction: inserted on its connection, they are rolled
 * back with it.
 */
@RequiredArgsConstructor(access = AccessLevel.PACKAGE)
class NewExportsImpl implements NewExports {

	private final EntityManager entityManager;

	@Override
	public void insertNew(Export export) {
		try (StatelessSession inserts = this.entityManager.unwrap(Session.class)
			.statelessWithOptions()
			.connection()
			.open()) {
			inserts.insert(export);
			inserts.insertMultiple(export.steps());
		}
	}

}
