package com.acme.aepexport.support;

import java.time.Duration;
import java.util.UUID;

import com.github.tomakehurst.wiremock.WireMockServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.client.RestTestClient;

import com.acme.aepexport.client.ApiClient;
import com.acme.aepexport.emulator.AdobeEmulator;

import static org.awaitility.Awaitility.await;

/**
 * The whole service on a random port (its actuator on another, as deployed), on a real
 * PostgreSQL, calling the Adobe emulator over real HTTP. Each test works in a sandbox of
 * its own, so the requests Adobe received can be told apart.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "exports.workers.polling-interval=200ms", "adobe.retry.initial-backoff=50ms",
				"adobe.retry.max-backoff=500ms", "exports.statistics.refresh-interval=0s",
				"exports.latest-runs.poll-interval=200ms", "exports.latest-runs.interval=2s",
				"exports.latest-runs.interval-while-running=300ms", "exports.latest-runs.timeout=1s",
				"exports.workers.reconcile-interval=1s" })
public abstract class IntegrationTest {

	protected static final JsonMapper JSON = JsonMapper.builder().build();

	/** Who the tests call as, unless a test says otherwise. */
	protected static final String CALLER = ExportsClient.CALLER;

	@LocalServerPort
	protected int port;

	/**
	 * The actuator's port: Spring's test support makes it random too, since
	 * application.yaml gives it one of its own.
	 */
	@LocalManagementPort
	protected int managementPort;

	@Autowired
	protected JdbcTemplate jdbc;

	protected RestTestClient api;

	/** The actuator, as the kubelet and Prometheus call it: without a token. */
	protected RestTestClient management;

	/** The same calls as {@link #api}, through the helpers every service test shares. */
	protected ExportsClient exportsClient;

	protected final WireMockServer adobe = LocalInfrastructure.adobe();

	protected final AdobeEmulator emulator = LocalInfrastructure.emulator();

	@DynamicPropertySource
	static void infrastructure(DynamicPropertyRegistry registry) {
		LocalInfrastructure.properties().forEach((name, value) -> registry.add(name, () -> value));
	}

	@BeforeEach
	void freshJournal() {
		this.exportsClient = new ExportsClient("http://localhost:" + this.port);
		this.api = this.exportsClient.api();
		this.management = RestTestClient.bindToServer().baseUrl("http://localhost:" + this.managementPort).build();
		this.adobe.resetRequests();
		this.adobe.resetMappings();
		this.adobe.stubFor(AdobeEmulator.catchAllStub());
	}

	/** A test that failed before releasing what it held leaves nothing held. */
	@AfterEach
	void releaseHeldAnswers() {
		this.emulator.releaseAll();
	}

	/**
	 * The client other teams generate from our contract, calling this instance with a
	 * bearer token.
	 */
	protected ApiClient generatedClient(String bearerToken) {
		ApiClient client = new ApiClient()
			.setRequestInterceptor((request) -> request.header("Authorization", "Bearer " + bearerToken))
			.setReadTimeout(Duration.ofSeconds(10));
		client.updateBaseUri("http://localhost:" + this.port);
		return client;
	}

	/** A caller's bearer token, signed with the key the service trusts. */
	protected static String token(String subject, String... scopes) {
		return LocalInfrastructure.token(subject, scopes);
	}

	protected static String newSandbox() {
		return "it-" + UUID.randomUUID().toString().substring(0, 8);
	}

	/**
	 * A Swagger example body ({@code src/main/resources/openapi/examples}), in a sandbox
	 * of the test's own.
	 */
	protected static ObjectNode example(String name, String sandbox) {
		return ExportsClient.example(name, sandbox);
	}

	/** {@code POST /exports}, expecting 202; returns the new export's id. */
	protected String startExport(JsonNode body) {
		return this.exportsClient.startExport(body);
	}

	protected JsonNode getExport(String id) {
		return this.exportsClient.getExport(id);
	}

	/** {@code GET} expecting a status; returns the JSON body. */
	protected JsonNode getJson(String uri, int status) {
		return this.api.get()
			.uri(uri)
			.exchange()
			.expectStatus()
			.isEqualTo(status)
			.expectBody(JsonNode.class)
			.returnResult()
			.getResponseBody();
	}

	/** {@code GET} expecting {@code 200}; returns the body as text. */
	protected String getText(String uri) {
		return text(this.api, uri);
	}

	/** {@code GET} of the actuator expecting {@code 200}; returns the body as text. */
	protected String getManagementText(String uri) {
		return text(this.management, uri);
	}

	/** {@code GET} with this client expecting {@code 200}; returns the body as text. */
	protected static String text(RestTestClient client, String uri) {
		return client.get()
			.uri(uri)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.returnResult()
			.getResponseBody();
	}

	/**
	 * The API as another caller, bearing {@code token}; every answer is checked against
	 * the contract, as {@link #api}'s are.
	 */
	protected RestTestClient as(String token) {
		return RestTestClient.bindToServer()
			.baseUrl("http://localhost:" + this.port)
			.defaultHeader(HttpHeaders.AUTHORIZATION, "Bearer " + token)
			.requestInterceptor(new ContractCheck())
			.build();
	}

	/** {@code POST} of a JSON body expecting a status; returns the JSON body. */
	protected JsonNode postJson(String uri, String body, int status) {
		return this.api.post()
			.uri(uri)
			.contentType(MediaType.APPLICATION_JSON)
			.body(body)
			.exchange()
			.expectStatus()
			.isEqualTo(status)
			.expectBody(JsonNode.class)
			.returnResult()
			.getResponseBody();
	}

	/** Polls {@code GET /exports/{id}} until the export is SUCCEEDED or FAILED. */
	protected JsonNode awaitFinished(String id) {
		return await().atMost(Duration.ofSeconds(30))
			.pollInterval(Duration.ofMillis(100))
			.until(() -> getExport(id), ExportsClient::isFinished);
	}

}
