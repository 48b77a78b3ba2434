package com.acme.aepexport.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

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

	/**
	 * Asks Testcontainers only where a Docker engine could be (a socket or DOCKER_HOST),
	 * so that machines without one do not log its failed search as an error.
	 */
	private static boolean dockerAnswers() {
		boolean engineConfigured = System.getenv("DOCKER_HOST") != null || Files.exists(Path.of("/var/run/docker.sock"))
				|| Files.exists(Path.of(System.getProperty("user.home"), ".testcontainers.properties"));
		if (!engineConfigured) {
			return false;
		}
		try {
			return DockerClientFactory.instance().isDockerAvailable();
		}
		catch (RuntimeException ex) {
			return false;
		}
	}

}
