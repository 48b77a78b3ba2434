package com.acme.aepexport.support;

import java.io.IOException;
import java.io.UncheckedIOException;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * A real PostgreSQL for tests and local runs: a Testcontainers container where a Docker
 * engine answers, otherwise zonky's embedded PostgreSQL (real binaries, no Docker).
 */
public record TestPostgres(String jdbcUrl, String username, String password, String kind, AutoCloseable server) {

	private static final Logger log = LoggerFactory.getLogger(TestPostgres.class);

	public static TestPostgres start() {
		if (dockerAnswers()) {
			PostgreSQLContainer container = new PostgreSQLContainer("postgres:17-alpine");
			container.start();
			log.info("PostgreSQL from Testcontainers at {}", container.getJdbcUrl());
			return new TestPostgres(container.getJdbcUrl(), container.getUsername(), container.getPassword(),
					"testcontainers", container::stop);
		}
		try {
			EmbeddedPostgres postgres = EmbeddedPostgres.builder().start();
			String url = postgres.getJdbcUrl("postgres", "postgres");
			log.info("No Docker engine answers: embedded PostgreSQL at {}", url);
			return new TestPostgres(url, "postgres", "postgres", "embedded", postgres);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot start an embedded PostgreSQL", ex);
		}
	}

	private static boolean dockerAnswers() {
		try {
			return DockerClientFactory.instance().isDockerAvailable();
		}
		catch (RuntimeException ex) {
			return false;
		}
	}

}
