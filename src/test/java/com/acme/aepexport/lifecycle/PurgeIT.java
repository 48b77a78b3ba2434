package com.acme.aepexport.lifecycle;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;

import com.acme.aepexport.export.ExportService;
import com.acme.aepexport.support.ExportsClient;
import com.acme.aepexport.support.LocalInfrastructure;
import com.acme.aepexport.support.IsolatedService;
import com.acme.aepexport.support.ServiceContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;
import static org.awaitility.Awaitility.await;

/**
 * Exports {@code DELETED} for longer than {@code exports.retention.deleted} (30 days) are
 * purged by a recurring task, with everything that names them, a bounded batch per
 * transaction; no export in another status ever is. On a database of its own, so that
 * what was purged and counted is only this test's.
 */
class PurgeIT {

	private static final List<String> NOT_DELETED = List.of("PENDING", "RUNNING", "SUCCEEDED", "FAILED", "DELETING");

	@RegisterExtension
	static final IsolatedService isolated = new IsolatedService("purge", Map.of("exports.retention.batch-size", "2"));

	@Test
	void aDeletedExportPastItsRetentionIsPurgedWithAllThatNamesItAndNoOtherExportIs() {
		ExportsClient client = isolated.service().client();
		String purged = client.api()
			.post()
			.uri("/exports")
			.header("Idempotency-Key", "purge-" + UUID.randomUUID())
			.contentType(MediaType.APPLICATION_JSON)
			.body(ExportsClient.example("DATA_LANDING_ZONE", ExportsClient.newSandbox("purge")).toString())
			.exchange()
			.expectStatus()
			.isAccepted()
			.expectBody(JsonNode.class)
			.returnResult()
			.getResponseBody()
			.path("id")
			.asString();
		assertThat(client.awaitFinished(purged, Duration.ofSeconds(30)).path("status").asString())
			.isEqualTo("SUCCEEDED");
		client.api().delete().uri("/exports/{id}", purged).exchange().expectStatus().isAccepted();
		await().atMost(Duration.ofSeconds(30))
			.until(() -> client.getExport(purged).path("status").asString(), "DELETED"::equals);
		// Whatever names it goes too, even rows its teardown deleted; its history (its
		// creation and delete) as well: append-only while the export exists, not after.
		isolated.jdbc().update("insert into run_snapshot (export_id, refresh_after) values (?::uuid, now())", purged);
		isolated.jdbc()
			.update("insert into export_credential (export_id, key_id, ciphertext, created_at)"
					+ " values (?::uuid, 'default', '\\x00'::bytea, now())", purged);
		isolated.jdbc()
			.update("insert into export_change (id, export_id, revision, spec, status, requested_by, requested_at)"
					+ " values (gen_random_uuid(), ?::uuid, 1, '{}'::jsonb, 'APPLIED', 'purge-it', now())", purged);
		isolated.jdbc().update("update export set updated_at = now() - interval '31 days' where id = ?::uuid", purged);
		UUID deletedRecently = insertExport("DELETED", "29 days");
		List<UUID> otherStatuses = NOT_DELETED.stream().map((status) -> insertExport(status, "365 days")).toList();
		Map<String, Integer> before = rowsNaming(purged);
		for (String table : List.of("export_step", "export_change", "export_credential", "idempotency_key",
				"run_snapshot", "export_history")) {
			assertThat(before.get(table)).as("rows naming the export in %s before the purge", table).isPositive();
		}
		double purgedBefore = purgedCounter();

		isolated.jdbc()
			.update("update recurring_tasks set execution_time = now() where task_name = 'purge-deleted-exports'");

		await().atMost(Duration.ofSeconds(15)).until(() -> exportRows(purged) == 0);
		assertThat(rowsNaming(purged)).as("rows naming the purged export").allSatisfy((table, rows) -> {
			assertThat(rows).as(table).isZero();
		});
		assertThat(isolated.jdbc()
			.queryForObject("select count(*) from scheduled_tasks where task_instance = ?", Integer.class, purged))
			.isZero();
		assertThat(exportRows(deletedRecently.toString())).as("DELETED within the retention").isEqualTo(1);
		for (UUID other : otherStatuses) {
			assertThat(exportRows(other.toString())).as("an export %s a year ago", status(other)).isEqualTo(1);
		}
		assertThat(purgedCounter() - purgedBefore).isEqualTo(1);
		JsonNode gone = notFound(client, purged);
		JsonNode unknown = notFound(client, UUID.randomUUID().toString());
		assertThat(gone.path("type")).isEqualTo(unknown.path("type"));
		assertThat(gone.path("title")).isEqualTo(unknown.path("title"));
	}

