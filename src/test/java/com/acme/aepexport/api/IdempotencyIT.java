package com.acme.aepexport.api;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import jakarta.validation.Validation;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.EntityExchangeResult;

import com.acme.aepexport.export.DestinationTypeNames;
import com.acme.aepexport.export.ExportSettings;
import com.acme.aepexport.support.AdobeJournal;
import com.acme.aepexport.support.ExampleBodies;
import com.acme.aepexport.support.IntegrationTest;
import com.acme.aepexport.support.StepCalls.Create;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code POST /exports} with an {@code Idempotency-Key}: a retry of the same request
 * answers the export the first one made and starts nothing; the key with another request
 * is refused; the key is forgotten after its retention; what is kept of the request says
 * nothing of its credentials.
 */
class IdempotencyIT extends IntegrationTest {

	private static final String REPLAYED = "Idempotent-Replayed";

	@Autowired
	private ExportSettings settings;

	@Autowired
	private RequestReader reader;

	private final List<String> sandboxes = new ArrayList<>();

	/**
	 * No export of a test keeps running into the next test, whose Adobe stubs it could
	 * meet.
	 */
	@AfterEach
	void everyExportFinished() {
		for (String sandbox : this.sandboxes) {
			await().atMost(Duration.ofSeconds(30))
				.until(() -> this.jdbc.queryForList("select status from export where sandbox = ?", String.class,
						sandbox),
						(statuses) -> statuses.stream()
							.allMatch((status) -> Set.of("SUCCEEDED", "FAILED").contains(status)));
		}
	}

	/**
	 * A key stored before destinations and their credentials became one record (24 h of
	 * them) still matches its retry: the application's mapper writes the canonical
	 * request byte for byte as a plain one does, whose bytes {@code RequestReaderTest}
	 * pins.
	 */
	@Test
	void theApplicationsCanonicalRequestIsThePlainMappersForEveryExample() {
		RequestReader plain = new RequestReader(JsonMapper.builder().addModule(new DestinationTypeNames()).build(),
				Validation.buildDefaultValidatorFactory());
		for (String name : ExampleBodies.names()) {
			ObjectNode body = example(name, "prod");
			String canonical = new String(this.reader.canonical(this.reader.read(body, ExportRequest.class)),
					StandardCharsets.UTF_8);
			assertThat(canonical).as(name)
				.isEqualTo(new String(plain.canonical(plain.read(body, ExportRequest.class)), StandardCharsets.UTF_8));
			if (body.path("destination").has("credentials")) {
				assertThat(canonical).as("%s: its credentials are keyed too", name).contains("\"credentials\":{");
			}
		}
	}

	@Test
	void theSameRequestWithTheSameKeyAnswersTheSameExportAndCreatesItOnce() {
		String sandbox = sandbox();
		String key = newKey();
		String body = example("AMAZON_S3", sandbox).toString();

		EntityExchangeResult<JsonNode> first = post(key, body, 202);
		EntityExchangeResult<JsonNode> second = post(key, body, 202);

		String id = first.getResponseBody().path("id").asString();
		assertThat(first.getResponseHeaders().getFirst(REPLAYED)).isNull();
		assertThat(second.getResponseBody().path("id").asString()).isEqualTo(id);
		assertThat(second.getResponseHeaders().getFirst(REPLAYED)).isEqualTo("true");
		assertThat(second.getResponseHeaders().getFirst("Location")).isEqualTo("/exports/" + id);
		assertThat(exportsIn(sandbox)).containsExactly(id);
		JsonNode export = awaitFinished(id);
		assertThat(export.path("status").asString()).isEqualTo("SUCCEEDED");
		assertCreatedOnce(sandbox, export);
	}

