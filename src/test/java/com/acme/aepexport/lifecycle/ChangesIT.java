package com.acme.aepexport.lifecycle;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

import com.github.tomakehurst.wiremock.stubbing.Scenario;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.http.MediaType;

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
		assertThat(problem.path("errors").findValuesAsString("field")).containsExactly("destination", "file");
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
