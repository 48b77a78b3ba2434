package com.acme.aepexport.operations;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.web.servlet.client.RestTestClient;

import com.acme.aepexport.emulator.AdobeEmulator;
import com.acme.aepexport.support.IntegrationTest;

import static com.acme.aepexport.support.AdobeJournal.FLOW_SERVICE;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What an operator sees of an export: the metrics Prometheus scrapes, the JSON log lines,
 * the trace Adobe's calls carry, and which build runs.
 */
@ExtendWith(OutputCaptureExtension.class)
class ObservabilityIT extends IntegrationTest {

	private static final String SECRET_ACCESS_KEY = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";

	@Test
	void prometheusShowsExportsStepsAdobeCallsRetriesTokensTheQueueAndTheCaches() {
		String sandbox = newSandbox();
		failOnceWith503(sandbox, "/targetConnections");
		UUID stalled = stalledPendingExport();
		// Counters are the context's, shared with earlier tests: what this export added.
		Metrics before = scrape();
		try {
			String id = startExport(example("AMAZON_S3", sandbox));
			JsonNode export = awaitFinished(id);
			assertThat(export.path("status").asString()).isEqualTo("SUCCEEDED");

			Metrics after = scrape();
			Metrics metrics = after.since(before);

			assertThat(metrics.value("aep_exports", Map.of("status", "SUCCEEDED"))).isGreaterThanOrEqualTo(1);
			assertThat(metrics.value("aep_exports", Map.of("status", "PENDING"))).isGreaterThanOrEqualTo(1);
			assertThat(metrics.value("aep_exports_pending", Map.of())).isGreaterThanOrEqualTo(1);
			assertThat(metrics.value("aep_exports_oldest_pending_age_seconds", Map.of()))
				.as("the export pending for an hour is the oldest")
				.isGreaterThanOrEqualTo(3600);
			for (JsonNode step : export.path("steps")) {
				if (step.path("status").asString().equals("SUCCEEDED")) {
					assertThat(metrics.value("aep_export_step_seconds_count",
							Map.of("step", step.path("name").asString(), "destination_type", "AMAZON_S3", "outcome",
									"succeeded")))
						.as("succeeded attempts of %s", step.path("name").asString())
						.isGreaterThanOrEqualTo(1);
				}
			}
			assertThat(metrics.value("aep_export_step_seconds_count",
					Map.of("step", "TARGET_CONNECTION", "destination_type", "AMAZON_S3", "outcome", "transient-error")))
				.isGreaterThanOrEqualTo(1);
			assertThat(metrics.value("aep_adobe_retries_total", Map.of("step", "TARGET_CONNECTION", "status", "503")))
				.isGreaterThanOrEqualTo(1);
			assertThat(metrics.value("http_client_requests_seconds_count",
					Map.of("method", "POST", "uri", "/data/foundation/flowservice/targetConnections", "status", "503")))
				.isGreaterThanOrEqualTo(1);
			assertThat(metrics.value("http_client_requests_seconds_count",
					Map.of("method", "POST", "uri", "/data/foundation/flowservice/flows", "status", "201")))
				.isGreaterThanOrEqualTo(1);
			// One first token in the context's life, whichever test asked for it.
			assertThat(after.value("aep_ims_token_refreshes_total", Map.of("reason", "first"))).isEqualTo(1);

			// db-scheduler's own: the run of this export, among others
			assertThat(
					metrics.value("dbscheduler_task_completions_total", Map.of("task", "run-export", "result", "ok")))
				.isGreaterThanOrEqualTo(1);
			assertThat(metrics.value("dbscheduler_task_duration_seconds_count", Map.of("task", "run-export")))
				.isGreaterThanOrEqualTo(1);
			assertThat(metrics.value("aep_workers_busy", Map.of())).isBetween(0.0, 16.0);
			// The adaptive limit of calls to Adobe, and the calls in it now
			assertThat(metrics.value("aep_adobe_concurrency_limit", Map.of())).isBetween(1.0, 64.0);
			assertThat(metrics.value("aep_adobe_concurrency_in_flight", Map.of())).isBetween(0.0, 64.0);
			// Caffeine's, per cache: the export read a connection spec and a sandbox's
			// profile; a hit rate needs both results
			for (String cache : List.of("connection-specs", "union-schemas", "identity-namespaces")) {
				assertThat(metrics.value("cache_gets_total", Map.of("cache", cache))).as(cache)
					.isGreaterThanOrEqualTo(1);
				metrics.value("cache_gets_total", Map.of("cache", cache, "result", "hit"));
				metrics.value("cache_gets_total", Map.of("cache", cache, "result", "miss"));
			}
			assertThat(metrics.value("cache_size", Map.of("cache", "runs"))).isGreaterThanOrEqualTo(0);
			metrics.value("cache_evictions_total", Map.of("cache", "runs"));
		}
		finally {
			this.jdbc.update("delete from export where id = ?", stalled);
		}
	}

