package com.acme.aepexport.lifecycle;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.http.HttpHeaders;

import com.acme.aepexport.emulator.AdobeEmulator;
import com.acme.aepexport.support.AdobeJournal;
import com.acme.aepexport.support.IntegrationTest;

import static com.acme.aepexport.support.AdobeJournal.FLOW_SERVICE;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * "Did my files go out?": the dataflow's runs, simplified, paged, filtered, and cheap to
 * poll.
 */
class RunsIT extends IntegrationTest {

	@Test
	void runsArePagedNewestFirstWithAnOpaqueTokenAcrossEveryPage() {
		Export export = succeededExportWithAudiences(5);

		List<String> seen = new ArrayList<>();
		String token = null;
		int pages = 0;
		do {
			JsonNode page = getJson("/exports/" + export.id() + "/runs?limit=2"
					+ ((token != null) ? "&continuationToken=" + token : ""), 200);
			page.path("items").forEach((run) -> seen.add(run.path("id").asString()));
			token = page.path("continuationToken").isString() ? page.path("continuationToken").asString() : null;
			pages++;
		}
		while (token != null);

		List<String> newestFirst = this.emulator.entities("runs")
			.stream()
			.filter((run) -> run.path("flowId").asString().equals(export.flowId()))
			.sorted((a, b) -> Long.compare(b.path("createdAt").asLong(), a.path("createdAt").asLong()))
			.map((run) -> run.path("id").asString())
			.toList();
		assertThat(pages).isEqualTo(3);
		assertThat(seen).containsExactlyElementsOf(newestFirst).hasSize(5);
	}

	@Test
	void everyFieldOfAdobesRunIsMapped() {
		Export export = succeededExportWithAudiences(1);
		this.adobe.stubFor(get(urlPathEqualTo(FLOW_SERVICE + "/runs")).atPriority(1)
			.withQueryParam("property", containing(export.flowId()))
			.willReturn(
					okJson("""
							{"items": [{
							  "id": "e80e24c1", "createdAt": 1659018528378, "updatedAt": 1659019046995, "flowId": "%s",
							  "metrics": {
							    "durationSummary": {"startedAtUTC": 1659018529865, "completedAtUTC": 1659018929923},
							    "sizeSummary": {"inputBytes": 855202780, "outputBytes": 855202700},
							    "recordSummary": {"inputRecordCount": 7823447, "outputRecordCount": 7808223,
							      "failedRecordCount": 3, "skippedRecordCount": 15224,
							      "targetSummaries": [{"id": "t1", "entitySummaries": [{"id": "segment:aud-1"}, {"id": "segment:aud-2"}]}],
							      "failedInfo": [{"code": "ACTIVATION_BATCH-0000-FAILED", "message": "Job aborted."}]},
							    "fileSummary": {"inputFileCount": 2, "outputFileCount": 2},
							    "statusSummary": {"status": "Failed", "errors": [{"code": "ACTIVATION_BATCH-0000-FAILED", "message": "Job aborted."}]}
							  },
							  "activities": []
							}]}"""
						.formatted(export.flowId()))));

		JsonNode run = getJson("/exports/" + export.id() + "/runs", 200).path("items").path(0);

		assertThat(run).isEqualTo(JSON.readTree("""
				{"id": "e80e24c1", "status": "FAILED", "audienceIds": ["aud-1", "aud-2"],
				 "startedAt": "2022-07-28T14:28:49.865Z", "completedAt": "2022-07-28T14:35:29.923Z",
				 "records": {"received": 7823447, "activated": 7808223, "failed": 3, "skipped": 15224},
				 "files": 2, "bytes": 855202700,
				 "errors": [{"code": "ACTIVATION_BATCH-0000-FAILED", "message": "Job aborted."}]}"""));
	}

