package com.acme.aepexport.benchmark;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.test.context.TestPropertySource;

import com.acme.aepexport.emulator.AdobeEmulator;
import com.acme.aepexport.support.IntegrationTest;
import com.acme.aepexport.support.StepCalls.Create;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The heap of an instance with a thousand exports queued: Adobe answers the first create
 * of each export (its source connection) only after {@link #SLOW_ADOBE}, so the workers
 * finish a few while the queue grows to {@link #EXPORTS}. Prints the heap used after a
 * full collection after 0, 250, 500, 750 and 1,000 exports queued, then while the workers
 * run them against the slow Adobe, then after Adobe speeds up and the queue drains. The
 * queue is PostgreSQL's, not the heap's, so the figures should stay flat. Asserts only
 * that every export succeeded, never a time or a size.
 * <p>
 * Not part of {@code ./mvnw verify}: {@code ./mvnw -o verify -Pbenchmark} runs it with
 * the other benchmarks, {@code -Dit.test=QueuedExportsMemoryBenchmark} alone. The service
 * and the Adobe emulator share the JVM: WireMock's request journal is cleared before each
 * figure, and the emulator's entities (those of finished exports) are counted in until
 * the last figure, taken after the emulator forgets them.
 */
@TestPropertySource(properties = { "logging.level.root=WARN", "logging.level.com.acme.aepexport.benchmark=INFO" })
class QueuedExportsMemoryBenchmark extends IntegrationTest {

	private static final int EXPORTS = Integer.getInteger("benchmark.queued", 1000);

	/** The source connection's answer: four workers finish about one export a second. */
	private static final Duration SLOW_ADOBE = Duration.ofSeconds(4);

	private static final MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();

	private final List<String> figures = new ArrayList<>();

	@Value("${exports.workers.concurrency}")
	private int concurrency;

	@Test
	void heapStaysFlatWithAThousandExportsQueued() throws Exception {
		String warmUpSandbox = newSandbox();
		ObjectNode warmUpBody = example("AMAZON_S3", warmUpSandbox);
		// JIT, connection pools, caches of connection specs and schemas.
		for (int i = 0; i < 20; i++) {
			startExport(warmUpBody);
		}
		await().atMost(Duration.ofMinutes(2)).until(() -> count(warmUpSandbox, "SUCCEEDED") == 20);

		String sandbox = newSandbox();
		ObjectNode body = example("AMAZON_S3", sandbox);
		StubMapping slow = this.adobe.stubFor(Create.SOURCE_CONNECTION.request()
			.stub(sandbox)
			.atPriority(1)
			.willReturn(aResponse().withTransformers(AdobeEmulator.NAME).withFixedDelay((int) SLOW_ADOBE.toMillis())));
		long baseline = figure("0 queued", sandbox);
		for (int i = 1; i <= EXPORTS; i++) {
			startExport(body);
			if (i % (EXPORTS / 4) == 0) {
				figure(i + " accepted", sandbox);
			}
		}
		long queued = 0;
		for (int i = 1; i <= 3; i++) {
			Thread.sleep(Duration.ofSeconds(15));
			queued = figure("running, +" + (15 * i) + " s", sandbox);
		}
		int finishedWhileSlow = count(sandbox, "SUCCEEDED");

		// Adobe at full speed: the queue drains.
		this.adobe.removeStub(slow);
		long drainStart = System.nanoTime();
		for (int quarter = 1; quarter <= 4; quarter++) {
			int done = EXPORTS * quarter / 4;
			await().atMost(Duration.ofMinutes(10))
				.pollInterval(Duration.ofMillis(500))
				.until(() -> count(sandbox, "SUCCEEDED") + count(sandbox, "FAILED") >= done);
			figure("draining, " + done + " finished", sandbox);
		}
		double drainSeconds = (System.nanoTime() - drainStart) / 1e9;
		long full = heapAfterGc();
		this.emulator.reset();
		// An emulator answer in flight (the background reads of the exports' runs scan
		// the whole sandbox) still holds what it forgot: let those end first.
		Thread.sleep(Duration.ofSeconds(2));
		long drained = figure("drained, emulator reset", sandbox);
		double emulatorKiB = (full - drained) / 1024.0 / EXPORTS;

		System.out.printf("""

				==== QueuedExportsMemoryBenchmark: %d exports queued, %d workers, Adobe's source connection %d s ====
				%-30s %12s %8s %8s %10s %8s
				%s
				drained in %.1f s after Adobe sped up
				the emulator's entities: %.0f KiB per finished export (what grows while draining; gone on reset)
				heap after GC, from 0 queued: %+.1f MiB at the end of the slow phase (%+.1f MiB without the
				emulator's entities of its %d finished exports), %+.1f MiB drained
				JVM: %s %s, %d processors, max heap %.0f MiB
				=====================================================================================
				%n""", EXPORTS, this.concurrency, SLOW_ADOBE.toSeconds(), "point", "heap MiB", "PENDING", "RUNNING",
				"SUCCEEDED", "FAILED", String.join("\n", this.figures), drainSeconds, emulatorKiB,
				(queued - baseline) / 1048576.0,
				(queued - baseline) / 1048576.0 - finishedWhileSlow * emulatorKiB / 1024, finishedWhileSlow,
				(drained - baseline) / 1048576.0, System.getProperty("java.vm.name"),
				System.getProperty("java.version"), Runtime.getRuntime().availableProcessors(),
				Runtime.getRuntime().maxMemory() / 1048576.0);

		assertThat(count(sandbox, "SUCCEEDED")).isEqualTo(EXPORTS);
	}

	/** Records the heap after a full collection, with the exports by status. */
	private long figure(String point, String sandbox) {
		// WireMock's journal is the test's, not the service's.
		this.adobe.resetRequests();
		long heap = heapAfterGc();
		Map<String, Integer> statuses = new LinkedHashMap<>();
		for (String status : List.of("PENDING", "RUNNING", "SUCCEEDED", "FAILED")) {
			statuses.put(status, count(sandbox, status));
		}
		this.figures.add("%-30s %12.1f %8d %8d %10d %8d".formatted(point, heap / 1048576.0, statuses.get("PENDING"),
				statuses.get("RUNNING"), statuses.get("SUCCEEDED"), statuses.get("FAILED")));
		return heap;
	}

	private int count(String sandbox, String status) {
		return this.jdbc.queryForObject("select count(*) from export where sandbox = ? and status = ?", Integer.class,
				sandbox, status);
	}

	private static long heapAfterGc() {
		System.gc();
		System.gc();
		return MEMORY.getHeapMemoryUsage().getUsed();
	}

}
