package com.acme.aepexport.api;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.client.EntityExchangeResult;

import com.acme.aepexport.emulator.AdobeEmulator;
import com.acme.aepexport.support.AdobeJournal;
import com.acme.aepexport.support.IntegrationTest;

import static com.acme.aepexport.support.AdobeJournal.FLOW_SERVICE;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code POST /exports} (or its plan) past
 * {@code exports.requests.max-concurrent-creates} (2 here) is a 429 with
 * {@code Retry-After}, at once, and stores nothing; the creates in flight are 202.
 * Creates are held in flight by Adobe answering the connection-spec read they make late;
 * the spec is not cached here, so every create reads it.
 */
@TestPropertySource(properties = { "exports.requests.max-concurrent-creates=2", "adobe.caches.connection-specs=0s",
		"adobe.http.caller-timeout=10s" })
class ConcurrentCreatesIT extends IntegrationTest {

	/** How long Adobe holds a connection-spec read: creates in flight that long. */
	private static final int HELD_MS = 3000;

	@Test
	void aCreatePastTheLimitIs429WithRetryAfterAndTheCreatesInFlightAre202() throws Exception {
		String sandbox = newSandbox();
		this.adobe.stubFor(get(urlPathMatching(FLOW_SERVICE + "/connectionSpecs/.+"))
			.withHeader("x-sandbox-name", equalTo(sandbox))
			.atPriority(1)
			.willReturn(aResponse().withTransformers(AdobeEmulator.NAME).withFixedDelay(HELD_MS)));
		String body = example("AMAZON_S3", sandbox).toString();

		try (ExecutorService callers = Executors.newVirtualThreadPerTaskExecutor()) {
			List<Future<EntityExchangeResult<JsonNode>>> held = IntStream.range(0, 2)
				.mapToObj((i) -> callers.submit(() -> post(body)))
				.toList();
			await().atMost(Duration.ofSeconds(HELD_MS / 1000))
				.pollInterval(Duration.ofMillis(20))
				.until(() -> specReads(sandbox) == 2);

			long start = System.nanoTime();
			EntityExchangeResult<JsonNode> refused = post(body);
			Duration took = Duration.ofNanos(System.nanoTime() - start);

			assertThat(refused.getStatus().value()).isEqualTo(429);
			assertThat(refused.getResponseHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("1");
			assertThat(refused.getResponseHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
			JsonNode problem = refused.getResponseBody();
			assertThat(problem.path("type").asString())
				.isEqualTo("https://aep-export-facade.acme.com/problems/too-many-requests");
			assertThat(problem.path("status").asInt()).isEqualTo(429);
			assertThat(problem.path("detail").asString()).contains("exports.requests.max-concurrent-creates");
			assertThat(took).as("refused at once, not queued behind the creates in flight")
				.isLessThan(Duration.ofMillis(HELD_MS / 2));
			assertThat(specReads(sandbox)).as("the refused create never reached Adobe").isEqualTo(2);
			assertThat(post("/exports/plan", body).getStatus().value()).as("a plan counts with the creates")
				.isEqualTo(429);
			for (Future<EntityExchangeResult<JsonNode>> create : held) {
				assertThat(create.get().getStatus().value()).isEqualTo(202);
			}
		}
		assertThat(exportsIn(sandbox)).isEqualTo(2);

		assertThat(post(body).getStatus().value()).as("permits are given back").isEqualTo(202);
		assertThat(exportsIn(sandbox)).isEqualTo(3);
	}

	private EntityExchangeResult<JsonNode> post(String body) {
		return post("/exports", body);
	}

	private EntityExchangeResult<JsonNode> post(String uri, String body) {
		return this.api.post()
			.uri(uri)
			.contentType(MediaType.APPLICATION_JSON)
			.body(body)
			.exchange()
			.expectBody(JsonNode.class)
			.returnResult();
	}

	private int specReads(String sandbox) {
		return AdobeJournal.of(this.adobe, sandbox).callsUnder("GET", FLOW_SERVICE + "/connectionSpecs/").size();
	}

	private int exportsIn(String sandbox) {
		return this.jdbc.queryForObject("select count(*) from export where sandbox = ?", Integer.class, sandbox);
	}

}