	@Test
	void theMetricsNeedNoTokenAndTheApiStillDoes() {
		RestTestClient anonymous = RestTestClient.bindToServer().baseUrl("http://localhost:" + this.port).build();

		this.management.get().uri("/actuator/prometheus").exchange().expectStatus().isOk();
		anonymous.get().uri("/exports").exchange().expectStatus().isUnauthorized();
	}

	/**
	 * Which build runs: the version Maven built and, built from a git checkout (not the
	 * Docker build, which copies no .git), the commit.
	 */
	@Test
	void infoShowsTheBuildVersionAndTheCommitItWasBuiltFrom() throws Exception {
		JsonNode info = JSON.readTree(getManagementText("/actuator/info"));

		Matcher version = Pattern.compile("<artifactId>aep-export-facade</artifactId>\\s*<version>([^<]+)</version>")
			.matcher(Files.readString(Path.of("pom.xml")));
		assertThat(version.find()).isTrue();
		assertThat(info.at("/build/version").asString()).isEqualTo(version.group(1));
		assertThat(info.at("/build/time").asString()).isNotBlank();
		if (Files.exists(Path.of(".git"))) {
			Process git = new ProcessBuilder("git", "rev-parse", "HEAD").redirectErrorStream(true).start();
			String head = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
			assertThat(git.waitFor()).as(head).isZero();
			String commit = info.at("/git/commit/id").asString();
			assertThat(commit).as("the commit of %s", info).hasSizeGreaterThanOrEqualTo(7);
			assertThat(head).startsWith(commit);
		}
	}

	@Test
	void everyLineOfAnExportsWorkIsJsonWithItsIdItsStepAndOneTraceThatAdobeReceives(CapturedOutput output) {
		String sandbox = newSandbox();
		String id = startExport(example("AMAZON_S3", sandbox));
		assertThat(awaitFinished(id).path("status").asString()).isEqualTo("SUCCEEDED");

		List<JsonNode> lines = new ArrayList<>();
		for (String line : output.getOut().split("\n")) {
			if (line.startsWith("{")) {
				JsonNode json = JSON.readTree(line);
				if (id.equals(json.path("exportId").asString(null))) {
					lines.add(json);
				}
			}
		}
		assertThat(lines).as("JSON lines carrying export id %s", id).isNotEmpty();
		Set<String> stepsLogged = new TreeSet<>();
		Set<String> traces = new TreeSet<>();
		for (JsonNode line : lines) {
			assertThat(line.has("@timestamp")).isTrue();
			assertThat(line.path("message").asString()).isNotEmpty();
			if (line.has("step")) {
				stepsLogged.add(line.path("step").asString());
				traces.add(line.path("traceId").asString());
			}
		}
		assertThat(stepsLogged).contains("SOURCE_CONNECTION", "BASE_CONNECTION", "TARGET_CONNECTION", "DATAFLOW",
				"AUDIENCES");
		assertThat(traces).as("one trace for the run").hasSize(1);
		String traceId = traces.iterator().next();
		assertThat(traceId).matches("[0-9a-f]{32}");

		List<LoggedRequest> adobeCalls = this.adobe
			.findAll(anyRequestedFor(anyUrl()).withHeader("x-sandbox-name", equalTo(sandbox)));
		// Reads made while answering our API (the connection spec checked by POST, the
		// runs shown by GET) belong to that request's trace; the run's writes to the
		// run's.
		assertThat(adobeCalls).isNotEmpty()
			.allSatisfy((call) -> assertThat(call.getHeader("traceparent")).as("%s %s", call.getMethod(), call.getUrl())
				.matches("00-[0-9a-f]{32}-[0-9a-f]{16}-01"));
		assertThat(adobeCalls.stream().filter((call) -> !call.getMethod().getName().equals("GET")))
			.hasSizeGreaterThanOrEqualTo(6)
			.allSatisfy((call) -> assertThat(call.getHeader("traceparent")).as("%s %s", call.getMethod(), call.getUrl())
				.matches("00-" + traceId + "-[0-9a-f]{16}-01"));
		assertThat(output.getAll()).doesNotContain(SECRET_ACCESS_KEY);
	}

