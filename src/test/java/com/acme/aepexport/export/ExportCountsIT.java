package com.acme.aepexport.export;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import com.acme.aepexport.support.IsolatedService;
import com.acme.aepexport.support.ScratchDatabase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The {@code aep.exports} gauges count exports without reading the export table: from
 * counters the database changes in the statement of each insert, status change and
 * delete, started from the exports there were. They stay exact through concurrent
 * writers, rollbacks and purges. On databases of their own, so that every export counted
 * is this test's.
 */
class ExportCountsIT {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@RegisterExtension
	static final IsolatedService isolated = new IsolatedService("export_counts",
			Map.of("exports.statistics.refresh-interval", "0s"));

	@Test
	void theCountersStartFromTheExportsStoredBeforeTheMigration() {
		try (ScratchDatabase before = ScratchDatabase.migratedTo("counts_migration", "5")) {
			JdbcTemplate old = before.jdbc();
			insertExports(old, "counts-it", "PENDING", 3, "1 hour");
			insertExports(old, "counts-it", "SUCCEEDED", 40, "2 days");
			insertExports(old, "counts-it", "DELETED", 7, "90 days");

			before.migrate("latest");

			assertThat(counted(old)).isEqualTo(Map.of("PENDING", 3L, "SUCCEEDED", 40L, "DELETED", 7L))
				.isEqualTo(stored(old));
		}
	}

	/**
	 * Writers insert, change and delete exports at once (single rows and many rows in one
	 * statement, some rolled back) while the service purges; a reader compares the
	 * counters with the export table in one snapshot after another.
	 */
	@Test
	void theCountsStayExactThroughConcurrentInsertsStatusChangesDeletesRollbacksAndPurges() throws Exception {
		int writers = 6;
		ConcurrentLinkedQueue<String> errors = new ConcurrentLinkedQueue<>();
		ConcurrentLinkedQueue<String> mismatches = new ConcurrentLinkedQueue<>();
		AtomicInteger snapshots = new AtomicInteger();
		AtomicInteger purged = new AtomicInteger();
		ExportService exports = isolated.service().bean(ExportService.class);
		ScratchDatabase database = isolated.database();
		try (HikariDataSource pool = new HikariDataSource()) {
			pool.setJdbcUrl(database.jdbcUrl());
			pool.setUsername(database.username());
			pool.setPassword(database.password());
			pool.setMaximumPoolSize(writers + 2);
			JdbcTemplate shared = new JdbcTemplate(pool);
			TransactionTemplate transaction = new TransactionTemplate(new DataSourceTransactionManager(pool));
			TransactionTemplate snapshot = new TransactionTemplate(new DataSourceTransactionManager(pool));
			snapshot.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
			snapshot.setReadOnly(true);
			ExecutorService threads = Executors.newFixedThreadPool(writers + 2);
			List<Future<?>> writing = new ArrayList<>();
			for (int writer = 0; writer < writers; writer++) {
				Writer one = new Writer("writer-" + writer, new Random(writer), shared, transaction);
				writing.add(threads.submit(() -> one.write(150, errors)));
			}
			Future<?> purging = threads.submit(() -> {
				while (!writing.stream().allMatch(Future::isDone)) {
					purged.addAndGet(exports.purgeDeletedExports());
				}
			});
			Future<?> reading = threads.submit(() -> {
				while (!writing.stream().allMatch(Future::isDone)) {
					snapshot.executeWithoutResult((status) -> {
						Map<String, Long> counted = counted(shared);
						Map<String, Long> stored = stored(shared);
						if (!counted.equals(stored)) {
							mismatches.add("counted " + counted + ", stored " + stored);
						}
					});
					snapshots.incrementAndGet();
				}
			});
			for (Future<?> done : writing) {
				done.get(2, TimeUnit.MINUTES);
			}
			purging.get(1, TimeUnit.MINUTES);
			reading.get(1, TimeUnit.MINUTES);
			threads.shutdown();
		}

		assertThat(errors).as("statements that failed (a deadlock, say)").isEmpty();
		assertThat(mismatches).as("snapshots whose counts were not the exports stored").isEmpty();
		assertThat(snapshots.get()).as("snapshots compared").isGreaterThan(10);
		assertThat(purged.get()).as("exports purged meanwhile").isPositive();
		assertThat(stored(isolated.jdbc())).as("exports written").isNotEmpty();
		assertTheGaugesShowWhatIsStored();
	}

	/**
	 * With many exports (and statistics the planner has read), the gauges' query reads
	 * the counters and one index entry per status, and the purge finds its batch in the
	 * index too: neither reads the export table through.
	 */
	@Test
	void theStatisticsQueryReadsNoExportRowByRow() {
		isolated.jdbc().update("""
				insert into export (id, owner, name, sandbox, destination_type, status, spec, created_at, updated_at,
				                    version)
				select gen_random_uuid(), 'counts-it', 'many', 'prod', 'AMAZON_S3',
				       (array['PENDING', 'RUNNING', 'SUCCEEDED', 'FAILED', 'DELETING', 'DELETED'])[1 + n % 6],
				       '{}'::jsonb, now() - n * interval '1 minute', now() - n * interval '1 minute', 0
				from generate_series(1, 60000) as n""");
		isolated.jdbc().execute("analyze export");

		List<JsonNode> statistics = plan(Exports.COUNT_BY_STATUS);
		List<JsonNode> purge = plan(
				Exports.PURGE_BATCH.replace(":before", "now() - interval '30 days'").replace(":limit", "500"));

		assertThat(statistics).noneSatisfy((node) -> assertThat(isSeqScanOfExport(node)).isTrue());
		assertThat(statistics).anySatisfy(
				(node) -> assertThat(node.path("Index Name").asString("")).isEqualTo("export_status_updated_at_idx"));
		assertThat(purge).noneSatisfy((node) -> assertThat(isSeqScanOfExport(node)).isTrue());
		assertTheGaugesShowWhatIsStored();
	}

