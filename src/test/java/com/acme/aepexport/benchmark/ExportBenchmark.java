package com.acme.aepexport.benchmark;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.Lifecycle;
import org.springframework.test.context.TestPropertySource;

import com.acme.aepexport.support.IntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * How fast the service accepts exports and runs them, and what it holds in memory, on
 * this machine, against the in-process Adobe emulator (which answers at once: the figures
 * are the service's own cost; real Adobe adds its latency to every one of an export's
 * calls). Prints figures; asserts only that every export succeeded, never a time.
 * <p>
 * Not part of {@code ./mvnw verify}: run it with {@code ./mvnw -o verify -Pbenchmark}
 * ({@code -Dbenchmark.exports=N} for more or fewer exports, default 200). Logging is set
 * to WARN so the figures are not buried, which also leaves out the cost of INFO lines.
 */
@TestPropertySource(properties = { "logging.level.root=WARN", "logging.level.com.acme.aepexport.benchmark=INFO" })
class ExportBenchmark extends IntegrationTest {

	private static final int EXPORTS = Integer.getInteger("benchmark.exports", 200);

	private static final int CLIENTS = 8;

	private static final MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();

	private final HttpClient http = HttpClient.newHttpClient();

	@Autowired
	private MeterRegistry meters;

	@Value("${exports.workers.concurrency}")
	private int concurrency;

	/** The db-scheduler workers of this instance, paused while exports are accepted. */
	@Autowired
	@Qualifier("exportWorkers")
	private Lifecycle workers;

	@Test
	void acceptAndRunExports() throws Exception {
		String sandbox = newSandbox();
		String body = example("AMAZON_S3", sandbox).toString();
		String token = token(CALLER, "exports:read", "exports:write");
		// Warm-up: JIT, connection pools, caches of connection specs and schemas.
		List<String> warmUp = new ArrayList<>();
		for (int i = 0; i < 20; i++) {
			warmUp.add(post(body, token).id());
		}
		awaitSucceeded(warmUp);
		long heapBefore = heapAfterGc();
		this.adobe.resetRequests();

		Timer accepting = this.meters.timer("http.server.requests", "method", "POST", "uri", "/exports", "status",
				"202", "outcome", "SUCCESS", "error", "none", "exception", "none");
		long acceptedBefore = accepting.count();
		double acceptSecondsBefore = accepting.totalTime(TimeUnit.SECONDS);
		// Accepting, alone: the workers wait, so what is measured is the request's own
		// cost
		// (validation against Adobe's connection spec, encryption, the inserts, the
		// queue).
		this.workers.stop();
		List<Accepted> sequential = new ArrayList<>();
		List<Accepted> concurrent = new ArrayList<>();
		double concurrentSeconds;
		try {
			for (int i = 0; i < EXPORTS / 2; i++) {
				sequential.add(post(body, token));
			}
			long concurrentStart = System.nanoTime();
			try (ExecutorService clients = Executors.newFixedThreadPool(CLIENTS)) {
				List<Future<Accepted>> posts = new ArrayList<>();
				for (int i = 0; i < EXPORTS - EXPORTS / 2; i++) {
					posts.add(clients.submit(() -> post(body, token)));
				}
				for (Future<Accepted> post : posts) {
					concurrent.add(post.get());
				}
			}
			concurrentSeconds = (System.nanoTime() - concurrentStart) / 1e9;
		}
		finally {
			this.workers.start();
		}
		double serverMillis = (accepting.totalTime(TimeUnit.SECONDS) - acceptSecondsBefore) * 1000
				/ (accepting.count() - acceptedBefore);
		// Running, alone: the workers drain the queue of every export just accepted.
		Instant drainStart = Instant.now();
		List<String> ids = new ArrayList<>();
		sequential.forEach((accepted) -> ids.add(accepted.id()));
		concurrent.forEach((accepted) -> ids.add(accepted.id()));
		List<JsonNode> finished = awaitSucceeded(ids);
		double drainSeconds = lastCompletion(finished).toEpochMilli() / 1000.0 - drainStart.toEpochMilli() / 1000.0;
		int adobeCalls = this.adobe.getAllServeEvents().size();
		// WireMock's journal is the test's, not the service's: out of the heap figure.
		this.adobe.resetRequests();
		long heapAfter = heapAfterGc();

		List<Double> runTimes = finished.stream().map(ExportBenchmark::runMillis).toList();
		Integer stepRows = this.jdbc.queryForObject(
				"select count(*) from export_step s join export e on e.id = s.export_id where e.sandbox = ?",
				Integer.class, sandbox);

		System.out.printf("""

				==== ExportBenchmark: %d exports (AMAZON_S3), %d workers, emulator in-process ====
				POST /exports, one client:   %s
				POST /exports, %d clients:    %s; %.0f accepted/s
				                             %.1f ms in the server on average (http.server.requests)
				one export's 13 steps:       %s (first step started → last completed)
				queue of %d drained in       %.1f s = %.0f exports/min (%.1f Adobe calls per export)
				heap after GC (service and emulator state, one JVM):
				                             %.1f MiB before, %.1f MiB after (%+.1f KiB per export)
				step rows in PostgreSQL:     %d for this benchmark's sandbox
				JVM: %s %s, %d processors, max heap %.0f MiB
				%s
				============================================================================
				%n""", EXPORTS, this.concurrency, percentiles(sequential.stream().map(Accepted::millis).toList()),
				CLIENTS, percentiles(concurrent.stream().map(Accepted::millis).toList()),
				concurrent.size() / concurrentSeconds, serverMillis, percentiles(runTimes), EXPORTS, drainSeconds,
				EXPORTS / drainSeconds * 60, (double) adobeCalls / EXPORTS, heapBefore / 1048576.0,
				heapAfter / 1048576.0, (heapAfter - heapBefore) / 1024.0 / EXPORTS, stepRows,
				System.getProperty("java.vm.name"), System.getProperty("java.version"),
				Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() / 1048576.0,
				this.jdbc.queryForObject("select 'PostgreSQL ' || current_setting('server_version') || ', fsync '"
						+ " || current_setting('fsync') || ', synchronous_commit '"
						+ " || current_setting('synchronous_commit')", String.class));

		assertThat(finished).hasSize(EXPORTS);
	}

