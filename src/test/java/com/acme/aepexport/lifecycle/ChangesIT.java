package com.acme.aepexport.lifecycle;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import com.github.tomakehurst.wiremock.stubbing.Scenario;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.EntityExchangeResult;

import com.acme.aepexport.emulator.AdobeEmulator;
import com.acme.aepexport.support.AdobeJournal;
import com.acme.aepexport.support.AdobeJournal.Call;
import com.acme.aepexport.support.IntegrationTest;

import static com.acme.aepexport.support.AdobeJournal.FLOW_SERVICE;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * "Add this audience, change the schedule": {@code PATCH /exports/{id}} computes the
 * difference against the flow as Adobe holds it and sends one minimal JSON Patch.
 */
class ChangesIT extends IntegrationTest {

	private static final String SELECTORS = "/transformations/0/params/segmentSelectors/selectors";

	@Test
	void addingAnAudienceSendsExactlyOneAddOperationWithTheFlowsEtag() {
		Export export = succeeded("a1");

		JsonNode changed = patchExport(export, """
				{"audiences": [{"id": "a1"}, {"id": "a2", "name": "Lapsed buyers"}]}""", 200);

		Call change = lastFlowPatch(export);
		assertThat(change.body()).hasSize(1);
		assertThat(change.body().path(0).path("op").asString()).isEqualTo("add");
		assertThat(change.body().path(0).path("path").asString()).isEqualTo(SELECTORS + "/-");
		assertThat(change.body().path(0).path("value").path("value").path("id").asString()).isEqualTo("a2");
		assertThat(change.header("If-Match")).isEqualTo(flowAsReadBefore(export, change).path("etag").asString());
		assertThat(selectorIds(export)).containsExactly("a1", "a2");
		assertThat(changed.path("audiences").findValuesAsString("id")).containsExactly("a1", "a2");
	}

	@Test
	void removingAnAudienceRemovesItAtItsIndexInAdobesOrderNotOurs() throws Exception {
		Export export = succeeded("a1", "a2", "a3");
		// Someone reordered the flow in Adobe: a3, a1, a2.
		JsonNode flow = this.emulator.entity("flows", export.flowId()).orElseThrow();
		JsonNode a3 = flow.path("transformations")
			.path(0)
			.path("params")
			.path("segmentSelectors")
			.path("selectors")
			.path(2);
		adobePatch(export, flow.path("etag").asString(), "[{\"op\": \"remove\", \"path\": \"" + SELECTORS
				+ "/2\"}, {\"op\": \"add\", \"path\": \"" + SELECTORS + "/0\", \"value\": " + a3 + "}]");
		assertThat(selectorIds(export)).containsExactly("a3", "a1", "a2");

		patchExport(export, "{\"audiences\": [{\"id\": \"a1\"}, {\"id\": \"a3\"}]}", 200);

		Call change = lastFlowPatch(export);
		assertThat(change.body()).isEqualTo(JSON.readTree("""
				[{"op": "remove", "path": "%s/2", "value": {"type": "PLATFORM_SEGMENT", "value": {}}}]"""
			.formatted(SELECTORS)));
		assertThat(selectorIds(export)).containsExactly("a3", "a1");
	}

	@Test
	void aStaleEtagReadsTheFlowAgainAndAnAudienceAlreadyThereIsNotAddedTwice() throws Exception {
		Export export = succeeded("a1");
		JsonNode stale = this.emulator.entity("flows", export.flowId()).orElseThrow();
		// Someone else adds a2 first, just as we would (our defaults: daily from today at
		// 00:00); our service still reads the flow as it was before.
		JsonNode a2 = JSON.readTree("""
				{"type": "PLATFORM_SEGMENT", "value": {"id": "a2", "exportMode": "DAILY_FULL_EXPORT", "schedule":
				 {"frequency": "DAILY", "triggerType": "SCHEDULED", "startDate": "%s", "startTime": "00:00"}}}"""
			.formatted(LocalDate.now(ZoneOffset.UTC)));
		adobePatch(export, stale.path("etag").asString(),
				"[{\"op\": \"add\", \"path\": \"" + SELECTORS + "/-\", \"value\": " + a2 + "}]");
		this.adobe.stubFor(get(urlPathEqualTo(FLOW_SERVICE + "/flows/" + export.flowId())).atPriority(1)
			.inScenario("stale read")
			.whenScenarioStateIs(Scenario.STARTED)
			.willReturn(okJson(JSON.createObjectNode().set("items", JSON.createArrayNode().add(stale)).toString()))
			.willSetStateTo("fresh"));

		patchExport(export, "{\"audiences\": [{\"id\": \"a1\"}, {\"id\": \"a2\"}]}", 200);

		List<Call> patches = flowPatches(export);
		assertThat(patches).hasSize(2);
		assertThat(patches.get(1).status()).as("our PATCH, sent with the stale etag").isEqualTo(412);
		assertThat(selectorIds(export)).containsExactly("a1", "a2");
	}

