package com.acme.aepexport.export;

import java.util.List;
import java.util.UUID;

import jakarta.persistence.EntityManager;
import lombok.AccessLevel;
import lombok.RequiredArgsConstructor;
import org.hibernate.Session;
import org.hibernate.StatelessSession;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Inserts the rows of a new export without the stateful session: through a stateless
 * session derived from the transaction's own, on its connection, so that the rows go with
 * the transaction and are rolled back with it. An accept only inserts, and the stateful
 * session's work for a new export, its 13 steps and its credentials (cascades, a snapshot
 * of each row, a dirty check of each at the flush) was a fifth of an accept's CPU samples
 * (JFR profile of {@code ExportBenchmark}'s accepts). What is inserted here is not
 * managed afterwards: change it through its repository.
 */
@Component
@RequiredArgsConstructor(access = AccessLevel.PACKAGE)
class NewRows {

	private final EntityManager entityManager;

	private final JdbcClient jdbc;

	/**
	 * A new export, and its steps as {@link Export#accept} makes them: each with its id,
	 * name and status, every other column at its default (see {@link ExportStep}'s
	 * constructor). The steps in one statement, not an insert each: they are 13 of the 16
	 * rows an accept writes.
	 */
	void insertAccepted(Export export) {
		insert(export);
		List<ExportStep> steps = export.steps();
		this.jdbc.sql("""
				insert into export_step (id, export_id, name, status)
				select step.id, ?, step.name, step.status
				from unnest(?::uuid[], ?::text[], ?::text[]) as step (id, name, status)""")
			.params(export.getId(), steps.stream().map(ExportStep::id).toArray(UUID[]::new),
					steps.stream().map((step) -> step.name().name()).toArray(String[]::new),
					steps.stream().map((step) -> step.status().name()).toArray(String[]::new))
			.update();
	}

	/**
	 * One row, sent at once: what is inserted after it may refer to it. Through
	 * {@code insertMultiple}, whose batch is as long as its list and goes when full: a
	 * plain {@code insert} on the derived session had not reached the database when the
	 * steps' statement followed, whatever its batch size (IdempotencyIT failed on the
	 * steps' foreign key).
	 */
	void insert(Object entity) {
		try (StatelessSession inserts = this.entityManager.unwrap(Session.class)
			.statelessWithOptions()
			.connection()
			.open()) {
			inserts.insertMultiple(List.of(entity));
		}
	}

}