	/**
	 * A test-only trigger records each transaction that deletes exports, and how many.
	 */
	@Test
	void aPurgeDeletesAtMostTheBatchSizeInEachTransaction() {
		List<UUID> expired = List.of(insertExport("DELETED", "40 days"), insertExport("DELETED", "50 days"),
				insertExport("DELETED", "60 days"), insertExport("DELETED", "70 days"),
				insertExport("DELETED", "80 days"));
		isolated.jdbc().execute("create table purge_transaction (txid bigint, exports bigint)");
		isolated.jdbc().execute("""
				create function purge_transaction() returns trigger language plpgsql as $$
				begin
				    insert into purge_transaction select txid_current(), count(*) from deleted;
				    return null;
				end $$""");
		isolated.jdbc().execute("""
				create trigger purge_transaction after delete on export referencing old table as deleted
				for each statement execute function purge_transaction()""");
		try {
			int purged = isolated.service().bean(ExportService.class).purgeDeletedExports();

			assertThat(purged).isEqualTo(expired.size());
			assertThat(isolated.jdbc()
				.queryForList("select exports from purge_transaction order by exports desc", Long.class))
				.as("exports deleted per transaction, batch size 2")
				.containsExactly(2L, 2L, 1L);
			assertThat(
					isolated.jdbc().queryForObject("select count(distinct txid) from purge_transaction", Integer.class))
				.isEqualTo(3);
			assertThat(expired).allSatisfy((id) -> assertThat(exportRows(id.toString())).isZero());
		}
		finally {
			isolated.jdbc().execute("drop trigger purge_transaction on export");
			isolated.jdbc().execute("drop function purge_transaction()");
			isolated.jdbc().execute("drop table purge_transaction");
		}
	}

	/**
	 * A task still queued for an export that is gone ends, instead of failing and being
	 * tried again for ever.
	 */
	@Test
	void aTaskLeftQueuedForAPurgedExportEnds() {
		String gone = UUID.randomUUID().toString();
		for (String task : List.of("run-export", "tear-down-export", "change-export")) {
			isolated.jdbc()
				.update("insert into scheduled_tasks (task_name, task_instance, execution_time, picked, version,"
						+ " priority) values (?, ?, now(), false, 1, 50)", task, gone);
		}

		await().atMost(Duration.ofSeconds(8))
			.untilAsserted(() -> assertThat(isolated.jdbc()
				.queryForList("select task_name || ' failed ' || coalesce(consecutive_failures, 0) from scheduled_tasks"
						+ " where task_instance = ?", String.class, gone))
				.isEmpty());
	}

	@Test
	void aRetentionUnderAnHourOrNoBatchStopsTheServiceFromStarting() {
		Map<String, String> wrong = new LinkedHashMap<>(LocalInfrastructure.properties());
		wrong.putAll(isolated.database().properties());
		wrong.put("server.port", "0");
		wrong.put("exports.retention.deleted", "5m");
		wrong.put("exports.retention.batch-size", "0");

		assertThatException().isThrownBy(() -> ServiceContext.start(wrong).close())
			.havingRootCause()
			.withMessageContaining("retention.deleted")
			.withMessageContaining("retention.batchSize");
	}

	/**
	 * An export row as a worker would have left it (with one step), last changed that
	 * long ago.
	 */
	private static UUID insertExport(String status, String age) {
		UUID id = UUID.randomUUID();
		isolated.jdbc().update("""
				insert into export (id, owner, name, sandbox, destination_type, status, spec, created_at, updated_at,
				                    version)
				values (?, 'purge-it', 'aged', 'prod', 'AMAZON_S3', ?, '{}'::jsonb, now() - cast(? as interval),
				        now() - cast(? as interval), 0)""", id, status, age, age);
		isolated.jdbc()
			.update("insert into export_step (id, export_id, name, status) values (?, ?, 'DATAFLOW', 'SUCCEEDED')",
					UUID.randomUUID(), id);
		return id;
	}

	/**
	 * Rows naming the export in every table whose foreign key references the export
	 * table, by table: the purge relies on their cascades, a new one included.
	 */
	private static Map<String, Integer> rowsNaming(String id) {
		List<Map<String, Object>> references = isolated.jdbc().queryForList("""
				select c.conrelid::regclass::text as referencing, a.attname as referencing_column
				from pg_constraint c
				join pg_attribute a on a.attrelid = c.conrelid and a.attnum = c.conkey[1]
				where c.contype = 'f' and c.confrelid = 'export'::regclass""");
		Map<String, Integer> rows = new LinkedHashMap<>();
		for (Map<String, Object> reference : references) {
			rows.put((String) reference.get("referencing"),
					isolated.jdbc()
						.queryForObject("select count(*) from " + reference.get("referencing") + " where "
								+ reference.get("referencing_column") + " = ?::uuid", Integer.class, id));
		}
		return rows;
	}

	private static int exportRows(String id) {
		return isolated.jdbc().queryForObject("select count(*) from export where id = ?::uuid", Integer.class, id);
	}

	private static String status(UUID id) {
		return isolated.jdbc().queryForObject("select status from export where id = ?", String.class, id);
	}

	private static double purgedCounter() {
		return isolated.service().bean(MeterRegistry.class).get("aep.exports.purged").counter().count();
	}

	private static JsonNode notFound(ExportsClient client, String id) {
		return client.api()
			.get()
			.uri("/exports/{id}", id)
			.exchange()
			.expectStatus()
			.isNotFound()
			.expectBody(JsonNode.class)
			.returnResult()
			.getResponseBody();
	}

}