	@Test
	void aStaleEtagReadsTheFlowAgainAndReappliesWhatIsStillMissing() {
		Export export = succeeded("a1");
		this.adobe.stubFor(patch(urlPathEqualTo(FLOW_SERVICE + "/flows/" + export.flowId())).atPriority(1)
			.inScenario("412 once")
			.whenScenarioStateIs(Scenario.STARTED)
			.willReturn(aResponse().withStatus(412)
				.withHeader("Content-Type", "application/json")
				.withBody("{\"errorMessage\": \"Supplied version=[x] does not match\", \"errorDetails\": \"\"}"))
			.willSetStateTo("current"));

		patchExport(export, "{\"audiences\": [{\"id\": \"a1\"}, {\"id\": \"a2\"}]}", 200);

		assertThat(flowPatches(export)).extracting(Call::status).containsExactly(412, 200);
		assertThat(selectorIds(export)).containsExactly("a1", "a2");
	}

	@Test
	void aTransientFaultOnReadingTheFlowIsRetried() {
		Export export = succeeded("a1");
		this.adobe.stubFor(get(urlPathEqualTo(FLOW_SERVICE + "/flows/" + export.flowId())).atPriority(1)
			.inScenario("503 once")
			.whenScenarioStateIs(Scenario.STARTED)
			.willReturn(aResponse().withStatus(503))
			.willSetStateTo("up"));

		patchExport(export, "{\"audiences\": [{\"id\": \"a1\"}, {\"id\": \"a2\"}]}", 200);

		assertThat(AdobeJournal.of(this.adobe, export.sandbox())
			.calls("GET", FLOW_SERVICE + "/flows/" + export.flowId())
			.stream()
			.map(Call::status)).startsWith(503);
		assertThat(flowPatches(export)).extracting(Call::status).containsExactly(200);
		assertThat(selectorIds(export)).containsExactly("a1", "a2");
	}

	@Test
	void aNewScheduleReplacesTheSelectorKeepingWhatAdobeWrote() {
		Export export = succeeded("a1");
		JsonNode before = this.emulator.entity("flows", export.flowId())
			.orElseThrow()
			.path("transformations")
			.path(0)
			.path("params")
			.path("segmentSelectors")
			.path("selectors")
			.path(0)
			.path("value");

		JsonNode changed = patchExport(export, """
				{"schedule": {"exportMode": "FIRST_FULL_THEN_INCREMENTAL", "frequency": "EVERY_6_HOURS",
				 "startDate": "2027-01-01", "startTime": "06:00"}}""", 200);

		Call change = lastFlowPatch(export);
		assertThat(change.body()).hasSize(1);
		JsonNode replace = change.body().path(0);
		assertThat(replace.path("op").asString()).isEqualTo("replace");
		assertThat(replace.path("path").asString()).isEqualTo(SELECTORS + "/0");
		assertThat(replace.path("value").path("value").path("createTime")).isEqualTo(before.path("createTime"));
		assertThat(replace.path("value").path("value").path("schedule")).isEqualTo(JSON.readTree("""
				{"frequency": "EVERY_6_HOURS", "startDate": "2027-01-01", "startTime": "06:00"}"""));
		assertThat(changed.path("audiences").path(0).path("schedule").path("frequency").asString())
			.isEqualTo("EVERY_6_HOURS");
	}

