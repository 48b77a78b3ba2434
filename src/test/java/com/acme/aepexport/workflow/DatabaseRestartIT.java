package com.acme.aepexport.workflow;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.test.web.servlet.client.EntityExchangeResult;
import org.springframework.test.web.servlet.client.RestTestClient;

import com.acme.aepexport.emulator.AdobeEmulator;
import com.acme.aepexport.support.AdobeCreates;
import com.acme.aepexport.support.AdobeJournal;
import com.acme.aepexport.support.ExportsClient;
import com.acme.aepexport.support.LocalInfrastructure;
import com.acme.aepexport.support.ServiceContext;
import com.acme.aepexport.support.ServiceProcess;

import static com.acme.aepexport.support.AdobeJournal.CONVERSION;
import static com.acme.aepexport.support.AdobeJournal.FLOW_SERVICE;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * PostgreSQL goes away while exports are half done and comes back on the same port with
 * the same data: meanwhile new exports are refused with a 503 the caller can retry and
 * readiness is DOWN; afterwards the same instance (its connection pool reconnecting by
 * itself) finishes every export it accepted, creating no Adobe entity twice.
 * <p>
 * The database is an embedded PostgreSQL of this test's own, which it stops and starts;
 * the service is a context of its own pointed at it.
 */
class DatabaseRestartIT {

	private static final String SANDBOX_PREFIX = "dbrestart";

	private static final Duration SLOW_ADOBE = Duration.ofMillis(1500);

	private static final List<String> EXAMPLES = List.of("AMAZON_S3", "AZURE_BLOB", "SFTP", "DATA_LANDING_ZONE");

	private final WireMockServer adobe = LocalInfrastructure.adobe();

	private final AdobeEmulator emulator = LocalInfrastructure.emulator();

	private final List<StubMapping> stubs = new ArrayList<>();

	private Path dataDirectory;

	private int port;

	private EmbeddedPostgres postgres;

	private ServiceContext service;

	private JdbcTemplate jdbc;

	@BeforeEach
	void startDatabaseAndService() throws IOException {
		this.dataDirectory = Files.createTempDirectory("database-restart-it-");
		this.port = ServiceProcess.freePort();
		this.postgres = startPostgres();
		String url = this.postgres.getJdbcUrl("postgres", "postgres");
		this.jdbc = new JdbcTemplate(new DriverManagerDataSource(url, "postgres", "postgres"));
		// the emulator, the encryption key and the callers' token key as for every test;
		// the database of this test's own
		Map<String, String> properties = new LinkedHashMap<>(LocalInfrastructure.properties());
		properties.put("server.port", "0");
		properties.put("spring.datasource.url", url);
		properties.put("spring.datasource.username", "postgres");
		properties.put("spring.datasource.password", "postgres");
		// a refused request answers within 2 s, not the configured 5 s
		properties.put("spring.datasource.hikari.connection-timeout", "2000");
		properties.put("spring.datasource.hikari.validation-timeout", "1000");
		properties.put("exports.workers.instance-name", "database-restart");
		properties.put("exports.workers.polling-interval", "500ms");
		properties.put("exports.workers.heartbeat-interval", "1s");
		properties.put("exports.workers.missed-heartbeats", "4");
		properties.put("adobe.http.read-timeout", "3s");
		properties.put("adobe.concurrency.max-wait", "500ms");
		properties.put("exports.workers.failure-backoff", "500ms");
		properties.put("exports.workers.max-failure-backoff", "2s");
		properties.put("adobe.retry.initial-backoff", "50ms");
		properties.put("adobe.retry.max-backoff", "500ms");
		this.service = ServiceContext.start(properties);
	}

	@AfterEach
	void stopThem() throws IOException {
		this.stubs.forEach(this.adobe::removeStub);
		if (this.service != null) {
			this.service.close();
		}
		if (this.postgres != null) {
			this.postgres.close();
		}
		try (Stream<Path> files = Files.walk(this.dataDirectory)) {
			files.sorted(Comparator.reverseOrder()).forEach((file) -> file.toFile().delete());
		}
	}