	private static double runMillis(JsonNode export) {
		Instant first = null;
		Instant last = null;
		for (JsonNode step : export.path("steps")) {
			if (step.path("startedAt").isString()) {
				Instant started = Instant.parse(step.path("startedAt").asString());
				first = (first == null || started.isBefore(first)) ? started : first;
			}
			if (step.path("completedAt").isString()) {
				Instant completed = Instant.parse(step.path("completedAt").asString());
				last = (last == null || completed.isAfter(last)) ? completed : last;
			}
		}
		return Duration.between(first, last).toNanos() / 1e6;
	}

	private static Instant lastCompletion(List<JsonNode> exports) {
		return exports.stream()
			.map((export) -> Instant.parse(export.path("updatedAt").asString()))
			.max(Instant::compareTo)
			.orElseThrow();
	}

	private Accepted post(String body, String token) throws Exception {
		long start = System.nanoTime();
		HttpResponse<String> response = this.http
			.send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + "/exports"))
				.header("Authorization", "Bearer " + token)
				.header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers.ofString(body))
				.build(), HttpResponse.BodyHandlers.ofString());
		double millis = (System.nanoTime() - start) / 1e6;
		assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
		return new Accepted(JSON.readTree(response.body()).path("id").asString(), millis);
	}

	private List<JsonNode> awaitSucceeded(List<String> ids) {
		List<JsonNode> finished = new ArrayList<>();
		for (String id : ids) {
			JsonNode export = await().atMost(Duration.ofMinutes(10))
				.pollInterval(Duration.ofMillis(50))
				.until(() -> getExport(id), (current) -> !current.path("status").asString().matches("PENDING|RUNNING"));
			assertThat(export.path("status").asString()).as("%s", export.path("error")).isEqualTo("SUCCEEDED");
			finished.add(export);
		}
		return finished;
	}

	private static String percentiles(List<Double> millis) {
		List<Double> sorted = new ArrayList<>(millis);
		Collections.sort(sorted);
		return "p50 %.1f ms, p95 %.1f ms, p99 %.1f ms, max %.1f ms".formatted(at(sorted, 0.50), at(sorted, 0.95),
				at(sorted, 0.99), sorted.get(sorted.size() - 1));
	}

	private static double at(List<Double> sorted, double quantile) {
		return sorted.get((int) Math.min(sorted.size() - 1, Math.ceil(quantile * sorted.size()) - 1));
	}

	private static long heapAfterGc() {
		System.gc();
		return MEMORY.getHeapMemoryUsage().getUsed();
	}

	private record Accepted(String id, double millis) {

	}

}