	@Test
	void theSameKeyWithAnotherRequestIsRefusedAndCreatesNothing() {
		String key = newKey();
		String sandbox = sandbox();
		String id = post(key, example("AMAZON_S3", sandbox).toString(), 202).getResponseBody().path("id").asString();
		String otherSandbox = sandbox();
		ObjectNode other = example("AMAZON_S3", otherSandbox).put("name", "another-export");

		JsonNode problem = post(key, other.toString(), 422).getResponseBody();

		assertThat(problem.path("type").asString())
			.isEqualTo("https://aep-export-facade.acme.com/problems/idempotency-key-reused");
		assertThat(problem.path("status").asInt()).isEqualTo(422);
		assertThat(exportsIn(otherSandbox)).isEmpty();
		assertThat(this.jdbc.queryForObject("select export_id::text from idempotency_key where key = ?", String.class,
				key))
			.as("the key still names the first export")
			.isEqualTo(id);
		assertThat(awaitFinished(id).path("status").asString()).isEqualTo("SUCCEEDED");
		assertThat(AdobeJournal.of(this.adobe, otherSandbox).calls()).as("nothing sent to Adobe, only its checks read")
			.allMatch((call) -> call.method().equals("GET"));
	}

	@Test
	void keyOrderAndWhitespaceDoNotMakeAnotherRequest() {
		String sandbox = sandbox();
		String key = newKey();
		ObjectNode request = example("AMAZON_S3", sandbox);
		String compact = request.toString();
		String reordered = JSON.writerWithDefaultPrettyPrinter().writeValueAsString(reversed(request));
		assertThat(reordered).as("really another text").isNotEqualTo(compact);
		assertThat(JSON.readTree(reordered)).as("of the same JSON").isEqualTo(request);

		EntityExchangeResult<JsonNode> first = post(key, compact, 202);
		EntityExchangeResult<JsonNode> second = post(key, "\n  " + reordered + "\n", 202);

		assertThat(second.getResponseBody().path("id").asString())
			.isEqualTo(first.getResponseBody().path("id").asString());
		assertThat(second.getResponseHeaders().getFirst(REPLAYED)).isEqualTo("true");
		assertThat(exportsIn(sandbox)).hasSize(1);
	}

