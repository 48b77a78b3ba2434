package com.acme.aepexport.lifecycle;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.github.tomakehurst.wiremock.http.RequestMethod;
import com.github.tomakehurst.wiremock.matching.RequestPatternBuilder;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.RestTestClient;

import com.acme.aepexport.emulator.RunOutcome;
import com.acme.aepexport.emulator.RunScript;
import com.acme.aepexport.support.AdobeJournal;
import com.acme.aepexport.support.AdobeJournal.Call;
import com.acme.aepexport.support.IntegrationTest;
import com.acme.aepexport.support.adobe.AdobeOpenApiValidator;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Export now: one ad hoc activation job in Adobe (v2) for the export's dataflow, stored
 * with Adobe's answer, its runs listed with the dataflow's; each guardrail refused before
 * anything is sent to Adobe.
 */
class ActivationsIT extends IntegrationTest {

	private static final String ADHOC = "/data/core/activation/disflowprovider/adhocrun";

	private static final String V2 = "application/vnd.adobe.adhoc.activation+json; version=2";

	private static final String CHURN = "979558ae-a8ba-4e6e-b6ba-95c0a523b44a";

	private static final String LAPSED = "5b0a6f2e-3c1d-4b7e-9f21-0d8c7a6e4b3f";

	@Test
	void exportNowSendsOneV2JobForEveryAudienceStoresItsAnswerAndItsRunsAreListed() {
		String sandbox = newSandbox();
		String id = startExport(twoAudiences(sandbox));
		JsonNode export = awaitFinished(id);
		assertThat(export.path("status").asString()).as(export.toString()).isEqualTo("SUCCEEDED");
		String flowId = export.path("flowId").asString();

		var accepted = this.api.post()
			.uri("/exports/{id}/activations", id)
			.exchange()
			.expectStatus()
			.isAccepted()
			.expectBody(JsonNode.class)
			.returnResult();
		JsonNode job = accepted.getResponseBody();
		String location = accepted.getResponseHeaders().getLocation().toString();
		assertThat(location).isEqualTo("/exports/" + id + "/activations/" + job.path("id").asString());
		assertThat(getJson(location, 200)).isEqualTo(job);
		as(token("someone-else", "exports:read")).get().uri(location).exchange().expectStatus().isNotFound();
		this.api.get()
			.uri("/exports/{id}/activations/{job}", id, java.util.UUID.randomUUID())
			.exchange()
			.expectStatus()
			.isNotFound();

		Call sent = AdobeJournal.of(this.adobe, sandbox).only("POST", ADHOC);
		assertThat(sent.event().getRequest().getUrl()).as("no query").isEqualTo(ADHOC);
		assertThat(sent.header("Accept")).isEqualTo(V2);
		assertThat(sent.header("Content-Type")).startsWith("application/json");
		assertThat(sent.body())
			.isEqualTo(JSON.valueToTree(Map.of("activationInfo", Map.of(flowId, List.of(CHURN, LAPSED)))));
		JsonNode order = sent.answer().path("order");
		assertThat(order).hasSize(2);

		assertThat(job.path("status").asString()).isEqualTo("STARTED");
		assertThat(job.path("exportId").asString()).isEqualTo(id);
		assertThat(job.path("requestedBy").asString()).isEqualTo(CALLER);
		assertThat(strings(job.path("audienceIds"))).containsExactly(CHURN, LAPSED);
		List<String> runIds = new ArrayList<>();
		for (int i = 0; i < 2; i++) {
			JsonNode run = job.path("runs").path(i);
			assertThat(run.path("audienceId").asString()).isEqualTo(order.path(i).path("segment").asString());
			assertThat(run.path("orderId").asString()).as("Adobe's order: the dataflow").isEqualTo(flowId);
			assertThat(run.path("statusUrl").asString()).isEqualTo(order.path(i).path("statusURL").asString());
			assertThat(run.path("statusUrl").asString()).endsWith("/flowservice/runs/" + run.path("runId").asString());
			runIds.add(run.path("runId").asString());
		}

		Map<String, Object> row = this.jdbc
			.queryForMap("select id::text, status, audience_ids::text as audiences, runs::text as runs, requested_by, "
					+ "answered_at, extract(epoch from in_progress_until - requested_at)::int as held from activation where export_id = ?::uuid",
					id);
		assertThat(row.get("id")).isEqualTo(job.path("id").asString());
		assertThat(row.get("status")).isEqualTo("STARTED");
		assertThat(JSON.readTree((String) row.get("audiences"))).isEqualTo(job.path("audienceIds"));
		assertThat(JSON.readTree((String) row.get("runs"))).isEqualTo(job.path("runs"));
		assertThat(row.get("requested_by")).isEqualTo(CALLER);
		assertThat(row.get("answered_at")).isNotNull();
		assertThat(row.get("held")).as("exports.activations.in-progress-for, 3 h").isEqualTo(10800);

		JsonNode listed = getJson("/exports/" + id + "/runs?limit=100", 200);
		List<String> listedIds = new ArrayList<>();
		listed.path("items").forEach((run) -> listedIds.add(run.path("id").asString()));
		assertThat(listedIds).as("the job's runs with the dataflow's scheduled ones").containsAll(runIds).hasSize(4);
		assertThat(getJson("/exports/" + id + "/runs/" + runIds.getFirst(), 200).path("state").asString())
			.as("the emulator's runs end at once here")
			.isEqualTo("SUCCEEDED");

		// Its runs are over: the audiences are free again.
		this.api.post()
			.uri("/exports/{id}/activations", id)
			.contentType(MediaType.APPLICATION_JSON)
			.body("{\"audienceIds\": [\"" + LAPSED + "\"]}")
			.exchange()
			.expectStatus()
			.isAccepted();
		List<Call> jobs = AdobeJournal.of(this.adobe, sandbox).calls("POST", ADHOC);
		assertThat(jobs).hasSize(2);
		assertThat(jobs.getLast().body())
			.isEqualTo(JSON.valueToTree(Map.of("activationInfo", Map.of(flowId, List.of(LAPSED)))));
		assertThat(this.jdbc.queryForObject("select count(*) from activation where export_id = ?::uuid", Integer.class,
				id))
			.isEqualTo(2);
		AdobeOpenApiValidator adHoc = AdobeOpenApiValidator.adHocActivation();
		if (adHoc.available()) {
			assertThat(adHoc.isDocumented("POST", ADHOC)).isTrue();
			adHoc.assertValid(this.adobe);
			adHoc.assertAnswersValid(this.adobe);
		}
	}

