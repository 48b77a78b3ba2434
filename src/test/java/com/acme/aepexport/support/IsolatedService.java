package com.acme.aepexport.support;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import org.springframework.jdbc.core.JdbcTemplate;

import static org.awaitility.Awaitility.await;

/**
 * The service on a database of its own, for the test class that registers it
 * ({@code @RegisterExtension static}), which writes export rows itself and counts what
 * happens to them: no other instance works there, and the service's own background tasks
 * leave those rows to the test. Its recurring tasks run as it starts; this waits for the
 * queue reconciler's and the purge's runs, and the reconciler runs again only after an
 * hour, so the rows are neither queued (and run) nor purged but by the test.
 */
public final class IsolatedService implements BeforeAllCallback, AfterAllCallback {

	private static final List<String> TASKS_RUN_AT_START = List.of("reconcile-queue", "purge-deleted-exports");

	private final String name;

	private final Map<String, String> settings;

	private ScratchDatabase database;

	private ServiceContext service;

	private JdbcTemplate jdbc;

	/**
	 * @param name the database's name prefix
	 * @param settings the service's settings beside the local infrastructure's
	 */
	public IsolatedService(String name, Map<String, String> settings) {
		this.name = name;
		this.settings = settings;
	}

	@Override
	public void beforeAll(ExtensionContext context) {
		this.database = ScratchDatabase.create(this.name);
		this.jdbc = this.database.jdbc();
		Map<String, String> properties = new LinkedHashMap<>(LocalInfrastructure.properties());
		properties.putAll(this.database.properties());
		properties.put("server.port", "0");
		properties.put("exports.workers.polling-interval", "200ms");
		properties.put("exports.workers.reconcile-interval", "1h");
		properties.putAll(this.settings);
		this.service = ServiceContext.start(properties);
		await().atMost(Duration.ofSeconds(30))
			.until(() -> this.jdbc.queryForObject(
					"select count(*) from recurring_tasks where task_name = any(?) and last_success is not null",
					Integer.class, (Object) TASKS_RUN_AT_START.toArray(String[]::new)) == TASKS_RUN_AT_START.size());
	}

	@Override
	public void afterAll(ExtensionContext context) {
		try {
			if (this.service != null) {
				this.service.close();
			}
		}
		finally {
			if (this.database != null) {
				this.database.drop();
			}
		}
	}

	public ScratchDatabase database() {
		return this.database;
	}

	public ServiceContext service() {
		return this.service;
	}

	/** A connection of the test's own (no pool), to write and read rows. */
	public JdbcTemplate jdbc() {
		return this.jdbc;
	}

}