	@Test
	void concurrentRequestsWithOneKeyMakeOneExport() throws Exception {
		String sandbox = sandbox();
		String key = newKey();
		String body = example("AMAZON_S3", sandbox).toString();
		// As many as one instance serves at once
		// (exports.requests.max-concurrent-creates):
		// one more would be a 429.
		int requests = 16;
		HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
		String token = token(CALLER, "exports:read", "exports:write");
		CountDownLatch start = new CountDownLatch(1);
		List<Future<HttpResponse<String>>> answers = new ArrayList<>();
		try (ExecutorService threads = Executors.newFixedThreadPool(requests)) {
			for (int i = 0; i < requests; i++) {
				answers.add(threads.submit(() -> {
					start.await();
					return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + "/exports"))
						.header("Authorization", "Bearer " + token)
						.header("Content-Type", "application/json")
						.header("Idempotency-Key", key)
						.POST(HttpRequest.BodyPublishers.ofString(body))
						.build(), HttpResponse.BodyHandlers.ofString());
				}));
			}
			start.countDown();
			List<String> ids = new ArrayList<>();
			int replayed = 0;
			for (Future<HttpResponse<String>> answer : answers) {
				HttpResponse<String> response = answer.get(30, TimeUnit.SECONDS);
				assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
				ids.add(JSON.readTree(response.body()).path("id").asString());
				if (response.headers().firstValue(REPLAYED).filter("true"::equals).isPresent()) {
					replayed++;
				}
			}
			assertThat(ids).as("one export for every answer").hasSize(requests).containsOnly(ids.getFirst());
			assertThat(replayed).as("answers that replayed the first").isEqualTo(requests - 1);
			assertThat(exportsIn(sandbox)).containsExactly(ids.getFirst());
			JsonNode export = awaitFinished(ids.getFirst());
			assertThat(export.path("status").asString()).isEqualTo("SUCCEEDED");
			assertCreatedOnce(sandbox, export);
		}
	}

	@Test
	void anotherCallersKeyIsTheirOwn() {
		String sandbox = sandbox();
		String key = newKey();
		String body = example("AMAZON_S3", sandbox).toString();
		String mine = post(key, body, 202).getResponseBody().path("id").asString();

		EntityExchangeResult<JsonNode> theirs = this.api.post()
			.uri("/exports")
			.headers((headers) -> headers.setBearerAuth(token("another-caller", "exports:read", "exports:write")))
			.header("Idempotency-Key", key)
			.contentType(MediaType.APPLICATION_JSON)
			.body(body)
			.exchange()
			.expectStatus()
			.isAccepted()
			.expectBody(JsonNode.class)
			.returnResult();

		assertThat(theirs.getResponseBody().path("id").asString()).isNotEqualTo(mine);
		assertThat(theirs.getResponseHeaders().getFirst(REPLAYED)).isNull();
		assertThat(exportsIn(sandbox)).hasSize(2);
	}

	@Test
	void aKeyPastItsRetentionStartsANewExport() {
		String sandbox = sandbox();
		String key = newKey();
		String body = example("AMAZON_S3", sandbox).toString();
		String first = post(key, body, 202).getResponseBody().path("id").asString();
		Instant expired = Instant.now().minus(this.settings.idempotency().retention()).minusSeconds(60);
		assertThat(this.jdbc.update("update idempotency_key set created_at = ? where key = ?", Timestamp.from(expired),
				key))
			.isEqualTo(1);

		EntityExchangeResult<JsonNode> again = post(key, body, 202);

		String second = again.getResponseBody().path("id").asString();
		assertThat(second).isNotEqualTo(first);
		assertThat(again.getResponseHeaders().getFirst(REPLAYED)).isNull();
		assertThat(exportsIn(sandbox)).containsExactlyInAnyOrder(first, second);
		assertThat(this.jdbc.queryForObject("select export_id::text from idempotency_key where key = ?", String.class,
				key))
			.isEqualTo(second);
		assertThat(post(key, body, 202).getResponseBody().path("id").asString()).as("the key now answers the new one")
			.isEqualTo(second);
	}

	@Test
	void theStoredFingerprintHoldsNothingOfTheRequest() {
		String sandbox = sandbox();
		String key = newKey();
		ObjectNode request = example("AMAZON_S3", sandbox);
		post(key, request.toString(), 202);

		Map<String, Object> stored = this.jdbc.queryForMap("select * from idempotency_key where key = ?", key);

		String fingerprint = (String) stored.get("fingerprint");
		JsonNode credentials = request.path("destination").path("credentials");
		assertThat(fingerprint).isNotBlank()
			.doesNotContain(credentials.path("accessKeyId").asString())
			.doesNotContain(credentials.path("secretAccessKey").asString())
			.doesNotContain(request.path("name").asString())
			.doesNotContain(sandbox);
		assertThat(fingerprint.length()).as("a digest, not the request").isLessThan(request.toString().length() / 4);
		assertThat(stored.values().stream().map(String::valueOf))
			.noneMatch((value) -> value.contains(credentials.path("secretAccessKey").asString()));
	}

	private EntityExchangeResult<JsonNode> post(String key, String body, int status) {
		return this.api.post()
			.uri("/exports")
			.header("Idempotency-Key", key)
			.contentType(MediaType.APPLICATION_JSON)
			.body(body)
			.exchange()
			.expectStatus()
			.isEqualTo(status)
			.expectBody(JsonNode.class)
			.returnResult();
	}

	private List<String> exportsIn(String sandbox) {
		return this.jdbc.queryForList("select id::text from export where sandbox = ?", String.class, sandbox);
	}

	/** Each entity created once, by one create sent to Adobe. */
	private void assertCreatedOnce(String sandbox, JsonNode export) {
		AdobeJournal journal = AdobeJournal.of(this.adobe, sandbox);
		for (Create create : Create.values()) {
			assertThat(create.entities(this.emulator, export)).as("%s entities", create).hasSize(1);
		}
		assertThat(journal.calls().stream().filter((call) -> call.method().equals("POST"))).as("creates sent to Adobe")
			.hasSize(Create.values().length);
	}

	/** The same JSON with the fields of every object in reverse order. */
	private static JsonNode reversed(JsonNode node) {
		if (node.isObject()) {
			ObjectNode copy = JSON.createObjectNode();
			List<String> names = new ArrayList<>(node.propertyNames());
			for (String name : names.reversed()) {
				copy.set(name, reversed(node.get(name)));
			}
			return copy;
		}
		if (node.isArray()) {
			ArrayNode copy = JSON.createArrayNode();
			node.forEach((item) -> copy.add(reversed(item)));
			return copy;
		}
		return node;
	}

	private String sandbox() {
		String sandbox = newSandbox();
		this.sandboxes.add(sandbox);
		return sandbox;
	}

	private static String newKey() {
		return "it-" + UUID.randomUUID();
	}

}
