package com.acme.aepexport.webhook;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import com.acme.aepexport.emulator.AdobeEmulator;
import com.acme.aepexport.emulator.RunScript;
import com.acme.aepexport.support.ExportsClient;
import com.acme.aepexport.support.LocalInfrastructure;
import com.acme.aepexport.support.ScratchDatabase;
import com.acme.aepexport.support.ServiceProcess;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Webhooks from two instances of the service, second JVMs sharing one database as
 * replicas do, to one receiver: the events of several exports accepted by either
 * instance, for two owners, each arrive, signed, under one {@code webhook-id} each; an
 * event is sent again only after an answer other than 2xx, with the same id and bytes;
 * and no event is answered 2xx twice, whichever instance sent it.
 */
class TwoInstancesWebhooksIT {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final int EXPORTS_PER_OWNER = 3;

	private static final Duration STARTUP = Duration.ofSeconds(180);

	private static final Pattern DELIVERED = Pattern
		.compile("(?m)^aep_webhooks_deliveries_total\\{[^}]*outcome=\"delivered\"[^}]*} ([0-9.E]+)$");

	private static final HttpClient HTTP = HttpClient.newHttpClient();

	private static final AdobeEmulator emulator = LocalInfrastructure.emulator();

	private static final FirstAttemptOfSomeFails flaky = new FirstAttemptOfSomeFails();

	private static final WireMockServer receiver = new WireMockServer(options().dynamicPort().extensions(flaky));

	private static ScratchDatabase database;

	private static final List<ServiceProcess> instances = new ArrayList<>();

	@RegisterExtension
	static final TestExecutionExceptionHandler printInstanceLogs = (context, failure) -> {
		for (ServiceProcess instance : instances) {
			System.out.println("===== output of " + instance + ", " + instance.log().toAbsolutePath() + " =====");
			System.out.println(instance.output());
		}
		throw failure;
	};

	@BeforeAll
	static void startTwoInstancesAndAReceiver() {
		receiver.start();
		receiver.stubFor(post(urlPathMatching("/two/.*")).willReturn(aResponse().withTransformers(flaky.getName())));
		database = ScratchDatabase.create("two_webhooks");
		instances.add(start("webhooks-a"));
		instances.add(start("webhooks-b"));
		instances.forEach((instance) -> instance.awaitUp(STARTUP));
	}

	@AfterAll
	static void stopThem() {
		instances.forEach(ServiceProcess::close);
		receiver.stop();
		if (database != null) {
			database.drop();
		}
	}

	@Test
	void everyEventOfExportsAcceptedByEitherInstanceArrivesOnceUnderOneWebhookId() {
		ServiceProcess a = instances.get(0);
		ServiceProcess b = instances.get(1);
		String suffix = UUID.randomUUID().toString().substring(0, 8);
		Map<String, String> secrets = new LinkedHashMap<>();
		Map<String, List<String>> exportsByOwner = new LinkedHashMap<>();
		List<String> owners = List.of("owner-one-" + suffix, "owner-two-" + suffix);
		for (int o = 0; o < owners.size(); o++) {
			String owner = owners.get(o);
			// Each owner subscribes through one instance; their exports go to both.
			ExportsClient subscriber = new ExportsClient(((o == 0) ? a : b).baseUrl(), owner);
			secrets.put(owner,
					WebhooksIT
						.subscribe(subscriber.api(), "http://localhost:" + receiver.port() + "/two/" + owner,
								"export.succeeded", "export.deleted", "run.succeeded")
						.path("secret")
						.asString());
			List<String> ids = new ArrayList<>();
			for (int i = 0; i < EXPORTS_PER_OWNER; i++) {
				String sandbox = ExportsClient.newSandbox("two-hooks");
				emulator.runScript(sandbox, RunScript.instantSuccess());
				ObjectNode body = ExportsClient.example("DATA_LANDING_ZONE", sandbox);
				body.put("name", "two-hooks-" + o + "-" + i);
				ServiceProcess accepting = ((i + o) % 2 == 0) ? a : b;
				ids.add(new ExportsClient(accepting.baseUrl(), owner).startExport(body));
			}
			exportsByOwner.put(owner, ids);
		}
		Set<String> expected = new TreeSet<>();
		exportsByOwner.forEach((owner, ids) -> ids.forEach((id) -> {
			JsonNode finished = new ExportsClient(b.baseUrl(), owner).awaitFinished(id, Duration.ofSeconds(90));
			assertThat(finished.path("status").asString()).as(finished.toString()).isEqualTo("SUCCEEDED");
			expected.add(owner + " export.succeeded " + id);
			expected.add(owner + " run.succeeded " + id);
		}));
		await().atMost(Duration.ofSeconds(60)).until(() -> answered2xx().keySet().size() >= expected.size());

		// Once their runs were told: one export of each owner deleted (through instance
		// A;
		// either may run the teardown).
		exportsByOwner.forEach((owner, ids) -> {
			new ExportsClient(a.baseUrl(), owner).api()
				.delete()
				.uri("/exports/" + ids.getFirst())
				.exchange()
				.expectStatus()
				.isAccepted();
			expected.add(owner + " export.deleted " + ids.getFirst());
		});
		await().atMost(Duration.ofSeconds(90)).until(() -> answered2xx().keySet().size() >= expected.size());
		// Some more polls of both senders: nothing comes twice.
		await().during(Duration.ofSeconds(3))
			.atMost(Duration.ofSeconds(10))
			.until(() -> answered2xx().values().stream().allMatch((count) -> count == 1));

		Map<String, List<ServeEvent>> byWebhookId = receiver.getAllServeEvents()
			.stream()
			.collect(Collectors.groupingBy((event) -> event.getRequest().getHeader("webhook-id")));
		Map<String, String> webhookIdByEvent = new TreeMap<>();
		int retried = 0;
		for (Map.Entry<String, List<ServeEvent>> sent : byWebhookId.entrySet()) {
			List<ServeEvent> attempts = sent.getValue();
			String firstBody = attempts.getFirst().getRequest().getBodyAsString();
			String owner = attempts.getFirst().getRequest().getUrl().replaceFirst("^/two/", "");
			for (ServeEvent attempt : attempts) {
				assertThat(attempt.getRequest().getBodyAsString())
					.as("every attempt of %s, the same bytes", sent.getKey())
					.isEqualTo(firstBody);
				SignatureCheck.assertSignedBy(secrets.get(owner), attempt.getRequest());
			}
			assertThat(attempts.stream().filter((attempt) -> is2xx(attempt)).count())
				.as("2xx answers to %s", sent.getKey())
				.isEqualTo(1);
			retried += (attempts.size() > 1) ? 1 : 0;
			JsonNode event = JSON.readTree(firstBody);
			String key = owner + " " + event.path("type").asString() + " "
					+ event.path("data").path("exportId").asString();
			assertThat(webhookIdByEvent.put(key, sent.getKey())).as("one webhook-id for %s", key).isNull();
		}
		assertThat(webhookIdByEvent.keySet()).isEqualTo(expected);
		assertThat(retried).as("events whose first attempt the receiver failed, sent again").isPositive();

		List<Map<String, Object>> deliveries = database.jdbc()
			.queryForList("select event_id, status, attempts from webhook_delivery");
		assertThat(deliveries).hasSize(expected.size())
			.allSatisfy((delivery) -> assertThat(delivery.get("status")).isEqualTo("DELIVERED"))
			.allSatisfy((delivery) -> assertThat(delivery.get("attempts"))
				.isEqualTo(byWebhookId.get((String) delivery.get("event_id")).size()));
		Map<String, Double> deliveredBy = new LinkedHashMap<>();
		instances.forEach((instance) -> deliveredBy.put(instance.toString(), delivered(instance)));
		System.out.println("Webhooks delivered per instance: " + deliveredBy + "; " + retried + " of " + expected.size()
				+ " sent again after a failed first attempt");
		assertThat(deliveredBy.values().stream().mapToDouble(Double::doubleValue).sum())
			.as("deliveries the two instances counted delivered")
			.isEqualTo(expected.size());
	}

