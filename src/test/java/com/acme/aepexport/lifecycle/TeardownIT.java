package com.acme.aepexport.lifecycle;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import com.acme.aepexport.emulator.AdobeEmulator;
import com.acme.aepexport.support.AdobeJournal;
import com.acme.aepexport.support.IntegrationTest;

import static com.acme.aepexport.support.AdobeJournal.CONVERSION;
import static com.acme.aepexport.support.AdobeJournal.FLOW_SERVICE;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * "Take it down": the Adobe entities an export created are deleted newest first, durably.
 */
class TeardownIT extends IntegrationTest {

	@Test
	void theEntitiesAreDeletedNewestFirstAndTheExportEndsDeleted() {
		String sandbox = newSandbox();
		JsonNode export = succeeded(sandbox);

		JsonNode accepted = this.api.delete()
			.uri("/exports/{id}", id(export))
			.exchange()
			.expectStatus()
			.isAccepted()
			.expectBody(JsonNode.class)
			.returnResult()
			.getResponseBody();
		assertThat(accepted.path("status").asString()).isIn("DELETING", "DELETED");
		JsonNode deleted = awaitStatus(id(export), "DELETED");

		assertThat(this.jdbc.queryForObject("select count(*) from run_snapshot where export_id = ?::uuid",
				Integer.class, id(export)))
			.as("its runs are no longer read")
			.isZero();
		assertThat(deletes(sandbox)).containsExactly(FLOW_SERVICE + "/flows/" + entity(export, "DATAFLOW"),
				CONVERSION + "/mappingSets/" + entity(export, "MAPPING_SET"),
				FLOW_SERVICE + "/targetConnections/" + entity(export, "TARGET_CONNECTION"),
				FLOW_SERVICE + "/connections/" + entity(export, "BASE_CONNECTION"),
				FLOW_SERVICE + "/sourceConnections/" + entity(export, "SOURCE_CONNECTION"));
		for (Map.Entry<String, String> created : Map
			.of("flows", "DATAFLOW", "mappingSets", "MAPPING_SET", "targetConnections", "TARGET_CONNECTION",
					"connections", "BASE_CONNECTION", "sourceConnections", "SOURCE_CONNECTION")
			.entrySet()) {
			assertThat(this.emulator.entity(created.getKey(), entity(export, created.getValue()))).isEmpty();
			assertThat(step(deleted, created.getValue()).path("deletedAt").isString()).isTrue();
		}
	}

	@Test
	void aFaultInTheMiddleStopsTheTeardownAndDeletingAgainFinishesIt() {
		String sandbox = newSandbox();
		JsonNode export = succeeded(sandbox);
		this.adobe.stubFor(delete(urlPathMatching(FLOW_SERVICE + "/targetConnections/.*")).atPriority(1)
			.willReturn(aResponse().withStatus(400)
				.withHeader("Content-Type", "application/json")
				.withBody("{\"errorMessage\": \"Target connection is in use\", \"errorDetails\": \"\"}")));

		this.api.delete().uri("/exports/{id}", id(export)).exchange().expectStatus().isAccepted();
		JsonNode stopped = await().atMost(Duration.ofSeconds(30))
			.until(() -> getExport(id(export)), (view) -> view.path("error").isObject());

		assertThat(stopped.path("status").asString()).isEqualTo("DELETING");
		assertThat(stopped.path("error").path("step").asString()).isEqualTo("TARGET_CONNECTION");
		assertThat(stopped.path("error").path("message").asString()).isEqualTo("Target connection is in use");
		assertThat(step(stopped, "DATAFLOW").path("deletedAt").isString()).isTrue();
		assertThat(step(stopped, "TARGET_CONNECTION").path("deletedAt").isNull()).isTrue();
		assertThat(this.emulator.entity("connections", entity(export, "BASE_CONNECTION"))).isPresent();

		resetAdobeStubs();
		this.api.delete().uri("/exports/{id}", id(export)).exchange().expectStatus().isAccepted();
		awaitStatus(id(export), "DELETED");

		List<String> deletes = deletes(sandbox);
		assertThat(deletes).filteredOn((path) -> path.contains("/flows/")).hasSize(1);
		assertThat(deletes).filteredOn((path) -> path.contains("/mappingSets/")).hasSize(1);
		assertThat(deletes).filteredOn((path) -> path.contains("/targetConnections/")).hasSize(2);
		assertThat(deletes)
			.filteredOn(
					(path) -> path.contains("/connections/") && !path.contains("target") && !path.contains("source"))
			.hasSize(1);
	}

