package com.acme.aepexport.webhook;

import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.client.RestTestClient;

import com.acme.aepexport.emulator.RunOutcome;
import com.acme.aepexport.emulator.RunScript;
import com.acme.aepexport.export.ExportId;
import com.acme.aepexport.export.ExportService;
import com.acme.aepexport.export.ExportView;
import com.acme.aepexport.export.LatestRun;
import com.acme.aepexport.export.LatestRunsService;
import com.acme.aepexport.export.RunState;
import com.acme.aepexport.export.RunsRead;
import com.acme.aepexport.support.ExportsClient;
import com.acme.aepexport.support.IntegrationTest;
import com.acme.aepexport.support.StepCalls.Create;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Webhooks end to end: subscriptions over HTTP, exports that succeed and fail, and a
 * receiver (WireMock, on localhost, which the configuration allows) that checks every
 * signature with its own implementation of the Standard Webhooks scheme.
 */
@ExtendWith(OutputCaptureExtension.class)
@TestPropertySource(properties = { "exports.webhooks.allow-http=true", "exports.webhooks.allowed-hosts=localhost",
		"exports.webhooks.initial-backoff=300ms", "exports.webhooks.max-backoff=1s",
		"exports.webhooks.poll-interval=100ms", "exports.changes.answer-within=5s" })
class WebhooksIT extends IntegrationTest {

	private static final WireMockServer receiver = new WireMockServer(options().dynamicPort());

	@Autowired
	private MeterRegistry meters;

	@Autowired
	private ExportService exportService;

	@Autowired
	private LatestRunsService latestRuns;

	@BeforeAll
	static void startReceiver() {
		receiver.start();
	}

	@AfterAll
	static void stopReceiver() {
		receiver.stop();
	}