	@Test
	void aJobWhoseRunsGoOnHoldsItsAudiencesUntilTheyEnd() {
		String sandbox = newSandbox();
		String id = startExport(twoAudiences(sandbox));
		assertThat(awaitFinished(id).path("status").asString()).isEqualTo("SUCCEEDED");
		// The scheduled runs are over; the ad hoc ones from now on wait, then run.
		this.emulator.runScript(sandbox,
				RunScript.of(Duration.ofMinutes(10), Duration.ofMinutes(10), RunOutcome.SUCCESS));

		activate(id, "{\"audienceIds\": [\"" + CHURN + "\"]}", 202);
		JsonNode refused = activate(id, "{\"audienceIds\": [\"" + LAPSED + "\", \"" + CHURN + "\"]}", 409);

		assertThat(refused.path("type").asString()).endsWith("/problems/activation-not-allowed");
		assertThat(refused.path("guardrail").asString()).isEqualTo("ACTIVATION_IN_PROGRESS");
		assertThat(refused.path("errors")).hasSize(1);
		assertThat(refused.path("errors").path(0).path("field").asString()).isEqualTo("audienceIds[1]");
		assertThat(AdobeJournal.of(this.adobe, sandbox).calls("POST", ADHOC)).as("the second job was not sent")
			.hasSize(1);

		activate(id, "{\"audienceIds\": [\"" + LAPSED + "\"]}", 202);
		this.emulator.passTime(sandbox, Duration.ofMinutes(30));
		activate(id, "{\"audienceIds\": [\"" + CHURN + "\"]}", 202);
		assertThat(AdobeJournal.of(this.adobe, sandbox).calls("POST", ADHOC)).hasSize(3);
	}