	private void failOnceWith503(String sandbox, String path) {
		this.adobe.stubFor(post(urlPathEqualTo(FLOW_SERVICE + path)).atPriority(1)
			.withHeader("x-sandbox-name", equalTo(sandbox))
			.inScenario("503 once")
			.whenScenarioStateIs(Scenario.STARTED)
			.willSetStateTo("answered")
			.willReturn(aResponse().withStatus(503)));
		this.adobe.stubFor(post(urlPathEqualTo(FLOW_SERVICE + path)).atPriority(1)
			.withHeader("x-sandbox-name", equalTo(sandbox))
			.inScenario("503 once")
			.whenScenarioStateIs("answered")
			.willReturn(aResponse().withTransformers(AdobeEmulator.NAME)));
	}

	/** An export that has waited an hour for a worker (no worker will take it). */
	private UUID stalledPendingExport() {
		UUID id = UUID.randomUUID();
		this.jdbc.update(
				"""
						insert into export (id, owner, name, sandbox, destination_type, status, spec, created_at, updated_at, version)
						values (?, 'observability-it', 'stalled', 'prod', 'AMAZON_S3', 'PENDING', '{}'::jsonb,
						        now() - interval '1 hour', now() - interval '1 hour', 0)""",
				id);
		return id;
	}

	private Metrics scrape() {
		return Metrics.parse(getManagementText("/actuator/prometheus"));
	}

	/** The samples of Prometheus's text format, by name and labels. */
	record Metrics(List<Sample> samples) {

		private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\\{(.*)\\})? (\\S+)$");

		private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

		static Metrics parse(String text) {
			List<Sample> samples = new ArrayList<>();
			for (String line : text.split("\n")) {
				Matcher sample = SAMPLE.matcher(line);
				if (!line.startsWith("#") && sample.matches()) {
					Map<String, String> labels = new LinkedHashMap<>();
					Matcher label = LABEL.matcher((sample.group(2) != null) ? sample.group(2) : "");
					while (label.find()) {
						labels.put(label.group(1), label.group(2));
					}
					samples.add(new Sample(sample.group(1), labels, Double.parseDouble(sample.group(3))));
				}
			}
			return new Metrics(samples);
		}

		/** The sum over the samples of that name carrying those labels (among others). */
		/**
		 * Each sample minus its value in {@code earlier} (zero where it had none): what
		 * happened in between, for counters; gauges are read as they are now.
		 */
		Metrics since(Metrics earlier) {
			return new Metrics(this.samples.stream()
				.map((sample) -> sample.name().endsWith("_total") || sample.name().endsWith("_count") ? new Sample(
						sample.name(), sample.labels(),
						sample.value() - earlier.samples.stream()
							.filter((old) -> old.name().equals(sample.name()) && old.labels().equals(sample.labels()))
							.mapToDouble(Sample::value)
							.sum())
						: sample)
				.toList());
		}

		double value(String name, Map<String, String> labels) {
			List<Sample> matching = this.samples.stream()
				.filter((sample) -> sample.name().equals(name)
						&& sample.labels().entrySet().containsAll(labels.entrySet()))
				.toList();
			assertThat(matching).as("samples of %s%s", name, labels).isNotEmpty();
			return matching.stream().mapToDouble(Sample::value).sum();
		}

	}

	record Sample(String name, Map<String, String> labels, double value) {

	}

}