	private void assertTheGaugesShowWhatIsStored() {
		Map<String, Long> stored = stored(isolated.jdbc());
		MeterRegistry meters = isolated.service().bean(MeterRegistry.class);
		for (ExportStatus status : ExportStatus.values()) {
			assertThat(meters.get("aep.exports").tag("status", status.name()).gauge().value())
				.as("aep.exports %s", status)
				.isEqualTo(stored.getOrDefault(status.name(), 0L).doubleValue());
		}
		Timestamp oldestPending = isolated.jdbc()
			.queryForObject("select min(updated_at) from export where status = 'PENDING'", Timestamp.class);
		double age = (oldestPending != null)
				? Duration.between(oldestPending.toInstant(), Instant.now()).toMillis() / 1000.0 : 0;
		assertThat(meters.get("aep.exports.oldest.pending.age").gauge().value()).isCloseTo(age, within(5.0));
	}

	private static List<JsonNode> plan(String sql) {
		List<JsonNode> nodes = new ArrayList<>();
		collect(JSON.readTree(isolated.jdbc().queryForObject("explain (format json) " + sql, String.class))
			.get(0)
			.get("Plan"), nodes);
		return nodes;
	}

	private static void collect(JsonNode node, List<JsonNode> nodes) {
		nodes.add(node);
		for (JsonNode child : node.path("Plans")) {
			collect(child, nodes);
		}
	}

	private static boolean isSeqScanOfExport(JsonNode node) {
		return node.path("Node Type").asString("").equals("Seq Scan")
				&& node.path("Relation Name").asString("").equals("export");
	}

	/** Exports by status as the counters have them (statuses none has left out). */
	private static Map<String, Long> counted(JdbcTemplate jdbc) {
		Map<String, Long> counted = new TreeMap<>();
		jdbc.query("select status, sum(exports) as exports from export_count group by status having sum(exports) <> 0",
				(row) -> {
					counted.put(row.getString("status"), row.getLong("exports"));
				});
		return counted;
	}

	/** Exports by status as the export table has them. */
	private static Map<String, Long> stored(JdbcTemplate jdbc) {
		Map<String, Long> stored = new TreeMap<>();
		jdbc.query("select status, count(*) as exports from export group by status", (row) -> {
			stored.put(row.getString("status"), row.getLong("exports"));
		});
		return stored;
	}

	private static void insertExports(JdbcTemplate jdbc, String owner, String status, int count, String age) {
		jdbc.update("""
				insert into export (id, owner, name, sandbox, destination_type, status, spec, created_at, updated_at,
				                    version)
				select gen_random_uuid(), ?, 'counted', 'prod', 'AMAZON_S3', ?, '{}'::jsonb,
				       now() - cast(? as interval), now() - cast(? as interval), 0
				from generate_series(1, ?)""", owner, status, age, age, count);
	}

	/**
	 * Changes only exports of its own ({@code owner}), so that writers wait for each
	 * other on the counters, not on export rows.
	 */
	private record Writer(String owner, Random random, JdbcTemplate jdbc, TransactionTemplate transaction) {

		private static final String[] STATUSES = { "PENDING", "RUNNING", "SUCCEEDED", "FAILED", "DELETING", "DELETED" };

		void write(int transactions, ConcurrentLinkedQueue<String> errors) {
			for (int i = 0; i < transactions; i++) {
				int operation = this.random.nextInt(7);
				try {
					this.transaction.executeWithoutResult((status) -> {
						change(operation);
						if (this.random.nextInt(5) == 0) {
							status.setRollbackOnly();
						}
					});
				}
				catch (RuntimeException ex) {
					errors.add(this.owner + ", operation " + operation + ": " + ex);
				}
			}
		}

		private void change(int operation) {
			String status = STATUSES[this.random.nextInt(STATUSES.length)];
			switch (operation) {
				case 0, 1 -> insertExports(this.jdbc, this.owner, status, 1 + this.random.nextInt(20),
						this.random.nextInt(60) + " days");
				case 2, 3 -> this.jdbc.update("""
						update export set status = ?, updated_at = now() where id in (
						  select id from export where owner = ? order by random() limit 1)""", status, this.owner);
				case 4 -> this.jdbc.update("""
						update export set status = ?, updated_at = now() where id in (
						  select id from export where owner = ? order by random() limit ?)""", status, this.owner,
						1 + this.random.nextInt(30));
				case 5 -> this.jdbc.update("""
						delete from export where id in (
						  select id from export where owner = ? order by random() limit ?)""", this.owner,
						1 + this.random.nextInt(5));
				default -> this.jdbc.update("update export set updated_at = now() where id in ("
						+ " select id from export where owner = ? order by random() limit 10)", this.owner);
			}
		}

	}

}
