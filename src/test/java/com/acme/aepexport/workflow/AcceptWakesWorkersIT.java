package com.acme.aepexport.workflow;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.test.context.TestPropertySource;

import com.acme.aepexport.support.IntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An accepted export starts at once, not at the workers' next poll: with that poll a
 * minute away, only the wake each accept asks for after its commit can start it, and asks
 * made at the same moment by several accepts are all answered.
 */
@TestPropertySource(properties = "exports.workers.polling-interval=1m")
class AcceptWakesWorkersIT extends IntegrationTest {

	/** Far below the minute to the next poll, far above an export's run here. */
	private static final Duration AT_ONCE = Duration.ofSeconds(15);

	@Test
	void anExportAcceptedAloneStartsAtOnce() {
		String id = startExport(example("AMAZON_S3", newSandbox()));

		assertThat(succeededWithin(id).path("status").asString()).isEqualTo("SUCCEEDED");
	}

	@Test
	void exportsAcceptedTogetherAllStartAtOnce() throws Exception {
		List<String> ids;
		try (ExecutorService callers = Executors.newVirtualThreadPerTaskExecutor()) {
			List<Future<String>> accepted = IntStream.range(0, 8)
				.mapToObj((caller) -> callers.submit(() -> startExport(example("AMAZON_S3", newSandbox()))))
				.toList();
			ids = accepted.stream().map(AcceptWakesWorkersIT::get).toList();
		}

		assertThat(ids)
			.allSatisfy((id) -> assertThat(succeededWithin(id).path("status").asString()).isEqualTo("SUCCEEDED"));
	}

	private JsonNode succeededWithin(String id) {
		return await().atMost(AT_ONCE)
			.pollInterval(Duration.ofMillis(100))
			.until(() -> getExport(id), (export) -> "SUCCEEDED".equals(export.path("status").asString()));
	}

	private static String get(Future<String> future) {
		try {
			return future.get();
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

}