	@Test
	void identicalQueriesAreAnsweredFromTheCacheAndPollingWithTheEtagCostsA304() {
		Export export = succeededExportWithAudiences(1);
		String runs = "/exports/" + export.id() + "/runs?limit=10";

		String etag = this.api.get()
			.uri(runs)
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.valueMatches(HttpHeaders.CACHE_CONTROL, ".*max-age=30.*")
			.returnResult()
			.getResponseHeaders()
			.getETag();
		getJson(runs, 200);
		this.api.get().uri(runs).header(HttpHeaders.IF_NONE_MATCH, etag).exchange().expectStatus().isNotModified();

		assertThat(AdobeJournal.of(this.adobe, export.sandbox())
			.calls("GET", FLOW_SERVICE + "/runs")
			.stream()
			.filter((call) -> call.event().getRequest().getUrl().contains("limit=10&")))
			.as("three polls, one question to Adobe")
			.hasSize(1);
	}

	@Test
	void runsCanBeNarrowedToAnAudienceOrAStatus() {
		Export export = succeededExportWithAudiences(3);
		String audience = export.audienceIds().get(1);

		JsonNode ofOne = getJson("/exports/" + export.id() + "/runs?audienceId=" + audience, 200);
		assertThat(ofOne.path("items")).hasSize(1);
		assertThat(ofOne.path("items").path(0).path("audienceIds").path(0).asString()).isEqualTo(audience);
		assertThat(getJson("/exports/" + export.id() + "/runs?status=success", 200).path("items")).hasSize(3);
		assertThat(getJson("/exports/" + export.id() + "/runs?status=FAILED", 200).path("items")).isEmpty();
	}

	@Test
	void oneRunIsShownAndAnotherFlowsRunIsNotFound() {
		Export export = succeededExportWithAudiences(1);
		String runId = getJson("/exports/" + export.id() + "/runs", 200).path("items").path(0).path("id").asString();

		assertThat(getJson("/exports/" + export.id() + "/runs/" + runId, 200).path("id").asString()).isEqualTo(runId);
		this.adobe.stubFor(get(urlPathEqualTo(FLOW_SERVICE + "/runs/other-flows-run")).atPriority(1)
			.willReturn(okJson("{\"items\": [{\"id\": \"other-flows-run\", \"flowId\": \"another-flow\"}]}")));
		getJson("/exports/" + export.id() + "/runs/other-flows-run", 404);
		getJson("/exports/" + export.id() + "/runs/no-such-run", 404);
	}

	@Test
	void theExportShowsTheLatestRunOfEachAudience() {
		Export export = succeededExportWithAudiences(2);

		JsonNode latest = getExport(export.id()).path("latestRuns");

		assertThat(latest.findValuesAsString("audienceId")).containsExactlyInAnyOrderElementsOf(export.audienceIds());
		assertThat(latest.findValuesAsString("status")).containsOnly("SUCCESS");
	}

	@Test
	void anExportWithoutDataflowHasNoRunsYetAndAForeignTokenIsRefused() {
		this.adobe.stubFor(post(urlPathEqualTo(FLOW_SERVICE + "/targetConnections")).atPriority(1)
			.willReturn(aResponse().withStatus(400).withBody("{\"errorMessage\": \"bad\"}")));
		String failed = startExport(example("AMAZON_S3", newSandbox()));
		assertThat(awaitFinished(failed).path("status").asString()).isEqualTo("FAILED");
		getJson("/exports/" + failed + "/runs", 409);

		this.adobe.resetMappings();
		this.adobe.stubFor(AdobeEmulator.catchAllStub());
		Export export = succeededExportWithAudiences(1);
		JsonNode problem = getJson("/exports/" + export.id() + "/runs?continuationToken=bm90LW91cnM", 400);
		assertThat(problem.path("errors").findValuesAsString("field")).containsExactly("continuationToken");
	}

	/** An export of the Data Landing Zone example with this many audiences, SUCCEEDED. */
	private Export succeededExportWithAudiences(int count) {
		String sandbox = newSandbox();
		ObjectNode body = example("DATA_LANDING_ZONE", sandbox);
		ArrayNode audiences = body.putArray("audiences");
		List<String> ids = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			String id = "aud-" + java.util.UUID.randomUUID();
			ids.add(id);
			audiences.addObject().put("id", id).put("name", "Audience " + i);
		}
		String id = startExport(body);
		JsonNode export = awaitFinished(id);
		assertThat(export.path("status").asString()).isEqualTo("SUCCEEDED");
		return new Export(id, export.path("flowId").asString(), sandbox, ids);
	}

	record Export(String id, String flowId, String sandbox, List<String> audienceIds) {

	}

}