	/**
	 * The file name of an audience's files is its selector's {@code filenameTemplate}: a
	 * new one replaces the selector, with everything else it held.
	 */
	@Test
	void aNewFileNameTemplateReplacesTheSelectorWithOnlyTheTemplateChanged() {
		Export export = succeeded("a1");
		JsonNode before = this.emulator.entity("flows", export.flowId())
			.orElseThrow()
			.path("transformations")
			.path(0)
			.path("params")
			.path("segmentSelectors")
			.path("selectors")
			.path(0);
		String template = "acme_%SEGMENT_NAME%_%DATETIME(YYYYMMdd_HHmmss)%";

		JsonNode changed = patchExport(export,
				"{\"audiences\": [{\"id\": \"a1\", \"filenameTemplate\": \"" + template + "\"}]}", 200);

		ObjectNode expected = (ObjectNode) before.deepCopy();
		((ObjectNode) expected.path("value")).put("filenameTemplate", template);
		Call change = lastFlowPatch(export);
		assertThat(change.body()).isEqualTo(JSON.createArrayNode()
			.add(JSON.createObjectNode().put("op", "replace").put("path", SELECTORS + "/0").set("value", expected)));
		assertThat(change.header("If-Match")).isEqualTo(flowAsReadBefore(export, change).path("etag").asString());
		assertThat(changed.path("audiences").path(0).path("filenameTemplate").asString()).isEqualTo(template);
		assertThat(
				this.exportsClient.getExport(export.id()).path("audiences").path(0).path("filenameTemplate").asString())
			.isEqualTo(template);
	}

	@Test
	void clearingMandatoryFieldsSendsThemEmpty() {
		Export export = succeeded("a1");

		patchExport(export, "{\"mandatoryFields\": null}", 200);

		assertThat(lastFlowPatch(export).body()).isEqualTo(JSON.readTree("""
				[{"op": "add", "path": "/transformations/0/params/mandatoryFields", "value": []}]"""));
	}

	@Test
	void whatCannotChangeInPlaceIs422AndNothingReachesAdobe() {
		Export export = succeeded("a1");

		JsonNode problem = patchExport(export, """
				{"destination": {"type": "DATA_LANDING_ZONE", "path": "elsewhere"}, "file": {"format": "JSON"}}""",
				422);

		assertThat(problem.path("type").asString())
			.isEqualTo("https://aep-export-facade.acme.com/problems/not-changeable-in-place");
		assertThat(problem.path("errors").findValuesAsString("field")).containsExactly("destination", "file.format");
		assertThat(flowPatches(export)).isEmpty();
	}

	@Test
	void aBadPatchIs400AndAnExportThatIsNotSucceededIs409() {
		Export export = succeeded("a1");
		JsonNode problem = patchExport(export, "{\"audiences\": [], \"colour\": \"blue\"}", 400);
		assertThat(problem.path("errors").findValuesAsString("field")).containsExactlyInAnyOrder("audiences", "colour");

		this.adobe.stubFor(com.github.tomakehurst.wiremock.client.WireMock
			.post(urlPathEqualTo(FLOW_SERVICE + "/targetConnections"))
			.atPriority(1)
			.willReturn(aResponse().withStatus(400).withBody("{\"errorMessage\": \"bad\"}")));
		String failed = startExport(example("DATA_LANDING_ZONE", newSandbox()));
		awaitFinished(failed);
		this.api.patch()
			.uri("/exports/{id}", failed)
			.contentType(MediaType.valueOf("application/merge-patch+json"))
			.body("{\"audiences\": [{\"id\": \"a9\"}]}")
			.exchange()
			.expectStatus()
			.isEqualTo(409);
	}

	/**
	 * Two changes at once, without If-Match: both are applied, one after the other, in
	 * the order they were accepted; both callers hear so, and the export then shows what
	 * Adobe's flow holds: the later change.
	 */
	@Test
	void twoSimultaneousChangesAreAppliedInTurnAndTheExportShowsWhatAdobeHolds() throws Exception {
		Export export = succeeded("a1");
		slowFlowPatches(export, 700);
		Map<String, String> bodies = Map.of("a2", "{\"audiences\": [{\"id\": \"a1\"}, {\"id\": \"a2\"}]}", "a3",
				"{\"audiences\": [{\"id\": \"a1\"}, {\"id\": \"a3\"}]}");

		Map<String, Answer> answers = atOnce(export, bodies, null);

		assertThat(answers.values()).extracting(Answer::status).containsOnly(200);
		String later = answers.entrySet()
			.stream()
			.filter((answer) -> answer.getValue().body().path("change").path("revision").asInt() == 2)
			.map(Map.Entry::getKey)
			.findFirst()
			.orElseThrow();
		JsonNode now = this.exportsClient.getExport(export.id());
		assertThat(now.path("audiences").findValuesAsString("id")).containsExactly("a1", later)
			.isEqualTo(selectorIds(export));
		assertThat(now.path("change").path("revision").asInt()).isEqualTo(2);
		assertThat(now.path("change").path("status").asString()).isEqualTo("APPLIED");
		assertThat(flowPatches(export)).extracting(Call::status).containsOnly(200);
		assertThat(
				this.jdbc.queryForList("select status from export_change where export_id = ?::uuid order by revision",
						String.class, export.id()))
			.containsExactly("APPLIED", "APPLIED");
	}