	@Test
	void anEntityAlreadyGoneCountsAsDeletedAndASecondDeleteIsHarmless() {
		String sandbox = newSandbox();
		JsonNode export = succeeded(sandbox);
		this.adobe.stubFor(delete(urlPathMatching(FLOW_SERVICE + "/flows/.*")).atPriority(1)
			.willReturn(aResponse().withStatus(404)
				.withHeader("Content-Type", "application/json")
				.withBody("{\"errorMessage\": \"flows not found\", \"errorDetails\": \"\"}")));

		this.api.delete().uri("/exports/{id}", id(export)).exchange().expectStatus().isAccepted();
		awaitStatus(id(export), "DELETED");
		int callsBefore = AdobeJournal.of(this.adobe, sandbox).calls().size();

		JsonNode again = this.api.delete()
			.uri("/exports/{id}", id(export))
			.exchange()
			.expectStatus()
			.isAccepted()
			.expectBody(JsonNode.class)
			.returnResult()
			.getResponseBody();

		assertThat(again.path("status").asString()).isEqualTo("DELETED");
		assertThat(AdobeJournal.of(this.adobe, sandbox).calls()).hasSize(callsBefore);
	}

	@Test
	void aDeleteAdobeDoesNotHaveLeavesItsEntityBehindSaysSoAndTheExportStillEndsDeleted() {
		String sandbox = newSandbox();
		JsonNode export = succeeded(sandbox);
		this.adobe.stubFor(delete(urlPathMatching(CONVERSION + "/mappingSets/.*")).atPriority(1)
			.willReturn(aResponse().withStatus(405)
				.withHeader("Content-Type", "application/json")
				.withBody("{\"error_code\": \"405050\", \"message\": \"Method Not Allowed\"}")));

		this.api.delete().uri("/exports/{id}", id(export)).exchange().expectStatus().isAccepted();
		JsonNode deleted = awaitStatus(id(export), "DELETED");

		JsonNode mappingSet = step(deleted, "MAPPING_SET");
		assertThat(mappingSet.path("leftBehind").asString()).contains("405").contains("DELETE /mappingSets/{id}");
		assertThat(mappingSet.path("deletedAt").isNull()).isTrue();
		assertThat(this.emulator.entity("mappingSets", entity(export, "MAPPING_SET"))).isPresent();
		for (String schema : List.of("INPUT_SCHEMA", "OUTPUT_SCHEMA")) {
			assertThat(step(deleted, schema).path("leftBehind").asString())
				.contains("no delete for conversion schemas");
		}
		for (String gone : List.of("DATAFLOW", "TARGET_CONNECTION", "BASE_CONNECTION", "SOURCE_CONNECTION")) {
			assertThat(step(deleted, gone).path("deletedAt").isString()).as(gone).isTrue();
			assertThat(step(deleted, gone).path("leftBehind").isNull()).as(gone).isTrue();
		}
		assertThat(deleted.path("error").isNull()).isTrue();
		assertThat(deletes(sandbox)).filteredOn((path) -> path.contains("/mappingSets/"))
			.as("a refusal of the method is not retried")
			.hasSize(1);
	}

	@Test
	void aRunningExportCannotBeDeleted() {
		// Adobe holds the flow's create until the delete has been refused, 3 s at most.
		String sandbox = newSandbox();
		this.emulator.hold(sandbox);
		this.adobe.stubFor(post(urlPathEqualTo(FLOW_SERVICE + "/flows")).atPriority(1)
			.willReturn(aResponse().withTransformers(AdobeEmulator.NAME)
				.withFixedDelay(3000)
				.withTransformerParameter(AdobeEmulator.HOLD, sandbox)));
		String id = startExport(example("DATA_LANDING_ZONE", sandbox));
		await().atMost(Duration.ofSeconds(30))
			.until(() -> getExport(id).path("status").asString(), (status) -> status.equals("RUNNING"));

		JsonNode problem = this.api.delete()
			.uri("/exports/{id}", id)
			.exchange()
			.expectStatus()
			.isEqualTo(409)
			.expectBody(JsonNode.class)
			.returnResult()
			.getResponseBody();
		this.emulator.release(sandbox);

		assertThat(problem.path("type").asString()).isEqualTo("https://aep-export-facade.acme.com/problems/conflict");
		assertThat(awaitFinished(id).path("status").asString()).isEqualTo("SUCCEEDED");
	}

	private JsonNode succeeded(String sandbox) {
		JsonNode export = awaitFinished(startExport(example("AMAZON_S3", sandbox)));
		assertThat(export.path("status").asString()).isEqualTo("SUCCEEDED");
		return export;
	}

	private JsonNode awaitStatus(String id, String status) {
		return await().atMost(Duration.ofSeconds(30))
			.until(() -> getExport(id), (export) -> export.path("status").asString().equals(status));
	}

	private List<String> deletes(String sandbox) {
		return AdobeJournal.of(this.adobe, sandbox)
			.calls()
			.stream()
			.filter((call) -> call.method().equals("DELETE"))
			.map(AdobeJournal.Call::path)
			.toList();
	}

	private void resetAdobeStubs() {
		this.adobe.resetMappings();
		this.adobe.stubFor(AdobeEmulator.catchAllStub());
	}

	private static String id(JsonNode export) {
		return export.path("id").asString();
	}

	private static String entity(JsonNode export, String step) {
		return step(export, step).path("entityId").asString();
	}

	private static JsonNode step(JsonNode export, String name) {
		for (JsonNode step : export.path("steps")) {
			if (step.path("name").asString().equals(name)) {
				return step;
			}
		}
		throw new AssertionError("No step " + name);
	}

}