	/** 2xx answers per {@code webhook-id}. */
	private static Map<String, Integer> answered2xx() {
		Map<String, Integer> answers = new ConcurrentHashMap<>();
		receiver.getAllServeEvents()
			.stream()
			.filter(TwoInstancesWebhooksIT::is2xx)
			.forEach((event) -> answers.merge(event.getRequest().getHeader("webhook-id"), 1, Integer::sum));
		return answers;
	}

	private static boolean is2xx(ServeEvent event) {
		int status = event.getResponse().getStatus();
		return status >= 200 && status < 300;
	}

	private static double delivered(ServiceProcess instance) {
		try {
			String metrics = HTTP
				.send(HttpRequest.newBuilder(URI.create(instance.managementUrl() + "/actuator/prometheus")).build(),
						HttpResponse.BodyHandlers.ofString())
				.body();
			Matcher matcher = DELIVERED.matcher(metrics);
			return matcher.find() ? Double.parseDouble(matcher.group(1)) : 0;
		}
		catch (java.io.IOException ex) {
			throw new AssertionError("Cannot read the metrics of " + instance, ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new AssertionError(ex);
		}
	}

	private static ServiceProcess start(String name) {
		Map<String, String> properties = new LinkedHashMap<>(LocalInfrastructure.properties());
		properties.putAll(database.properties());
		properties.put("exports.workers.instance-name", name);
		properties.put("exports.workers.polling-interval", "200ms");
		properties.put("adobe.retry.initial-backoff", "50ms");
		properties.put("adobe.retry.max-backoff", "500ms");
		properties.put("exports.latest-runs.poll-interval", "200ms");
		properties.put("exports.latest-runs.interval", "2s");
		properties.put("exports.latest-runs.interval-while-running", "300ms");
		properties.put("exports.webhooks.allow-http", "true");
		properties.put("exports.webhooks.allowed-hosts", "localhost");
		properties.put("exports.webhooks.poll-interval", "100ms");
		properties.put("exports.webhooks.initial-backoff", "500ms");
		properties.put("exports.webhooks.max-backoff", "1s");
		return ServiceProcess.start(name, Path.of("target", "two-instances-webhooks-" + name + ".log"), properties);
	}

	/**
	 * The receiver: the first attempt of every third event, counting from the first to
	 * arrive, is answered 503, every other attempt 204 (by count, not by the random ids,
	 * so that some event is always sent again).
	 */
	static final class FirstAttemptOfSomeFails implements ResponseDefinitionTransformerV2 {

		private final Set<String> seen = ConcurrentHashMap.newKeySet();

		private final AtomicInteger events = new AtomicInteger();

		@Override
		public ResponseDefinition transform(ServeEvent serveEvent) {
			String id = serveEvent.getRequest().getHeader("webhook-id");
			boolean first = this.seen.add(id);
			int status = (first && this.events.getAndIncrement() % 3 == 0) ? 503 : 204;
			return aResponse().withStatus(status).build();
		}

		@Override
		public String getName() {
			return "first-attempt-of-some-fails";
		}

		@Override
		public boolean applyGlobally() {
			return false;
		}

	}

}