	/**
	 * Two changes of the same version (If-Match): one is applied, the other is a 412 that
	 * reaches no Adobe; a weak or unknown tag is a 412 too, and the new ETag works.
	 */
	@Test
	void changesOfOneVersionAreAppliedOnceAndTheOtherIsPreconditionFailed() throws Exception {
		Export export = succeeded("a1");
		slowFlowPatches(export, 300);
		String etag = this.api.get()
			.uri("/exports/{id}", export.id())
			.exchange()
			.expectStatus()
			.isOk()
			.returnResult(JsonNode.class)
			.getResponseHeaders()
			.getETag();
		assertThat(etag).matches("\"\\d+\"");

		Map<String, Answer> answers = atOnce(export,
				Map.of("a2", "{\"audiences\": [{\"id\": \"a1\"}, {\"id\": \"a2\"}]}", "a3",
						"{\"audiences\": [{\"id\": \"a1\"}, {\"id\": \"a3\"}]}"),
				etag);

		assertThat(answers.values()).extracting(Answer::status).containsExactlyInAnyOrder(200, 412);
		Answer winner = answers.values().stream().filter((answer) -> answer.status() == 200).findFirst().orElseThrow();
		Answer loser = answers.values().stream().filter((answer) -> answer.status() == 412).findFirst().orElseThrow();
		assertThat(loser.body().path("type").asString())
			.isEqualTo("https://aep-export-facade.acme.com/problems/version-mismatch");
		assertThat(winner.etag()).isNotEqualTo(etag);
		assertThat(selectorIds(export)).isEqualTo(winner.body().path("audiences").findValuesAsString("id"));
		assertThat(flowPatches(export)).hasSize(1);

		assertThat(change(export, "{\"audiences\": [{\"id\": \"a1\"}]}", "W/" + winner.etag()).status()).isEqualTo(412);
		assertThat(change(export, "{\"audiences\": [{\"id\": \"a1\"}]}", "\"nonsense\"").status()).isEqualTo(412);
		assertThat(flowPatches(export)).hasSize(1);
		Answer again = change(export, "{\"audiences\": [{\"id\": \"a1\"}]}", winner.etag());
		assertThat(again.status()).isEqualTo(200);
		assertThat(selectorIds(export)).containsExactly("a1");
	}