	@Test
	void aScheduledRunThatWaitsOrRunsIsA409AndNothingIsSent() {
		String sandbox = newSandbox();
		this.emulator.runScript(sandbox,
				RunScript.of(Duration.ofMinutes(10), Duration.ofMinutes(10), RunOutcome.SUCCESS));
		String id = startExport(twoAudiences(sandbox));
		assertThat(awaitFinished(id).path("status").asString()).isEqualTo("SUCCEEDED");

		JsonNode waiting = activate(id, null, 409);

		assertThat(waiting.path("guardrail").asString()).isEqualTo("SCHEDULED_RUN_IN_PROGRESS");
		assertThat(waiting.path("errors")).extracting((error) -> error.path("field").asString())
			.containsExactly("audiences[0]", "audiences[1]");
		assertThat(waiting.path("detail").asString()).contains("waits to start");

		this.emulator.passTime(sandbox, Duration.ofMinutes(15));
		JsonNode running = activate(id, "{\"audienceIds\": [\"" + LAPSED + "\"]}", 409);

		assertThat(running.path("guardrail").asString()).isEqualTo("SCHEDULED_RUN_IN_PROGRESS");
		assertThat(running.path("detail").asString()).contains("of audience " + LAPSED + " is RUNNING");
		assertThat(AdobeJournal.of(this.adobe, sandbox).calls("POST", ADHOC)).isEmpty();
		assertThat(this.jdbc.queryForObject("select count(*) from activation where export_id = ?::uuid", Integer.class,
				id))
			.isZero();
	}

	@Test
	void audiencesNotTheExportsOrTooManyAre422sAndSchedulesNotYetOrNoLongerDueAre409s() {
		String sandbox = newSandbox();
		ObjectNode body = twoAudiences(sandbox);
		ArrayNode audiences = (ArrayNode) body.get("audiences");
		ObjectNode late = audiences.addObject().put("id", "a0c1d2e3-0000-4000-8000-000000000003");
		late.putObject("schedule")
			.put("exportMode", "DAILY_FULL_EXPORT")
			.put("frequency", "DAILY")
			.put("startDate", "2099-01-01")
			.put("startTime", "06:00");
		ObjectNode ended = audiences.addObject().put("id", "a0c1d2e3-0000-4000-8000-000000000004");
		ended.putObject("schedule")
			.put("exportMode", "DAILY_FULL_EXPORT")
			.put("frequency", "DAILY")
			.put("startDate", "2026-01-01")
			.put("endDate", "2026-02-01");
		String id = startExport(body);
		assertThat(awaitFinished(id).path("status").asString()).isEqualTo("SUCCEEDED");

		JsonNode foreign = activate(id, "{\"audienceIds\": [\"" + CHURN + "\", \"not-ours\", \"" + CHURN + "\"]}", 422);
		assertThat(foreign.path("type").asString()).endsWith("/problems/activation-not-allowed");
		assertThat(foreign.path("guardrail").asString()).isEqualTo("AUDIENCE_NOT_IN_EXPORT");
		assertThat(foreign.path("errors")).extracting((error) -> error.path("field").asString())
			.containsExactly("audienceIds[1]", "audienceIds[2]");
		assertThat(foreign.path("errors").path(1).path("message").asString()).startsWith("AUDIENCE_NAMED_TWICE");

		JsonNode none = activate(id, "{\"audienceIds\": []}", 422);
		assertThat(none.path("guardrail").asString()).isEqualTo("NO_AUDIENCE");

		StringBuilder many = new StringBuilder("{\"audienceIds\": [\"" + CHURN + "\"");
		for (int i = 1; i <= 80; i++) {
			many.append(", \"").append(CHURN).append("\"");
		}
		JsonNode tooMany = activate(id, many.append("]}").toString(), 422);
		assertThat(tooMany.path("errors")).extracting((error) -> error.path("message").asString())
			.anyMatch((message) -> message.startsWith("TOO_MANY_AUDIENCES") && message.contains("81 audiences"));

		JsonNode schedules = activate(id, null, 409);
		assertThat(schedules.path("guardrail").asString()).isEqualTo("TOO_SOON_AFTER_FIRST_SCHEDULED_ACTIVATION");
		assertThat(schedules.path("errors")).extracting((error) -> error.path("field").asString())
			.containsExactly("audiences[2]", "audiences[3]");
		assertThat(schedules.path("errors").path(0).path("message").asString()).contains("2099-01-01T06:00:00Z",
				"from 2099-01-01T07:00:00Z");
		assertThat(schedules.path("errors").path(1).path("message").asString()).startsWith("SCHEDULE_ENDED");

		activate(id, "{\"audienceIds\": \"" + CHURN + "\"}", 400);
		activate(id, "{\"audienceIds\": [\"a b\"]}", 400);
		assertThat(AdobeJournal.of(this.adobe, sandbox).calls("POST", ADHOC)).isEmpty();
	}

