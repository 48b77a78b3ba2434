package com.acme.aepexport.workflow;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
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
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * How the runner orders steps: independent ones at the same time, a failure stopping what
 * has not started while keeping what has.
 */
class ExportRunnerIT extends IntegrationTest {

	private static final int DELAY_MS = 1500;

	@Test
	void independentStepsRunAtTheSameTime() {
		// The source connection, the base connection (behind the connection spec) and the
		// input schema (behind the profile schema, which accepting the export read, and
		// cached) need nothing of each other; each answer is held back 1.5 s.
		delay(post(urlPathEqualTo(FLOW_SERVICE + "/sourceConnections")));
		delay(post(urlPathEqualTo(FLOW_SERVICE + "/connections")));
		delay(post(urlPathEqualTo(CONVERSION + "/schemas")));
		String sandbox = newSandbox();

		String id = startExport(example("DATA_LANDING_ZONE", sandbox));

		assertThat(awaitFinished(id).path("status").asString()).isEqualTo("SUCCEEDED");
		Interval source = interval(id, "SOURCE_CONNECTION");
		Interval base = interval(id, "BASE_CONNECTION");
		Interval input = interval(id, "INPUT_SCHEMA");
		for (Interval delayedStep : List.of(source, base, input)) {
			assertThat(delayedStep.duration()).as("the delay applies")
				.isGreaterThanOrEqualTo(Duration.ofMillis(DELAY_MS));
		}
		assertThat(source.overlaps(base)).as("source %s and base %s overlap", source, base).isTrue();
		assertThat(source.overlaps(input)).as("source %s and input schema %s overlap", source, input).isTrue();
		assertThat(base.overlaps(input)).as("base %s and input schema %s overlap", base, input).isTrue();
		Duration delayed = Duration.between(min(source.start(), base.start(), input.start()),
				max(source.end(), base.end(), input.end()));
		assertThat(delayed).as("three delayed calls in parallel take less than their sum")
			.isLessThan(Duration.ofMillis(3L * DELAY_MS));
	}

	@Test
	void aFailedStepFailsTheExportAndKeepsWhatSucceeded() {
		this.adobe.stubFor(post(urlPathEqualTo(FLOW_SERVICE + "/targetConnections")).atPriority(1)
			.willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/json").withBody("""
					{"type": "https://ns.adobe.com/aep/errors/FLOW-1000-400", "title": "Bad Request", "status": 400,
					 "report": {"detailed-message": "Invalid params: bucketName"},
					 "errorMessage": "Invalid params", "errorDetails": "Invalid params"}""")));
		String sandbox = newSandbox();

		JsonNode export = awaitFinished(startExport(example("AMAZON_S3", sandbox)));

		assertThat(export.path("status").asString()).isEqualTo("FAILED");
		assertThat(export.path("error")).isEqualTo(JSON.readTree("""
				{"step": "TARGET_CONNECTION", "httpStatus": 400, "adobeCode": "FLOW-1000-400",
				 "message": "Invalid params: bucketName", "retryable": false}"""));
		Map<String, String> statuses = stepStatuses(export);
		assertThat(statuses).containsEntry("SOURCE_CONNECTION", "SUCCEEDED")
			.containsEntry("BASE_CONNECTION", "SUCCEEDED")
			.containsEntry("TARGET_CONNECTION", "FAILED")
			.containsEntry("DATAFLOW", "PENDING")
			.containsEntry("AUDIENCES", "PENDING")
			.doesNotContainValue("RUNNING");
		assertThat(AdobeJournal.of(this.adobe, sandbox).calls("POST", FLOW_SERVICE + "/flows")).isEmpty();
		for (JsonNode step : export.path("steps")) {
			if (step.path("status").asString().equals("SUCCEEDED") && !step.path("entityId").isNull()) {
				assertThat(step.path("attempts").asInt()).isEqualTo(1);
			}
		}
	}

	private void delay(com.github.tomakehurst.wiremock.client.MappingBuilder call) {
		this.adobe.stubFor(call.atPriority(1)
			.willReturn(aResponse().withTransformers(AdobeEmulator.NAME).withFixedDelay(DELAY_MS)));
	}

	private Interval interval(String exportId, String step) {
		Map<String, Object> row = this.jdbc.queryForMap(
				"select started_at, completed_at from export_step where export_id = ?::uuid and name = ?", exportId,
				step);
		return new Interval(((Timestamp) row.get("started_at")).toInstant(),
				((Timestamp) row.get("completed_at")).toInstant());
	}

	private static Map<String, String> stepStatuses(JsonNode export) {
		Map<String, String> statuses = new java.util.LinkedHashMap<>();
		export.path("steps")
			.forEach((step) -> statuses.put(step.path("name").asString(), step.path("status").asString()));
		return statuses;
	}

	private static Instant min(Instant... instants) {
		return java.util.Arrays.stream(instants).min(Instant::compareTo).orElseThrow();
	}

	private static Instant max(Instant... instants) {
		return java.util.Arrays.stream(instants).max(Instant::compareTo).orElseThrow();
	}

	record Interval(Instant start, Instant end) {

		Duration duration() {
			return Duration.between(this.start, this.end);
		}

		boolean overlaps(Interval other) {
			return this.start.isBefore(other.end) && other.start.isBefore(this.end);
		}

	}

}