	/**
	 * Adobe answers the flow's PATCH with 503 three times, asking for 4 s each time: the
	 * caller is answered 202 within exports.changes.answer-within (10 s; the test's
	 * client, as Spring's on Reactor Netty, gives up at 10 s), the change PENDING; a
	 * worker carries it on, and it is applied.
	 */
	@Test
	void aChangeAdobeIsSlowToConfirmIsAnswered202WithinTheBudgetAndAppliedAfter() {
		Export export = succeeded("a1");
		for (int i = 0; i < 3; i++) {
			this.adobe.stubFor(patch(urlPathEqualTo(FLOW_SERVICE + "/flows/" + export.flowId())).atPriority(1)
				.inScenario("busy " + export.sandbox())
				.whenScenarioStateIs((i == 0) ? Scenario.STARTED : "busy " + i)
				.willSetStateTo("busy " + (i + 1))
				.willReturn(aResponse().withStatus(503)
					.withHeader("Retry-After", "4")
					.withBody("{\"error_code\": \"503000\", \"message\": \"busy\"}")));
		}
		Instant asked = Instant.now();

		Answer answer = change(export, "{\"audiences\": [{\"id\": \"a1\"}, {\"id\": \"a2\"}]}", null);

		Duration waited = Duration.between(asked, Instant.now());
		assertThat(answer.status()).as(answer.body().toString()).isEqualTo(202);
		assertThat(waited).as("within exports.changes.answer-within, and the client's own 10 s")
			.isBetween(Duration.ofSeconds(8), Duration.ofSeconds(10));
		assertThat(answer.location()).isEqualTo("/exports/" + export.id());
		assertThat(answer.body().path("change").path("status").asString()).isEqualTo("PENDING");
		assertThat(answer.body().path("audiences").findValuesAsString("id")).as("what Adobe confirmed so far")
			.containsExactly("a1");
		JsonNode accepted = getJson("/exports/" + export.id() + "/history", 200).path("items").path(0);
		assertThat(accepted.path("kind").asString()).isEqualTo("CHANGED");
		assertThat(accepted.path("outcome").asString()).isEqualTo("ACCEPTED");
		assertThat(accepted.path("finishedAt").isNull()).isTrue();
		assertThat(accepted.path("adobeCalls")).isEmpty();
		JsonNode applied = await().atMost(Duration.ofSeconds(20))
			.until(() -> this.exportsClient.getExport(export.id()),
					(now) -> now.path("change").path("status").asString().equals("APPLIED"));
		assertThat(applied.path("audiences").findValuesAsString("id")).containsExactly("a1", "a2")
			.isEqualTo(selectorIds(export));
		assertThat(flowPatches(export)).extracting(Call::status).containsExactly(503, 503, 503, 200);
		JsonNode landed = getJson("/exports/" + export.id() + "/history", 200).path("items").path(0);
		assertThat(landed.path("id")).as("the same entry, its outcome set when the change landed")
			.isEqualTo(accepted.path("id"));
		assertThat(landed.path("outcome").asString()).isEqualTo("APPLIED");
		assertThat(landed.path("revision")).isEqualTo(answer.body().path("change").path("revision"));
		assertThat(landed.path("adobeCalls")).hasSize(1);
		assertThat(landed.path("adobeCalls").path(0).path("kind").asString()).isEqualTo("FLOW_CHANGED");
		assertThat(landed.path("adobeCalls").path(0).path("etag").asString()).as("the etag of the PATCH that took")
			.isEqualTo(flowPatches(export).getLast().answer().path("etag").asString());
	}

	@Test
	void aChangeAdobeRefusesIs502AndTheExportSaysSoChangingNothing() {
		Export export = succeeded("a1");
		this.adobe.stubFor(patch(urlPathEqualTo(FLOW_SERVICE + "/flows/" + export.flowId())).atPriority(1)
			.willReturn(aResponse().withStatus(400)
				.withHeader("Content-Type", "application/json")
				.withBody("{\"type\": \"https://ns.adobe.com/aep/errors/FLOW-1000-400\", \"title\": \"Bad Request\","
						+ " \"status\": 400, \"errorMessage\": \"Segment a2 does not exist\"}")));

		Answer answer = change(export, "{\"audiences\": [{\"id\": \"a1\"}, {\"id\": \"a2\"}]}", null);

		assertThat(answer.status()).isEqualTo(502);
		assertThat(answer.body().path("adobeStatus").asInt()).isEqualTo(400);
		JsonNode now = this.exportsClient.getExport(export.id());
		assertThat(now.path("change").path("status").asString()).isEqualTo("FAILED");
		assertThat(now.path("change").path("error").path("httpStatus").asInt()).isEqualTo(400);
		assertThat(now.path("change").path("error").path("retryable").asBoolean()).isFalse();
		assertThat(now.path("audiences").findValuesAsString("id")).containsExactly("a1").isEqualTo(selectorIds(export));
	}

	/** Sends each body at the same moment, with {@code ifMatch} if any; by key. */
	private Map<String, Answer> atOnce(Export export, Map<String, String> bodies, String ifMatch) throws Exception {
		CyclicBarrier start = new CyclicBarrier(bodies.size());
		try (ExecutorService callers = Executors.newFixedThreadPool(bodies.size())) {
			Map<String, Future<Answer>> sent = new LinkedHashMap<>();
			bodies.forEach((key, body) -> sent.put(key, callers.submit(() -> {
				start.await();
				return change(export, body, ifMatch);
			})));
			Map<String, Answer> answers = new LinkedHashMap<>();
			for (Map.Entry<String, Future<Answer>> answer : sent.entrySet()) {
				answers.put(answer.getKey(), answer.getValue().get(30, TimeUnit.SECONDS));
			}
			return answers;
		}
	}

	/** Adobe takes this long to answer the export's flow PATCHes (and does them). */
	private void slowFlowPatches(Export export, int millis) {
		this.adobe.stubFor(patch(urlPathEqualTo(FLOW_SERVICE + "/flows/" + export.flowId())).atPriority(2)
			.willReturn(aResponse().withTransformers(AdobeEmulator.NAME).withFixedDelay(millis)));
	}