	@Test
	void anExportOfMoreThan80AudiencesNamesThemInBatches() {
		String sandbox = newSandbox();
		ObjectNode body = twoAudiences(sandbox);
		ArrayNode audiences = (ArrayNode) body.get("audiences");
		for (int i = 0; i < 79; i++) {
			audiences.addObject().put("id", String.format("a0c1d2e3-0000-4000-8000-%012d", 100 + i));
		}
		String id = startExport(body);
		assertThat(awaitFinished(id).path("status").asString()).isEqualTo("SUCCEEDED");

		JsonNode all = activate(id, null, 422);

		assertThat(all.path("guardrail").asString()).isEqualTo("TOO_MANY_AUDIENCES");
		assertThat(all.path("errors").path(0).path("field").asString()).isEqualTo("audienceIds");
		activate(id, "{\"audienceIds\": [\"" + CHURN + "\", \"" + LAPSED + "\"]}", 202);
		assertThat(AdobeJournal.of(this.adobe, sandbox).calls("POST", ADHOC)).hasSize(1);
	}

	@Test
	void adobeRefusingTheJobIsA502AndFreesItsAudiences() {
		String sandbox = newSandbox();
		String id = startExport(twoAudiences(sandbox));
		assertThat(awaitFinished(id).path("status").asString()).isEqualTo("SUCCEEDED");
		this.adobe.stubFor(post(urlPathEqualTo(ADHOC)).atPriority(1)
			.willReturn(aResponse().withStatus(400)
				.withHeader("Content-Type", "application/json")
				.withBody(
						"{\"message\": \"Segments Churn risk are not part of this dataflow or out of schedule range!\"}")));
		try {
			JsonNode problem = activate(id, null, 502);

			assertThat(problem.path("adobeStatus").asInt()).isEqualTo(400);
			assertThat(problem.path("detail").asString()).contains("not part of this dataflow");
			assertThat(this.jdbc
				.queryForMap("select status, adobe_status, error from activation where export_id = ?::uuid", id))
				.containsEntry("status", "REFUSED")
				.containsEntry("adobe_status", 400);
		}
		finally {
			this.adobe.removeStubMapping(this.adobe.getStubMappings()
				.stream()
				.filter((stub) -> stub.getPriority() != null && stub.getPriority() == 1
						&& stub.getRequest().getUrlPath() != null && stub.getRequest().getUrlPath().equals(ADHOC))
				.findFirst()
				.orElseThrow());
		}
		activate(id, null, 202);
	}

