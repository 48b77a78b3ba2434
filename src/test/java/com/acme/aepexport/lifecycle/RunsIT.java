package com.acme.aepexport.lifecycle;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.http.HttpHeaders;

import com.acme.aepexport.emulator.AdobeEmulator;
import com.acme.aepexport.emulator.RunOutcome;
import com.acme.aepexport.emulator.RunScript;
import com.acme.aepexport.support.AdobeJournal;
import com.acme.aepexport.support.IntegrationTest;
import com.acme.aepexport.support.adobe.AdobeOpenApiValidator;

import static com.acme.aepexport.support.AdobeJournal.FLOW_SERVICE;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

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
				{"id": "e80e24c1", "status": "FAILED", "state": "FAILED", "audienceIds": ["aud-1", "aud-2"],
				 "createdAt": "2022-07-28T14:28:48.378Z",
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
	void theExportShowsTheLatestRunOfEachAudienceAsLastReadInTheBackground() {
		Export export = succeededExportWithAudiences(2);

		JsonNode shown = await().atMost(Duration.ofSeconds(10))
			.until(() -> getExport(export.id()), (view) -> view.path("latestRuns").size() == 2);

		JsonNode latest = shown.path("latestRuns");
		assertThat(latest.findValuesAsString("audienceId")).containsExactlyElementsOf(export.audienceIds());
		assertThat(latest.findValuesAsString("status")).containsOnly("SUCCESS");
		assertThat(latest.findValuesAsString("state")).containsOnly("SUCCEEDED");
		assertThat(Instant.parse(shown.path("latestRunsAsOf").asString())).isBefore(Instant.now().plusSeconds(1));
		assertThat(this.jdbc.queryForObject("select count(*) from run_snapshot where export_id = ?::uuid", Long.class,
				export.id()))
			.isEqualTo(1);
	}

	/**
	 * Adobe's runs wait, run, then end one way or another; each state reads without a
	 * fault, with what Adobe shows in it (nothing while waiting, a start and partial
	 * counts while running, an end only at the end).
	 */
	@Test
	void runsAreShownInEveryStateTheyPassThrough() {
		String sandbox = newSandbox();
		Map<String, RunOutcome> outcomes = Map.of("aud-success", RunOutcome.SUCCESS, "aud-failed", RunOutcome.FAILED,
				"aud-partial", RunOutcome.PARTIAL_SUCCESS, "aud-cancelled", RunOutcome.CANCELLED);
		this.emulator.runScript(sandbox,
				RunScript.of(Duration.ofHours(1), Duration.ofHours(1), RunOutcome.SUCCESS).ending(outcomes));
		ObjectNode body = example("DATA_LANDING_ZONE", sandbox);
		ArrayNode audiences = body.putArray("audiences");
		outcomes.keySet().stream().sorted().forEach((id) -> audiences.addObject().put("id", id));
		String id = startExport(body);
		assertThat(awaitFinished(id).path("status").asString()).isEqualTo("SUCCEEDED");

		// Waiting: Adobe names no audience, counts nothing, has neither start nor end.
		JsonNode waiting = getJson("/exports/" + id + "/runs?limit=11", 200).path("items");
		assertThat(waiting).hasSize(4);
		for (JsonNode run : waiting) {
			assertThat(run.path("state").asString()).isEqualTo("QUEUED");
			assertThat(run.path("status").asString()).isEqualTo("WAITING");
			assertThat(run.path("audienceIds")).isEmpty();
			assertThat(run.path("createdAt").isString()).isTrue();
			assertThat(run.path("startedAt").isNull()).isTrue();
			assertThat(run.path("completedAt").isNull()).isTrue();
			assertThat(run.path("records").isNull()).isTrue();
			assertThat(getJson("/exports/" + id + "/runs/" + run.path("id").asString(), 200).path("state").asString())
				.isEqualTo("QUEUED");
		}
		assertThat(getExport(id).path("status").asString()).isEqualTo("SUCCEEDED");
		// Runs that wait name no audience, yet they are read again soon,
		// not after an idle interval.
		Map<String, Object> read = await().atMost(Duration.ofSeconds(10))
			.until(() -> this.jdbc
				.queryForMap("select as_of, refresh_after from run_snapshot where export_id = ?::uuid", id),
					(row) -> row.get("as_of") != null);
		assertThat(Duration.between(((Timestamp) read.get("as_of")).toInstant(),
				((Timestamp) read.get("refresh_after")).toInstant()))
			.isLessThanOrEqualTo(Duration.ofMillis(360));
		assertThat(getExport(id).path("latestRuns")).isEmpty();

		this.emulator.passTime(sandbox, Duration.ofMinutes(90));
		JsonNode running = getJson("/exports/" + id + "/runs?limit=12", 200).path("items");
		assertThat(running).hasSize(4);
		for (JsonNode run : running) {
			assertThat(run.path("state").asString()).isEqualTo("RUNNING");
			assertThat(run.path("audienceIds")).hasSize(1);
			assertThat(run.path("startedAt").isString()).isTrue();
			assertThat(run.path("completedAt").isNull()).isTrue();
			assertThat(run.path("records").path("received").asLong()).isPositive();
			assertThat(run.path("records").path("activated").isNull()).isTrue();
			assertThat(run.path("files").isNull()).isTrue();
		}
		JsonNode latestWhileRunning = await().atMost(Duration.ofSeconds(10))
			.until(() -> getExport(id).path("latestRuns"), (latest) -> latest.size() == 4);
		assertThat(latestWhileRunning.findValuesAsString("state")).containsOnly("RUNNING");
		assertThat(getJson("/exports/" + id + "/runs?audienceId=aud-failed&limit=13", 200).path("items")).hasSize(1);

		this.emulator.passTime(sandbox, Duration.ofHours(1));
		Map<String, String> ended = new TreeMap<>();
		for (JsonNode run : getJson("/exports/" + id + "/runs?limit=14", 200).path("items")) {
			ended.put(run.path("audienceIds").path(0).asString(), run.path("state").asString());
			assertThat(run.path("completedAt").isString()).as(run.toString()).isTrue();
		}
		assertThat(ended).containsExactlyInAnyOrderEntriesOf(Map.of("aud-success", "SUCCEEDED", "aud-failed", "FAILED",
				"aud-partial", "PARTIALLY_SUCCEEDED", "aud-cancelled", "CANCELLED"));
		JsonNode failed = getJson("/exports/" + id + "/runs?status=failed&limit=15", 200).path("items");
		assertThat(failed).hasSize(1);
		assertThat(failed.path(0).path("errors").path(0).path("code").asString())
			.isEqualTo("ACTIVATION_BATCH-0000-FAILED");
		JsonNode latest = await().atMost(Duration.ofSeconds(10))
			.until(() -> getExport(id).path("latestRuns"),
					(runs) -> runs.findValuesAsString("state").stream().noneMatch("RUNNING"::equals));
		assertThat(latest.findValuesAsString("state")).containsExactlyInAnyOrder("SUCCEEDED", "FAILED",
				"PARTIALLY_SUCCEEDED", "CANCELLED");
		assertThat(getJson("/exports/" + id + "/runs?state=PARTIALLY_SUCCEEDED&limit=16", 200).path("items")
			.findValuesAsString("id")).hasSize(1);
		assertThat(getJson("/exports/" + id + "/runs?state=CANCELLED&limit=16", 200).path("items")
			.path(0)
			.path("audienceIds")
			.path(0)
			.asString()).isEqualTo("aud-cancelled");
		getJson("/exports/" + id + "/runs?state=FAILED&status=failed", 400);
		AdobeOpenApiValidator runsDocument = AdobeOpenApiValidator.flowService();
		if (runsDocument.available()) {
			runsDocument.assertAnswersValid(this.adobe);
		}
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