	private Answer change(Export export, String body, String ifMatch) {
		EntityExchangeResult<JsonNode> result = this.api.patch()
			.uri("/exports/{id}", export.id())
			.contentType(MediaType.valueOf("application/merge-patch+json"))
			.headers((headers) -> {
				if (ifMatch != null) {
					headers.setIfMatch(ifMatch);
				}
			})
			.body(body)
			.exchange()
			.returnResult(JsonNode.class);
		return new Answer(result.getStatus().value(), result.getResponseBody(), result.getResponseHeaders().getETag(),
				result.getResponseHeaders().getFirst("Location"));
	}

	record Answer(int status, JsonNode body, String etag, String location) {

	}

	private Export succeeded(String... audienceIds) {
		String sandbox = newSandbox();
		ObjectNode body = example("DATA_LANDING_ZONE", sandbox);
		ArrayNode audiences = body.putArray("audiences");
		for (String id : audienceIds) {
			audiences.addObject().put("id", id);
		}
		String id = startExport(body);
		JsonNode export = awaitFinished(id);
		assertThat(export.path("status").asString()).isEqualTo("SUCCEEDED");
		this.adobe.resetRequests();
		return new Export(id, export.path("flowId").asString(), sandbox);
	}

	private JsonNode patchExport(Export export, String body, int status) {
		return this.api.patch()
			.uri("/exports/{id}", export.id())
			.contentType(MediaType.valueOf("application/merge-patch+json"))
			.body(body)
			.exchange()
			.expectStatus()
			.isEqualTo(status)
			.expectBody(JsonNode.class)
			.returnResult()
			.getResponseBody();
	}

	private List<Call> flowPatches(Export export) {
		return AdobeJournal.of(this.adobe, export.sandbox()).calls("PATCH", FLOW_SERVICE + "/flows/" + export.flowId());
	}

	private Call lastFlowPatch(Export export) {
		List<Call> patches = flowPatches(export);
		assertThat(patches).isNotEmpty();
		return patches.getLast();
	}

	/** The flow as our service read it just before the change. */
	private JsonNode flowAsReadBefore(Export export, Call change) {
		List<Call> reads = AdobeJournal.of(this.adobe, export.sandbox())
			.calls("GET", FLOW_SERVICE + "/flows/" + export.flowId());
		return reads.getLast().answer().path("items").path(0);
	}

	private List<String> selectorIds(Export export) {
		return this.emulator.entity("flows", export.flowId())
			.orElseThrow()
			.path("transformations")
			.path(0)
			.path("params")
			.path("segmentSelectors")
			.path("selectors")
			.findValuesAsString("id");
	}

	/** Someone else changes the flow in Adobe, with their own token. */
	private void adobePatch(Export export, String etag, String operations) throws IOException, InterruptedException {
		HttpClient http = HttpClient.newHttpClient();
		String form = "grant_type=client_credentials&client_id=" + AdobeEmulator.CLIENT_ID + "&client_secret="
				+ AdobeEmulator.CLIENT_SECRET + "&scope=" + URLEncoder.encode("openid,AdobeID", StandardCharsets.UTF_8);
		String token = JSON
			.readTree(http.send(HttpRequest.newBuilder(URI.create(this.adobe.baseUrl() + "/ims/token/v3"))
				.header("Content-Type", "application/x-www-form-urlencoded")
				.POST(HttpRequest.BodyPublishers.ofString(form))
				.build(), HttpResponse.BodyHandlers.ofString()).body())
			.path("access_token")
			.asString();
		HttpResponse<String> response = http
			.send(HttpRequest.newBuilder(URI.create(this.adobe.baseUrl() + FLOW_SERVICE + "/flows/" + export.flowId()))
				.header("Authorization", "Bearer " + token)
				.header("x-api-key", AdobeEmulator.CLIENT_ID)
				.header("x-gw-ims-org-id", AdobeEmulator.ORG_ID)
				.header("x-sandbox-name", export.sandbox())
				.header("Content-Type", "application/json")
				.header("If-Match", etag)
				.method("PATCH", HttpRequest.BodyPublishers.ofString(operations))
				.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
	}

	record Export(String id, String flowId, String sandbox) {

	}

}