	@Test
	void aJobWhoseAnswerIsLostHoldsItsAudiencesWithoutRunsToWatch() {
		String sandbox = newSandbox();
		String id = startExport(twoAudiences(sandbox));
		assertThat(awaitFinished(id).path("status").asString()).isEqualTo("SUCCEEDED");
		this.adobe.stubFor(post(urlPathEqualTo(ADHOC)).atPriority(1)
			.willReturn(aResponse().withStatus(500)
				.withHeader("Content-Type", "application/json")
				.withBody("{\"message\": \"Internal server error\"}")));
		try {
			JsonNode lost = activate(id, "{\"audienceIds\": [\"" + CHURN + "\"]}", 503);

			assertThat(lost.path("adobeStatus").asInt()).isEqualTo(500);
			assertThat(this.jdbc.queryForObject("select status from activation where export_id = ?::uuid", String.class,
					id))
				.as("a 500 may hide a job that started")
				.isEqualTo("UNKNOWN");
		}
		finally {
			this.adobe.removeStubMapping(this.adobe.getStubMappings()
				.stream()
				.filter((stub) -> stub.getPriority() != null && stub.getPriority() == 1
						&& ADHOC.equals(stub.getRequest().getUrlPath()))
				.findFirst()
				.orElseThrow());
		}

		JsonNode held = activate(id, null, 409);

		assertThat(held.path("guardrail").asString()).isEqualTo("ACTIVATION_IN_PROGRESS");
		assertThat(held.path("errors")).extracting((error) -> error.path("field").asString())
			.containsExactly("audiences[0]");
		assertThat(AdobeJournal.of(this.adobe, sandbox).calls("POST", ADHOC)).hasSize(1);
		activate(id, "{\"audienceIds\": [\"" + LAPSED + "\"]}", 202);
	}

	@Test
	void withoutADataflowItIsA409AnotherOwnersExportIsNotFoundAndReadingIsNotEnough() {
		this.adobe.stubFor(post(urlPathEqualTo(AdobeJournal.FLOW_SERVICE + "/targetConnections")).atPriority(1)
			.willReturn(aResponse().withStatus(400).withBody("{\"errorMessage\": \"bad\"}")));
		String sandbox = newSandbox();
		String failed = startExport(twoAudiences(sandbox));
		assertThat(awaitFinished(failed).path("status").asString()).isEqualTo("FAILED");

		JsonNode problem = activate(failed, null, 409);

		assertThat(problem.path("detail").asString()).contains("has no dataflow yet");
		as(token("someone-else", "exports:read", "exports:write")).post()
			.uri("/exports/{id}/activations", failed)
			.exchange()
			.expectStatus()
			.isNotFound();
		as(token(CALLER, "exports:read")).post()
			.uri("/exports/{id}/activations", failed)
			.exchange()
			.expectStatus()
			.isForbidden();
		assertThat(
				this.adobe.findAll(RequestPatternBuilder.newRequestPattern(RequestMethod.POST, urlPathEqualTo(ADHOC))))
			.isEmpty();
	}

	/** The DLZ example with two audiences, scheduled since 1 January at 23:00 UTC. */
	private static ObjectNode twoAudiences(String sandbox) {
		ObjectNode body = example("DATA_LANDING_ZONE", sandbox);
		((ObjectNode) body.get("schedule")).put("startDate", "2026-01-01");
		ArrayNode audiences = body.putArray("audiences");
		audiences.addObject().put("id", CHURN).put("name", "Churn risk");
		audiences.addObject().put("id", LAPSED).put("name", "Lapsed buyers");
		return body;
	}

	private JsonNode activate(String id, String body, int status) {
		RestTestClient.RequestBodySpec request = this.api.post().uri("/exports/{id}/activations", id);
		if (body != null) {
			request.contentType(MediaType.APPLICATION_JSON).body(body);
		}
		return request.exchange()
			.expectStatus()
			.isEqualTo(status)
			.expectBody(JsonNode.class)
			.returnResult()
			.getResponseBody();
	}

	private static List<String> strings(JsonNode array) {
		List<String> values = new ArrayList<>();
		array.forEach((value) -> values.add(value.asString()));
		return values;
	}

}