	@Test
	void signedEventsArriveForASucceededAndAFailedExport(CapturedOutput output) {
		String owner = newOwner();
		RestTestClient api = as(token(owner, "exports:read", "exports:write"));
		receiver.stubFor(post(urlPathEqualTo("/hooks/" + owner)).willReturn(aResponse().withStatus(204)));
		JsonNode created = subscribe(api, "http://localhost:" + receiver.port() + "/hooks/" + owner, "export.succeeded",
				"export.failed", "export.deleted");
		String subscription = created.path("id").asString();
		String secret = created.path("secret").asString();
		assertThat(secret).startsWith("whsec_");
		assertThat(Base64.getDecoder().decode(secret.substring(6))).hasSizeGreaterThanOrEqualTo(24);

		String shown = text(api, "/webhooks/" + subscription) + text(api, "/webhooks");
		assertThat(shown).contains(subscription).doesNotContain(secret).doesNotContain("\"secret\"");

		ExportsClient exports = new ExportsClient("http://localhost:" + this.port, owner);
		String succeeded = exports.startExport(example("AMAZON_S3", newSandbox()));
		String failingSandbox = newSandbox();
		this.adobe.stubFor(Create.SOURCE_CONNECTION.request()
			.stub(failingSandbox)
			.atPriority(1)
			.willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/json").withBody("""
					{"type": "https://ns.adobe.com/aep/errors/FLOW-1000-400", "title": "Bad Request", "status": 400,
					 "report": {"detailed-message": "Invalid request"}}""")));
		String failed = exports.startExport(example("AMAZON_S3", failingSandbox));
		assertThat(exports.awaitFinished(succeeded, Duration.ofSeconds(30)).path("status").asString())
			.isEqualTo("SUCCEEDED");
		assertThat(exports.awaitFinished(failed, Duration.ofSeconds(30)).path("status").asString()).isEqualTo("FAILED");

		List<LoggedRequest> received = await().atMost(Duration.ofSeconds(20))
			.until(() -> receiver.findAll(postRequestedFor(urlPathEqualTo("/hooks/" + owner))),
					(requests) -> requests.size() >= 2);
		assertThat(received).hasSize(2);
		for (LoggedRequest request : received) {
			assertSignedBy(secret, request);
		}
		JsonNode success = event(received, succeeded);
		assertThat(success.path("type").asString()).isEqualTo("export.succeeded");
		assertThat(Instant.parse(success.path("timestamp").asString())).isBefore(Instant.now());
		assertThat(success.path("data").path("status").asString()).isEqualTo("SUCCEEDED");
		assertThat(success.path("data").path("name").asString()).isNotBlank();
		assertThat(success.path("data").path("audienceIds").size()).isPositive();
		assertThat(success.path("data").has("error")).isFalse();
		JsonNode failure = event(received, failed);
		assertThat(failure.path("type").asString()).isEqualTo("export.failed");
		assertThat(failure.path("data").path("status").asString()).isEqualTo("FAILED");
		assertThat(failure.path("data").path("error").path("step").asString()).isEqualTo("SOURCE_CONNECTION");
		assertThat(failure.path("data").path("error").path("message").asString()).isNotBlank();

		// Stored as delivered once the receiver has answered: a moment after it logged
		// it.
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
			JsonNode deliveries = json(api, "/webhooks/" + subscription + "/deliveries");
			assertThat(deliveries.path("totalItems").asInt()).isEqualTo(2);
			for (JsonNode delivery : deliveries.path("items")) {
				assertThat(delivery.path("status").asString()).isEqualTo("DELIVERED");
				assertThat(delivery.path("attempts").asInt()).isEqualTo(1);
				assertThat(delivery.path("history").get(0).path("statusCode").asInt()).isEqualTo(204);
			}
		});

		exports.api().delete().uri("/exports/" + succeeded).exchange().expectStatus().isAccepted();
		LoggedRequest deleted = await().atMost(Duration.ofSeconds(30))
			.until(() -> receiver.findAll(postRequestedFor(urlPathEqualTo("/hooks/" + owner))),
					(requests) -> requests.size() >= 3)
			.get(2);
		assertSignedBy(secret, deleted);
		JsonNode deletion = JSON.readTree(deleted.getBodyAsString());
		assertThat(deletion.path("type").asString()).isEqualTo("export.deleted");
		assertThat(deletion.path("data").path("exportId").asString()).isEqualTo(succeeded);
		assertThat(deletion.path("data").path("status").asString()).isEqualTo("DELETED");
		assertThat(output.getAll()).doesNotContain(secret).doesNotContain(secret.substring(6));
		assertThat(this.jdbc.queryForList("select secret_ciphertext::text from webhook_subscription", String.class))
			.noneMatch((stored) -> stored.contains(secret.substring(6)));
	}

	@Test
	void eachRunThatEndsIsToldOnceWithAdobesRunIdAndItsCounts() {
		String owner = newOwner();
		RestTestClient api = as(token(owner, "exports:read", "exports:write"));
		receiver.stubFor(post(urlPathEqualTo("/hooks/" + owner)).willReturn(aResponse().withStatus(204)));
		String secret = subscribe(api, "http://localhost:" + receiver.port() + "/hooks/" + owner, "run.succeeded",
				"run.partial", "run.failed")
			.path("secret")
			.asString();
		String sandbox = newSandbox();
		this.emulator.runScript(sandbox, RunScript.of(Duration.ofHours(1), Duration.ofHours(1), RunOutcome.SUCCESS)
			.ending(Map.of("aud-failed", RunOutcome.FAILED, "aud-partial", RunOutcome.PARTIAL_SUCCESS)));
		ObjectNode body = example("DATA_LANDING_ZONE", sandbox);
		ArrayNode audiences = body.putArray("audiences");
		List.of("aud-ok", "aud-failed", "aud-partial").forEach((audience) -> audiences.addObject().put("id", audience));
		ExportsClient exports = new ExportsClient("http://localhost:" + this.port, owner);
		String id = exports.startExport(body);
		assertThat(exports.awaitFinished(id, Duration.ofSeconds(30)).path("status").asString()).isEqualTo("SUCCEEDED");
		// Runs waiting, then running: read, and nothing told.
		await().atMost(Duration.ofSeconds(10)).until(() -> exports.getExport(id).path("latestRunsAsOf").isString());
		this.emulator.passTime(sandbox, Duration.ofMinutes(90));
		await().atMost(Duration.ofSeconds(10))
			.until(() -> exports.getExport(id).path("latestRuns").findValuesAsString("state"),
					(states) -> states.size() == 3 && states.stream().allMatch("RUNNING"::equals));
		assertThat(receiver.findAll(postRequestedFor(urlPathEqualTo("/hooks/" + owner)))).isEmpty();

		this.emulator.passTime(sandbox, Duration.ofHours(1));
		List<LoggedRequest> received = await().atMost(Duration.ofSeconds(20))
			.until(() -> receiver.findAll(postRequestedFor(urlPathEqualTo("/hooks/" + owner))),
					(requests) -> requests.size() >= 3);
		// Read again and again since: still told once each.
		await().during(Duration.ofSeconds(2))
			.atMost(Duration.ofSeconds(5))
			.until(() -> receiver.findAll(postRequestedFor(urlPathEqualTo("/hooks/" + owner))).size() == 3);
		Map<String, JsonNode> byAudience = new java.util.TreeMap<>();
		for (LoggedRequest request : received) {
			assertSignedBy(secret, request);
			JsonNode event = JSON.readTree(request.getBodyAsString());
			assertThat(event.path("data").path("exportId").asString()).isEqualTo(id);
			assertThat(event.path("data").path("runId").asString()).isNotBlank();
			byAudience.put(event.path("data").path("audienceIds").get(0).asString(), event);
		}
		assertThat(byAudience.keySet()).containsExactly("aud-failed", "aud-ok", "aud-partial");
		assertThat(byAudience.get("aud-ok").path("type").asString()).isEqualTo("run.succeeded");
		assertThat(byAudience.get("aud-ok").path("data").path("recordsActivated").asLong()).isPositive();
		assertThat(byAudience.get("aud-ok").path("data").path("completedAt").isString()).isTrue();
		assertThat(byAudience.get("aud-failed").path("type").asString()).isEqualTo("run.failed");
		assertThat(byAudience.get("aud-failed").path("data").path("state").asString()).isEqualTo("FAILED");
		assertThat(byAudience.get("aud-partial").path("type").asString()).isEqualTo("run.partial");
		assertThat(this.meters.counter("aep.runs.ended", "state", "PARTIALLY_SUCCEEDED").count()).isPositive();
	}

	/**
	 * A read of Adobe's runs that the export's deletion overtakes tells nothing again:
	 * the run it finds over was told by an earlier read, and the snapshot that said so
	 * went with the teardown.
	 */
	@Test
	void aRunReadThatTheExportsDeletionOvertakesTellsNothingAgain() {
		String owner = newOwner();
		RestTestClient api = as(token(owner, "exports:read", "exports:write"));
		String sandbox = newSandbox();
		String id = exportWhoseRunWasTold(owner, sandbox, "run.succeeded", "export.deleted");

		// The refresher's next read: Adobe has answered, and before the answer arrives
		// the export is deleted.
		double superseded = superseded();
		AtomicInteger deletion = new AtomicInteger();
		this.emulator.onceAnswered(sandbox, "GET", "/data/foundation/flowservice/runs", () -> deletion
			.set(api.delete().uri("/exports/{id}", id).exchange().returnResult(String.class).getStatus().value()));
		await().atMost(Duration.ofSeconds(30)).until(() -> told(id, "export.deleted") == 1);
		assertThat(deletion).as("the deletion, while Adobe's runs were read").hasValue(202);
		// The read had its answer (no time-out) and was dropped: the test did reach the
		// race.
		await().atMost(Duration.ofSeconds(5)).until(() -> superseded() > superseded);
		await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() -> told(id, "run.succeeded") == 1);

		// Nor does a read asked for later (an export-now job started as the deletion
		// came) bring its snapshot back, for a read in flight to find nothing told
		// before.
		this.latestRuns.readSoon(new ExportId(UUID.fromString(id)));
		assertThat(this.jdbc.queryForObject("select count(*) from run_snapshot where export_id = ?::uuid",
				Integer.class, id))
			.isZero();
	}

	/**
	 * Two reads of an export's runs that overlap (the passes of two instances, one
	 * presumed dead): the one recorded second, though it started first, records and tells
	 * nothing. Recorded, it would show a run told over as going again, and the next read
	 * would tell it a second time.
	 */
	@Test
	void ofTwoOverlappingReadsOfAnExportsRunsTheOneRecordedSecondTellsNothing() {
		String owner = newOwner();
		String id = exportWhoseRunWasTold(owner, newSandbox(), "run.succeeded");
		ExportsClient exports = new ExportsClient("http://localhost:" + this.port, owner);
		JsonNode recorded = exports.getExport(id);
		JsonNode run = recorded.path("latestRuns").get(0);
		assertThat(run.path("state").asString()).isEqualTo("SUCCEEDED");

		// What Adobe answered a read that started before the one recorded: the run going.
		Instant startedBefore = Instant.parse(recorded.path("latestRunsAsOf").asString()).minusSeconds(1);
		LatestRun going = new LatestRun("aud-once", run.path("runId").asString(), "PROCESSING", RunState.RUNNING,
				startedBefore, startedBefore, null, null, null, null);
		ExportView export = this.exportService.find(new ExportId(UUID.fromString(id))).orElseThrow();
		// It started before the first read was recorded: no read had been, then.
		assertThat(this.latestRuns.read(export, new RunsRead(List.of(going), List.of(), false), startedBefore, null,
				Duration.ofMillis(100), Duration.ofMinutes(5)))
			.as("recorded")
			.isFalse();

		// The reads after it find the run over, as it is.
		await().during(Duration.ofSeconds(4))
			.atMost(Duration.ofSeconds(8))
			.until(() -> told(id, "run.succeeded") == 1
					&& "SUCCEEDED".equals(exports.getExport(id).path("latestRuns").get(0).path("state").asString()));
	}

	/**
	 * An export of one audience, {@code SUCCEEDED}, whose run (over as soon as it exists)
	 * was told to the owner's subscription to {@code events}.
	 */
	private String exportWhoseRunWasTold(String owner, String sandbox, String... events) {
		receiver.stubFor(post(urlPathEqualTo("/hooks/" + owner)).willReturn(aResponse().withStatus(204)));
		subscribe(as(token(owner, "exports:read", "exports:write")),
				"http://localhost:" + receiver.port() + "/hooks/" + owner, events);
		this.emulator.runScript(sandbox, RunScript.instantSuccess());
		ObjectNode body = example("DATA_LANDING_ZONE", sandbox);
		body.putArray("audiences").addObject().put("id", "aud-once");
		ExportsClient exports = new ExportsClient("http://localhost:" + this.port, owner);
		String id = exports.startExport(body);
		assertThat(exports.awaitFinished(id, Duration.ofSeconds(30)).path("status").asString()).isEqualTo("SUCCEEDED");
		await().atMost(Duration.ofSeconds(20)).until(() -> told(id, "run.succeeded") == 1);
		return id;
	}

	private double superseded() {
		return this.meters.counter("aep.runs.snapshot.reads", "outcome", "superseded").count();
	}

	private int told(String exportId, String eventType) {
		return this.jdbc.queryForObject(
				"select count(*) from webhook_delivery where export_id = ?::uuid and event_type = ?", Integer.class,
				exportId, eventType);
	}

	@Test
	void aReceiverThatFailsTwiceGetsTheEventWithTheSameIdEachTime() {
		String owner = newOwner();
		RestTestClient api = as(token(owner, "exports:read", "exports:write"));
		String path = "/hooks/" + owner;
		String scenario = "down for a while " + owner;
		receiver.stubFor(post(urlPathEqualTo(path)).inScenario(scenario)
			.whenScenarioStateIs(Scenario.STARTED)
			.willReturn(aResponse().withStatus(500))
			.willSetStateTo("failed once"));
		receiver.stubFor(post(urlPathEqualTo(path)).inScenario(scenario)
			.whenScenarioStateIs("failed once")
			.willReturn(aResponse().withStatus(500))
			.willSetStateTo("back"));
		receiver.stubFor(post(urlPathEqualTo(path)).inScenario(scenario)
			.whenScenarioStateIs("back")
			.willReturn(aResponse().withStatus(200)));
		JsonNode created = subscribe(api, "http://localhost:" + receiver.port() + path, "export.succeeded");
		String subscription = created.path("id").asString();
		String secret = created.path("secret").asString();

		ExportsClient exports = new ExportsClient("http://localhost:" + this.port, owner);
		String id = exports.startExport(example("AMAZON_S3", newSandbox()));
		exports.awaitFinished(id, Duration.ofSeconds(30));

		List<LoggedRequest> received = await().atMost(Duration.ofSeconds(20))
			.until(() -> receiver.findAll(postRequestedFor(urlPathEqualTo(path))), (requests) -> requests.size() >= 3);
		assertThat(received).hasSize(3);
		String eventId = received.get(0).getHeader("webhook-id");
		assertThat(eventId).matches("msg_[0-9a-f-]{36}");
		for (LoggedRequest request : received) {
			assertThat(request.getHeader("webhook-id")).isEqualTo(eventId);
			assertThat(request.getBodyAsString()).isEqualTo(received.get(0).getBodyAsString());
			assertSignedBy(secret, request);
		}

		JsonNode delivery = await().atMost(Duration.ofSeconds(5))
			.until(() -> json(api, "/webhooks/" + subscription + "/deliveries").path("items").get(0),
					(item) -> item.path("status").asString().equals("DELIVERED"));
		assertThat(delivery.path("eventId").asString()).isEqualTo(eventId);
		assertThat(delivery.path("exportId").asString()).isEqualTo(id);
		assertThat(delivery.path("attempts").asInt()).isEqualTo(3);
		assertThat(delivery.path("history").findValuesAsString("statusCode")).containsExactly("200", "500", "500");

		JsonNode requeued = api.post()
			.uri("/webhooks/" + subscription + "/deliveries/" + delivery.path("id").asString() + "/redeliver")
			.exchange()
			.expectStatus()
			.isAccepted()
			.expectBody(JsonNode.class)
			.returnResult()
			.getResponseBody();
		assertThat(requeued.path("status").asString()).isEqualTo("PENDING");
		List<LoggedRequest> again = await().atMost(Duration.ofSeconds(10))
			.until(() -> receiver.findAll(postRequestedFor(urlPathEqualTo(path))), (requests) -> requests.size() >= 4);
		assertThat(again.get(3).getHeader("webhook-id")).isEqualTo(eventId);
		assertSignedBy(secret, again.get(3));
	}

	/**
	 * A change Adobe confirms at once (the caller answered 200) and one it is slow to
	 * confirm (202, then applied by a worker) are each told once they are in the
	 * dataflow, with what changed and nothing of the destination's credentials.
	 */
	@Test
	void eachChangeAppliedIsToldWithWhatChangedWhetherThePatchWasAnswered200Or202() {
		String owner = newOwner();
		RestTestClient api = as(token(owner, "exports:read", "exports:write"));
		String path = "/hooks/" + owner;
		receiver.stubFor(post(urlPathEqualTo(path)).willReturn(aResponse().withStatus(204)));
		String secret = subscribe(api, "http://localhost:" + receiver.port() + path, "change.applied").path("secret")
			.asString();
		String sandbox = newSandbox();
		ObjectNode body = example("AMAZON_S3", sandbox);
		body.putArray("audiences").addObject().put("id", "aud-a");
		ExportsClient exports = new ExportsClient("http://localhost:" + this.port, owner);
		String id = exports.startExport(body);
		assertThat(exports.awaitFinished(id, Duration.ofSeconds(30)).path("status").asString()).isEqualTo("SUCCEEDED");

		assertThat(patch(api, id, """
				{"audiences": [{"id": "aud-a"}, {"id": "aud-b", "name": "Lapsed buyers"}], "mandatoryFields": []}"""))
			.isEqualTo(200);
		LoggedRequest first = await().atMost(Duration.ofSeconds(20))
			.until(() -> receiver.findAll(postRequestedFor(urlPathEqualTo(path))), (requests) -> !requests.isEmpty())
			.getFirst();
		assertSignedBy(secret, first);
		JsonNode added = JSON.readTree(first.getBodyAsString());
		assertThat(added.path("type").asString()).isEqualTo("change.applied");
		JsonNode data = added.path("data");
		assertThat(data.path("exportId").asString()).isEqualTo(id);
		assertThat(data.path("revision").asInt()).isEqualTo(1);
		assertThat(data.path("requestedBy").asString()).isEqualTo(owner);
		assertThat(data.path("audienceIds").valueStream().map(JsonNode::asString)).containsExactly("aud-a", "aud-b");
		assertThat(data.path("changes").path("fields").valueStream().map(JsonNode::asString))
			.containsExactly("audiences", "mandatoryFields");
		assertThat(data.path("changes").path("audiencesAdded").valueStream().map(JsonNode::asString))
			.containsExactly("aud-b");
		assertThat(data.path("changes").path("audiencesRemoved").isEmpty()).isTrue();
		assertThat(data.path("changes").path("mandatoryFields").isEmpty()).as("cleared").isTrue();
		assertThat(data.path("changes").has("deduplicationKeys")).as("unchanged").isFalse();

		// Adobe takes 7 s to confirm the next one: past the 5 s a caller waits here. Once
		// the caller has had its 202, the test lets Adobe's answer go.
		this.emulator.hold(sandbox);
		this.adobe.stubFor(com.github.tomakehurst.wiremock.client.WireMock
			.patch(urlPathEqualTo(
					"/data/foundation/flowservice/flows/" + exports.getExport(id).path("flowId").asString()))
			.atPriority(2)
			.willReturn(aResponse().withTransformers(com.acme.aepexport.emulator.AdobeEmulator.NAME)
				.withFixedDelay(7_000)
				.withTransformerParameter(com.acme.aepexport.emulator.AdobeEmulator.HOLD, sandbox)));
		assertThat(patch(api, id, """
				{"schedule": {"exportMode": "FIRST_FULL_THEN_INCREMENTAL", "frequency": "EVERY_6_HOURS",
				 "startDate": "2027-01-01", "startTime": "06:00"}}""")).isEqualTo(202);
		assertThat(receiver.findAll(postRequestedFor(urlPathEqualTo(path)))).as("not applied yet").hasSize(1);
		this.emulator.release(sandbox);
		List<LoggedRequest> both = await().atMost(Duration.ofSeconds(30))
			.until(() -> receiver.findAll(postRequestedFor(urlPathEqualTo(path))), (requests) -> requests.size() >= 2);
		assertSignedBy(secret, both.get(1));
		JsonNode rescheduled = JSON.readTree(both.get(1).getBodyAsString()).path("data");
		assertThat(rescheduled.path("revision").asInt()).isEqualTo(2);
		assertThat(rescheduled.path("changes").path("fields").valueStream().map(JsonNode::asString))
			.containsExactly("audiences");
		JsonNode changed = rescheduled.path("changes").path("audiencesChanged");
		assertThat(changed.findValuesAsString("id")).containsExactly("aud-a", "aud-b");
		assertThat(changed.get(0).path("schedule").path("frequency").asString()).isEqualTo("EVERY_6_HOURS");
		assertThat(changed.get(0).path("schedule").path("startTime").asString()).isEqualTo("06:00");
		assertThat(exports.getExport(id).path("change").path("status").asString()).isEqualTo("APPLIED");
		for (LoggedRequest request : both) {
			assertThat(request.getBodyAsString()).doesNotContain("AKIAIOSFODNN7EXAMPLE")
				.doesNotContain("wJalrXUtnFEMI")
				.doesNotContain("credentials");
		}
		assertThat(this.jdbc.queryForObject(
				"select count(*) from webhook_delivery where export_id = ?::uuid and event_type = 'change.applied'",
				Integer.class, id))
			.isEqualTo(2);
	}

	/**
	 * An export-now job Adobe accepted is told with Adobe's run of each audience; a
	 * request a guardrail refused is not a job, and is not told.
	 */
	@Test
	void anActivationAdobeAcceptedIsToldWithAdobesRunIdsAndARefusedOneIsNot() {
		String owner = newOwner();
		RestTestClient api = as(token(owner, "exports:read", "exports:write"));
		String path = "/hooks/" + owner;
		receiver.stubFor(post(urlPathEqualTo(path)).willReturn(aResponse().withStatus(204)));
		String secret = subscribe(api, "http://localhost:" + receiver.port() + path, "activation.started")
			.path("secret")
			.asString();
		String sandbox = newSandbox();
		// Runs that go on for an hour: the job holds its audiences, and a second one is
		// refused.
		this.emulator.runScript(sandbox, RunScript.of(Duration.ZERO, Duration.ofHours(1), RunOutcome.SUCCESS));
		ObjectNode body = example("DATA_LANDING_ZONE", sandbox);
		ArrayNode audiences = body.putArray("audiences");
		List.of("aud-1", "aud-2").forEach((audience) -> audiences.addObject().put("id", audience));
		ExportsClient exports = new ExportsClient("http://localhost:" + this.port, owner);
		String id = exports.startExport(body);
		assertThat(exports.awaitFinished(id, Duration.ofSeconds(30)).path("status").asString()).isEqualTo("SUCCEEDED");
		// The first runs, made when the mapping was attached, end first.
		this.emulator.passTime(sandbox, Duration.ofHours(2));

		JsonNode job = api.post()
			.uri("/exports/{id}/activations", id)
			.exchange()
			.expectStatus()
			.isAccepted()
			.expectBody(JsonNode.class)
			.returnResult()
			.getResponseBody();
		api.post()
			.uri("/exports/{id}/activations", id)
			.contentType(MediaType.APPLICATION_JSON)
			.body("{\"audienceIds\": [\"aud-2\"]}")
			.exchange()
			.expectStatus()
			.isEqualTo(409);

		LoggedRequest request = await().atMost(Duration.ofSeconds(20))
			.until(() -> receiver.findAll(postRequestedFor(urlPathEqualTo(path))), (requests) -> !requests.isEmpty())
			.getFirst();
		await().during(Duration.ofSeconds(2))
			.atMost(Duration.ofSeconds(5))
			.until(() -> receiver.findAll(postRequestedFor(urlPathEqualTo(path))).size() == 1);
		assertSignedBy(secret, request);
		JsonNode event = JSON.readTree(request.getBodyAsString());
		assertThat(event.path("type").asString()).isEqualTo("activation.started");
		JsonNode data = event.path("data");
		assertThat(data.path("exportId").asString()).isEqualTo(id);
		assertThat(data.path("activationId").asString()).isEqualTo(job.path("id").asString());
		assertThat(data.path("requestedBy").asString()).isEqualTo(owner);
		assertThat(data.path("audienceIds").valueStream().map(JsonNode::asString)).containsExactly("aud-1", "aud-2");
		assertThat(data.path("runs").findValuesAsString("runId")).hasSize(2)
			.doesNotContainNull()
			.isEqualTo(job.path("runs").findValuesAsString("runId"));
		assertThat(data.path("runs").findValuesAsString("audienceId")).containsExactly("aud-1", "aud-2");
	}

	/**
	 * An admin may read every owner's exports, but a subscription gets the events of its
	 * owner's exports only, whoever subscribed: an admin's scope is the token's of one
	 * moment, a subscription outlives it.
	 */
	@Test
	void anAdminsSubscriptionGetsTheEventsOfTheAdminsOwnExportsOnly() {
		String admin = "webhook-admin-" + UUID.randomUUID().toString().substring(0, 8);
		String owner = newOwner();
		receiver.stubFor(post(urlPathEqualTo("/hooks/" + admin)).willReturn(aResponse().withStatus(204)));
		receiver.stubFor(post(urlPathEqualTo("/hooks/" + owner)).willReturn(aResponse().withStatus(204)));
		subscribe(as(token(admin, "exports:read", "exports:write", "exports:admin")),
				"http://localhost:" + receiver.port() + "/hooks/" + admin, "export.succeeded");
		subscribe(as(token(owner, "exports:read", "exports:write")),
				"http://localhost:" + receiver.port() + "/hooks/" + owner, "export.succeeded");
		ExportsClient asAdmin = new ExportsClient("http://localhost:" + this.port, admin);
		ExportsClient asOwner = new ExportsClient("http://localhost:" + this.port, owner);
		String adminsExport = asAdmin.startExport(example("AMAZON_S3", newSandbox()));
		String ownersExport = asOwner.startExport(example("AMAZON_S3", newSandbox()));
		asAdmin.awaitFinished(adminsExport, Duration.ofSeconds(30));
		asOwner.awaitFinished(ownersExport, Duration.ofSeconds(30));

		await().atMost(Duration.ofSeconds(20))
			.until(() -> receiver.findAll(postRequestedFor(urlPathEqualTo("/hooks/" + admin))).size()
					+ receiver.findAll(postRequestedFor(urlPathEqualTo("/hooks/" + owner))).size() >= 2);
		await().during(Duration.ofSeconds(2))
			.atMost(Duration.ofSeconds(5))
			.until(() -> receiver.findAll(postRequestedFor(urlPathEqualTo("/hooks/" + admin))).size() == 1);
		assertThat(exportIds("/hooks/" + admin)).containsExactly(adminsExport);
		assertThat(exportIds("/hooks/" + owner)).containsExactly(ownersExport);
	}

	private static List<String> exportIds(String path) {
		return receiver.findAll(postRequestedFor(urlPathEqualTo(path)))
			.stream()
			.map((request) -> JSON.readTree(request.getBodyAsString()).path("data").path("exportId").asString())
			.toList();
	}

	private static int patch(RestTestClient api, String id, String body) {
		return api.patch()
			.uri("/exports/{id}", id)
			.contentType(MediaType.valueOf("application/merge-patch+json"))
			.body(body)
			.exchange()
			.returnResult(JsonNode.class)
			.getStatus()
			.value();
	}

	@Test
	void anotherCallersSubscriptionIsNotFoundButAnAdminsSeeIt() {
		String owner = newOwner();
		RestTestClient api = as(token(owner, "exports:read", "exports:write"));
		String id = subscribe(api, "http://localhost:" + receiver.port() + "/hooks/" + owner, "export.deleted")
			.path("id")
			.asString();
		RestTestClient other = as(token(newOwner(), "exports:read", "exports:write"));

		for (String uri : List.of("/webhooks/" + id, "/webhooks/" + id + "/deliveries")) {
			other.get().uri(uri).exchange().expectStatus().isNotFound();
		}
		other.post()
			.uri("/webhooks/" + id + "/deliveries/" + UUID.randomUUID() + "/redeliver")
			.exchange()
			.expectStatus()
			.isNotFound();
		other.delete().uri("/webhooks/" + id).exchange().expectStatus().isNotFound();
		assertThat(text(other, "/webhooks")).doesNotContain(id);
		as(token("an-admin", "exports:read", "exports:admin")).get()
			.uri("/webhooks/" + id)
			.exchange()
			.expectStatus()
			.isOk();
		as(token(owner, "exports:read")).delete().uri("/webhooks/" + id).exchange().expectStatus().isForbidden();

		api.delete().uri("/webhooks/" + id).exchange().expectStatus().isNoContent();
		api.get().uri("/webhooks/" + id).exchange().expectStatus().isNotFound();
	}

	@Test
	void aRefusedTargetOrAnUnknownEventIsA400NamingTheField() {
		RestTestClient api = as(token(newOwner(), "exports:read", "exports:write"));
		assertRefused(api, "http://127.0.0.1:" + receiver.port() + "/hook", "export.succeeded", "url");
		assertRefused(api, "http://169.254.169.254/latest/meta-data/", "export.succeeded", "url");
		assertRefused(api, "http://localhost:" + receiver.port() + "/hook", "run.started", "events[0]");
		assertRefused(api, "http://localhost:" + receiver.port() + "/hook", "export.started", "events[0]");
	}

	static void assertRefused(RestTestClient api, String url, String event, String field) {
		JsonNode problem = api.post()
			.uri("/webhooks")
			.contentType(MediaType.APPLICATION_JSON)
			.body("{\"url\": \"" + url + "\", \"events\": [\"" + event + "\"]}")
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectBody(JsonNode.class)
			.returnResult()
			.getResponseBody();
		assertThat(problem.path("errors").findValuesAsString("field")).as(problem.toString()).containsExactly(field);
	}

	private static void assertSignedBy(String secret, LoggedRequest request) {
		SignatureCheck.assertSignedBy(secret, request);
	}

	private static JsonNode event(List<LoggedRequest> received, String exportId) {
		return received.stream()
			.map((request) -> JSON.readTree(request.getBodyAsString()))
			.filter((event) -> event.path("data").path("exportId").asString().equals(exportId))
			.findFirst()
			.orElseThrow(() -> new AssertionError("No event of export " + exportId));
	}

	static JsonNode subscribe(RestTestClient api, String url, String... events) {
		return api.post()
			.uri("/webhooks")
			.contentType(MediaType.APPLICATION_JSON)
			.body(JSON.writeValueAsString(java.util.Map.of("url", url, "events", List.of(events))))
			.exchange()
			.expectStatus()
			.isCreated()
			.expectHeader()
			.valueMatches("Location", "/webhooks/[0-9a-f-]{36}")
			.expectBody(JsonNode.class)
			.returnResult()
			.getResponseBody();
	}

	private static JsonNode json(RestTestClient api, String uri) {
		return JSON.readTree(text(api, uri));
	}

	/** A caller of the test's own: no other test's exports reach its subscriptions. */
	static String newOwner() {
		return "webhook-owner-" + UUID.randomUUID().toString().substring(0, 8);
	}

}
