package com.acme.aepexport.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.flywaydb.core.Flyway;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * A database of its own on the JVM's shared PostgreSQL server, for tests that start
 * instances of the service themselves. The application contexts the Spring test cache
 * keeps alive run workers on the shared database; on a database of its own no other
 * worker can take (or revive) the exports a test watches.
 *
 * @param name the database's name
 * @param jdbcUrl where it is
 */
public record ScratchDatabase(String name, String jdbcUrl, String username, String password) implements AutoCloseable {

	private static final Pattern DATABASE_IN_URL = Pattern.compile("^(jdbc:postgresql://[^/]+/)([^?]*)(\\?.*)?$");

	/** Creates an empty database, named after the prefix and a random suffix. */
	public static ScratchDatabase create(String prefix) {
		TestPostgres server = LocalInfrastructure.postgres();
		String name = prefix + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
		execute(server, "create database " + name);
		Matcher url = DATABASE_IN_URL.matcher(server.jdbcUrl());
		if (!url.matches()) {
			throw new IllegalStateException("Unexpected JDBC URL " + server.jdbcUrl());
		}
		String jdbcUrl = url.group(1) + name + ((url.group(3) != null) ? url.group(3) : "");
		return new ScratchDatabase(name, jdbcUrl, server.username(), server.password());
	}

	/**
	 * A new database with the service's migrations up to {@code version}, for a test of a
	 * later migration on the data of that version; dropped when closed.
	 */
	public static ScratchDatabase migratedTo(String prefix, String version) {
		ScratchDatabase database = create(prefix);
		try {
			database.migrate(version);
			return database;
		}
		catch (RuntimeException ex) {
			database.drop();
			throw ex;
		}
	}

	/**
	 * Runs the service's migrations here, up to a version ({@code latest}: all of them),
	 * as a test of a migration on the data of an earlier version does.
	 */
	public void migrate(String target) {
		Flyway.configure().dataSource(this.jdbcUrl, this.username, this.password).target(target).load().migrate();
	}

	/** The {@code spring.datasource.*} properties that point the service here. */
	public Map<String, String> properties() {
		Map<String, String> properties = new LinkedHashMap<>();
		properties.put("spring.datasource.url", this.jdbcUrl);
		properties.put("spring.datasource.username", this.username);
		properties.put("spring.datasource.password", this.password);
		return properties;
	}

	/** A connection of the test's own (no pool), to read what the service stored. */
	public JdbcTemplate jdbc() {
		return new JdbcTemplate(new DriverManagerDataSource(this.jdbcUrl, this.username, this.password));
	}

	/** Drops the database, closing whatever connections still use it. */
	public void drop() {
		execute(LocalInfrastructure.postgres(), "drop database if exists " + this.name + " with (force)");
	}

	/** Drops it: see {@link #drop()}. */
	@Override
	public void close() {
		drop();
	}

	private static void execute(TestPostgres server, String sql) {
		try (Connection connection = DriverManager.getConnection(server.jdbcUrl(), server.username(),
				server.password()); Statement statement = connection.createStatement()) {
			statement.execute(sql);
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Cannot run '" + sql + "' on " + server.jdbcUrl(), ex);
		}
	}

}
