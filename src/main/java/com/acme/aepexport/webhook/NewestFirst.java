package com.acme.aepexport.webhook;

import org.springframework.jdbc.core.simple.JdbcClient.StatementSpec;

/**
 * How subscriptions and deliveries are listed: newest first, a page at a time (the id
 * orders rows created in the same instant).
 */
final class NewestFirst {

	/** Appended to a query of a table with {@code created_at} and {@code id}. */
	static final String PAGED = " order by created_at desc, id desc limit :size offset :offset";

	private NewestFirst() {
	}

	/** Binds {@link #PAGED}'s bounds for page {@code page} (from 0) of {@code size}. */
	static StatementSpec page(StatementSpec query, int page, int size) {
		return query.param("size", size).param("offset", (long) page * size);
	}

}