	@Test
	void exportsOutliveADatabaseRestartAndRequestsMeanwhileAreRefusedWithRetryAfter() throws IOException {
		// Adobe answers slowly, so that the exports are half done when the database goes;
		// once the service is ready again, the test lets Adobe answer at once.
		this.emulator.hold(SANDBOX_PREFIX);
		slow(post(urlPathEqualTo(FLOW_SERVICE + "/connections")));
		slow(post(urlPathEqualTo(FLOW_SERVICE + "/targetConnections")));
		slow(post(urlPathEqualTo(FLOW_SERVICE + "/flows")));
		slow(post(urlPathEqualTo(CONVERSION + "/mappingSets")));
		ExportsClient client = this.service.client();
		List<String> accepted = new ArrayList<>();
		for (String example : EXAMPLES) {
			accepted.add(client.startExport(ExportsClient.example(example, ExportsClient.newSandbox(SANDBOX_PREFIX))));
		}
		await().atMost(Duration.ofSeconds(30))
			.pollInterval(Duration.ofMillis(50))
			.until(() -> accepted.stream().allMatch(this::halfDone));
		System.out.println("Before the database stops: " + progress(accepted));

		// A request just before the stop leaves a pooled connection used so recently
		// that the pool hands it out again unchecked (Hikari skips its check of a
		// connection used in the last 500 ms): the first refused request below fails on
		// a dead connection mid-transaction, not only when asking for one.
		client.getExport(accepted.getFirst());
		Instant stopped = Instant.now();
		this.postgres.close();
		this.postgres = null;

		String refusedSandbox = ExportsClient.newSandbox(SANDBOX_PREFIX);
		List<String> refusedNames = List.of("refused-while-the-database-is-down-1",
				"refused-while-the-database-is-down-2");
		for (String name : refusedNames) {
			ObjectNode body = ExportsClient.example("AMAZON_S3", refusedSandbox);
			body.put("name", name);
			EntityExchangeResult<JsonNode> refused = client.api()
				.post()
				.uri("/exports")
				.contentType(MediaType.APPLICATION_JSON)
				.body(body.toString())
				.exchange()
				.expectStatus()
				.isEqualTo(503)
				.expectHeader()
				.contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
				.expectHeader()
				.valueMatches(HttpHeaders.RETRY_AFTER, "[1-9][0-9]*")
				.expectBody(JsonNode.class)
				.returnResult();
			assertThat(refused.getResponseBody().path("status").asInt()).isEqualTo(503);
			assertThat(refused.getResponseBody().path("type").asString()).isNotBlank().isNotEqualTo("about:blank");
		}
		client.api().get().uri("/exports/" + accepted.getFirst()).exchange().expectStatus().isEqualTo(503);
		RestTestClient probes = RestTestClient.bindToServer().baseUrl(this.service.managementUrl()).build();
		JsonNode readiness = probes.get()
			.uri("/actuator/health/readiness")
			.exchange()
			.expectStatus()
			.isEqualTo(503)
			.expectBody(JsonNode.class)
			.returnResult()
			.getResponseBody();
		assertThat(readiness.path("status").asString()).isEqualTo("DOWN");

		this.postgres = startPostgres();
		Instant restarted = Instant.now();
		System.out.printf("The database was down for %d ms%n", Duration.between(stopped, restarted).toMillis());
		await().atMost(Duration.ofSeconds(30))
			.pollInterval(Duration.ofMillis(200))
			.until(() -> probes.get()
				.uri("/actuator/health/readiness")
				.exchange()
				.returnResult(String.class)
				.getStatus()
				.value() == 200);
		Instant ready = Instant.now();
		this.emulator.release(SANDBOX_PREFIX);

		List<JsonNode> finished = new ArrayList<>();
		for (String id : accepted) {
			finished.add(client.awaitFinished(id, Duration.ofSeconds(60)));
		}
		System.out.printf("Ready again %d ms after the database restarted, every export finished %d ms after: %s%n",
				Duration.between(restarted, ready).toMillis(), Duration.between(restarted, Instant.now()).toMillis(),
				progress(accepted));
		for (JsonNode export : finished) {
			assertThat(export.path("status").asString()).as(export.toString()).isIn("SUCCEEDED", "FAILED");
			AdobeCreates.assertNoneCreatedTwice(this.emulator, export);
			if (export.path("status").asString().equals("SUCCEEDED")) {
				AdobeCreates.assertEachCreatedOnce(this.emulator, export);
			}
		}
		assertThat(this.jdbc.queryForList("select id::text from export", String.class))
			.as("the accepted exports and nothing of the refused requests")
			.containsExactlyInAnyOrderElementsOf(accepted);
		// A create reads Adobe's documents (its checks) before it stores anything; it
		// writes nothing there unless it is stored.
		assertThat(AdobeJournal.of(this.adobe, refusedSandbox).calls()).as("Adobe writes for refused requests")
			.filteredOn((call) -> !call.method().equals("GET"))
			.isEmpty();
	}

	/** The export is running and some of its steps are done, but not all. */
	private boolean halfDone(String id) {
		Map<String, Object> export = this.jdbc
			.queryForMap("select e.status, count(*) filter (where s.status = 'SUCCEEDED') as succeeded from export e "
					+ "join export_step s on s.export_id = e.id where e.id = ?::uuid group by e.status", id);
		return "RUNNING".equals(export.get("status")) && ((Number) export.get("succeeded")).intValue() > 0;
	}

	/** Each export's status and the status and attempts of its steps. */
	private String progress(List<String> ids) {
		StringBuilder progress = new StringBuilder();
		for (String id : ids) {
			progress.append(System.lineSeparator())
				.append(this.jdbc.queryForObject("select status from export where id = ?::uuid", String.class, id))
				.append(' ')
				.append(id)
				.append(": ")
				.append(this.jdbc.queryForList(
						"select name || ' ' || status || ' ' || attempts from export_step where export_id = ?::uuid "
								+ "order by name",
						String.class, id));
		}
		return progress.toString();
	}

	private void slow(MappingBuilder call) {
		this.stubs.add(this.adobe.stubFor(call.withHeader("x-sandbox-name", matching(SANDBOX_PREFIX + "-.*"))
			.atPriority(1)
			.willReturn(aResponse().withTransformers(AdobeEmulator.NAME)
				.withFixedDelay((int) SLOW_ADOBE.toMillis())
				.withTransformerParameter(AdobeEmulator.HOLD, SANDBOX_PREFIX))));
	}

	/** PostgreSQL on the test's port and data directory, keeping what is there. */
	private EmbeddedPostgres startPostgres() {
		try {
			return EmbeddedPostgres.builder()
				.setPort(this.port)
				.setDataDirectory(this.dataDirectory)
				.setCleanDataDirectory(false)
				.start();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot start PostgreSQL on port " + this.port, ex);
		}
	}

}
