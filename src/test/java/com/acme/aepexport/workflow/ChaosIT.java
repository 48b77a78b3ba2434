package com.acme.aepexport.workflow;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Stream;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;
import tools.jackson.databind.JsonNode;

import org.springframework.jdbc.core.JdbcTemplate;

import com.acme.aepexport.emulator.AdobeEmulator;
import com.acme.aepexport.support.AdobeCreates;
import com.acme.aepexport.support.ExportsClient;
import com.acme.aepexport.support.LocalInfrastructure;
import com.acme.aepexport.support.ScratchDatabase;
import com.acme.aepexport.support.ServiceProcess;
import com.acme.aepexport.support.StepCalls;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Everything at once, from a fixed seed, on two instances (second JVMs) and one database:
 * 50 exports of every destination type, each with a fault on a random step's call (Adobe
 * busy once, an answer lost after Adobe did the work, or a refusal that lasts until the
 * test lifts it), one instance killed ({@code SIGKILL}) mid-way and started again, a
 * storm of resumes on every export that failed, and a storm of deletes on ten that
 * succeeded. At the end every export is terminal within a bound, Adobe holds one entity
 * per create of each export that stands and none of each deleted one, and the audiences
 * Adobe's flows carry are those the database says.
 */
class ChaosIT {

	private static final long SEED = 20261206L;

	private static final int EXPORTS = 50;

	private static final int DELETED = 10;

	/** Requests sent at once in a storm. */
	private static final int STORM = 5;

	private static final Duration STARTUP = Duration.ofSeconds(120);

	/** The bound on each phase: every export terminal within it. */
	private static final Duration SETTLED_WITHIN = Duration.ofSeconds(120);

	private static final List<String> TYPES = List.of("AMAZON_S3", "AZURE_BLOB", "ADLS_GEN2", "DATA_LANDING_ZONE",
			"GOOGLE_CLOUD_STORAGE", "SFTP", "SFTP_SSH_KEY");

	/** The calls a fault can hit: every create, every flow PATCH. */
	private static final List<StepCalls.Request> CALLS = Stream
		.concat(Stream.of(StepCalls.Create.values()).map(StepCalls.Create::request),
				Stream.of(StepCalls.FlowPatch.values()).map(StepCalls.FlowPatch::request))
		.toList();

	private final WireMockServer adobe = LocalInfrastructure.adobe();

	private final AdobeEmulator emulator = LocalInfrastructure.emulator();

	private final List<ServiceProcess> instances = new ArrayList<>();

	private final List<StubMapping> stubs = new ArrayList<>();

	private final Random random = new Random(SEED);

	private ScratchDatabase database;

	private JdbcTemplate jdbc;

	@RegisterExtension
	final TestExecutionExceptionHandler printInstanceLogs = (context, failure) -> {
		for (ServiceProcess instance : this.instances) {
			System.out.println("===== log of " + instance + ": " + instance.log().toAbsolutePath() + " =====");
		}
		throw failure;
	};

	@BeforeEach
	void ownDatabase() {
		this.database = ScratchDatabase.create("chaos");
		this.jdbc = this.database.jdbc();
	}

	@AfterEach
	void cleanUp() {
		this.instances.forEach(ServiceProcess::close);
		this.stubs.forEach(this.adobe::removeStub);
		this.database.drop();
	}

	@Test
	void everyExportEndsAndAdobeAndTheDatabaseAgree() throws Exception {
		Instant began = Instant.now();
		ServiceProcess a = startInstance("a");
		ServiceProcess b = startInstance("b");
		a.awaitUp(STARTUP);
		b.awaitUp(STARTUP);
		List<ServiceProcess> up = new ArrayList<>(List.of(a, b));
		// Adobe takes its time, as it does: many exports are in flight when one dies.
		StubMapping slow = any(anyUrl()).atPriority(50)
			.withHeader("x-sandbox-name", matching("chaos-.*"))
			.willReturn(aResponse().withTransformers(AdobeEmulator.NAME).withUniformRandomDelay(50, 250))
			.build();
		this.adobe.addStubMapping(slow);
		this.stubs.add(slow);

		// 50 exports, each with a fault on one call, sent to either instance.
		Map<Fault, Integer> faults = new LinkedHashMap<>();
		List<StubMapping> refusals = new ArrayList<>();
		List<String> ids = new ArrayList<>();
		for (int i = 0; i < EXPORTS; i++) {
			String sandbox = ExportsClient.newSandbox("chaos");
			Fault fault = Fault.values()[this.random.nextInt(Fault.values().length)];
			StepCalls.Request call = CALLS.get(this.random.nextInt(CALLS.size()));
			faults.merge(fault, 1, Integer::sum);
			StubMapping stub = fault.stub(call, sandbox);
			if (stub != null) {
				this.adobe.addStubMapping(stub);
				this.stubs.add(stub);
				if (fault == Fault.REFUSED) {
					refusals.add(stub);
				}
			}
			String type = TYPES.get(this.random.nextInt(TYPES.size()));
			ids.add(client(up.get(this.random.nextInt(up.size()))).startExport(ExportsClient.example(type, sandbox)));
		}
		System.out.printf("Chaos (seed %d): %d exports, faults %s%n", SEED, EXPORTS, faults);

		// Mid-way, an instance running exports dies, and is started again.
		String picker = await().atMost(SETTLED_WITHIN)
			.until(() -> this.jdbc.queryForList(
					"select picked_by from scheduled_tasks where task_name = 'run-export' and picked", String.class),
					(picked) -> count("status = 'SUCCEEDED'") >= 3 && !picked.isEmpty())
			.getFirst();
		ServiceProcess victim = picker.equals("chaos-a") ? a : b;
		int running = count("status = 'RUNNING'");
		victim.kill();
		up.remove(victim);
		ServiceProcess restarted = startInstance(((victim == a) ? "a" : "b") + "-again");
		restarted.awaitUp(STARTUP);
		up.add(restarted);
		System.out.printf("Chaos: killed %s with %d exports RUNNING; started it again%n", victim, running);

		Instant phase = Instant.now();
		await().atMost(SETTLED_WITHIN)
			.pollInterval(Duration.ofMillis(250))
			.until(() -> count("status in ('SUCCEEDED', 'FAILED')") == EXPORTS);
		int failed = count("status = 'FAILED'");
		System.out.printf("Chaos: all %d exports SUCCEEDED or FAILED (%d) %d ms after the restart%n", EXPORTS, failed,
				Duration.between(phase, Instant.now()).toMillis());
		assertThat(this.jdbc.queryForList("select error_message from export where status = 'FAILED'", String.class))
			.as("only Adobe's refusals fail an export")
			.allMatch((message) -> message != null && message.contains("refused"));

		// The refusals lifted, every failed export is resumed by a storm.
		refusals.forEach(this.adobe::removeStub);
		for (String id : this.jdbc.queryForList("select id::text from export where status = 'FAILED'", String.class)) {
			List<Integer> answers = storm(up,
					(instance) -> client(instance).api()
						.post()
						.uri("/exports/{id}/resume", id)
						.exchange()
						.returnResult(JsonNode.class)
						.getStatus()
						.value());
			assertThat(answers).as("resumes of %s", id).isSubsetOf(202, 409).containsOnlyOnce(202);
		}
		phase = Instant.now();
		await().atMost(SETTLED_WITHIN)
			.pollInterval(Duration.ofMillis(250))
			.until(() -> count("status = 'SUCCEEDED'") == EXPORTS);
		System.out.printf("Chaos: %d resumed exports SUCCEEDED %d ms after the storm%n", failed,
				Duration.between(phase, Instant.now()).toMillis());

		// A storm of deletes on ten of them.
		List<String> deleted = new ArrayList<>(ids);
		Collections.shuffle(deleted, this.random);
		deleted = deleted.subList(0, DELETED);
		for (String id : deleted) {
			List<Integer> answers = storm(up,
					(instance) -> client(instance).api()
						.delete()
						.uri("/exports/{id}", id)
						.exchange()
						.returnResult(JsonNode.class)
						.getStatus()
						.value());
			assertThat(answers).as("deletes of %s", id).isSubsetOf(202, 409).contains(202);
		}
		phase = Instant.now();
		await().atMost(SETTLED_WITHIN)
			.pollInterval(Duration.ofMillis(250))
			.until(() -> count("status = 'DELETED'") == DELETED);
		System.out.printf("Chaos: %d exports DELETED %d ms after the storm; %d ms in all%n", DELETED,
				Duration.between(phase, Instant.now()).toMillis(), Duration.between(began, Instant.now()).toMillis());

		// Adobe and the database agree.
		ExportsClient reader = client(up.getFirst());
		for (String id : ids) {
			JsonNode export = reader.getExport(id);
			if (deleted.contains(id)) {
				assertThat(export.path("status").asString()).isEqualTo("DELETED");
				Map<String, Long> left = AdobeCreates.counts(this.emulator, export.path("name").asString(), id);
				assertThat(left).as("what Adobe holds of deleted export %s (schemas cannot be deleted)", id)
					.containsEntry("SOURCE_CONNECTION", 0L)
					.containsEntry("BASE_CONNECTION", 0L)
					.containsEntry("TARGET_CONNECTION", 0L)
					.containsEntry("DATAFLOW", 0L)
					.containsEntry("MAPPING_SET", 0L);
			}
			else {
				assertThat(export.path("status").asString()).isEqualTo("SUCCEEDED");
				AdobeCreates.assertEachCreatedOnce(this.emulator, export);
				assertThat(audiencesOfFlow(export.path("flowId").asString())).as("audiences of export %s's flow", id)
					.isEqualTo(export.path("audiences").findValuesAsString("id"));
			}
		}
		assertThat(count("runs > 5")).as("exports past exports.workers.max-runs").isZero();
		assertThat(this.jdbc.queryForObject("select count(*) from scheduled_tasks where task_name in "
				+ "('run-export', 'tear-down-export', 'change-export')", Integer.class))
			.as("work left queued")
			.isZero();
	}

	/**
	 * A fault on one call of one export: the emulator's answer lost after it did the
	 * work, Adobe busy once, or a refusal until the test lifts it.
	 */
	enum Fault {

		NONE, LOST_ANSWER, BUSY_ONCE, REFUSED;

		StubMapping stub(StepCalls.Request call, String sandbox) {
			return switch (this) {
				case NONE -> null;
				case LOST_ANSWER -> call.stub(sandbox)
					.atPriority(1)
					.inScenario("lost " + sandbox)
					.whenScenarioStateIs(Scenario.STARTED)
					.willSetStateTo("lost")
					.willReturn(aResponse().withTransformers(AdobeEmulator.NAME)
						.withFault(com.github.tomakehurst.wiremock.http.Fault.CONNECTION_RESET_BY_PEER))
					.build();
				case BUSY_ONCE -> call.stub(sandbox)
					.atPriority(1)
					.inScenario("busy " + sandbox)
					.whenScenarioStateIs(Scenario.STARTED)
					.willSetStateTo("busy")
					.willReturn(
							aResponse().withStatus(503).withBody("{\"error_code\": \"503000\", \"message\": \"busy\"}"))
					.build();
				case REFUSED -> call.stub(sandbox)
					.atPriority(1)
					.willReturn(aResponse().withStatus(400)
						.withHeader("Content-Type", "application/json")
						.withBody("{\"errorMessage\": \"refused by the chaos test\"}"))
					.build();
			};
		}

	}

	/** The same request sent {@link #STORM} times at once, spread over the instances. */
	private static List<Integer> storm(List<ServiceProcess> instances, Function<ServiceProcess, Integer> request)
			throws Exception {
		try (ExecutorService callers = Executors.newFixedThreadPool(STORM)) {
			List<Future<Integer>> sent = new ArrayList<>();
			for (int i = 0; i < STORM; i++) {
				ServiceProcess instance = instances.get(i % instances.size());
				sent.add(callers.submit(() -> request.apply(instance)));
			}
			List<Integer> answers = new ArrayList<>();
			for (Future<Integer> answer : sent) {
				answers.add(answer.get(30, TimeUnit.SECONDS));
			}
			return answers;
		}
	}

	private List<String> audiencesOfFlow(String flowId) {
		return this.emulator.entity("flows", flowId)
			.orElseThrow()
			.path("transformations")
			.path(0)
			.path("params")
			.path("segmentSelectors")
			.path("selectors")
			.findValuesAsString("id");
	}

	private int count(String condition) {
		return this.jdbc.queryForObject("select count(*) from export where " + condition, Integer.class);
	}

	private static ExportsClient client(ServiceProcess instance) {
		return new ExportsClient(instance.baseUrl());
	}

	private ServiceProcess startInstance(String name) {
		Map<String, String> properties = new LinkedHashMap<>(LocalInfrastructure.properties());
		properties.putAll(this.database.properties());
		properties.put("exports.workers.instance-name", "chaos-" + name.replace("-again", ""));
		properties.put("exports.workers.heartbeat-interval", "1s");
		properties.put("exports.workers.missed-heartbeats", "4");
		properties.put("exports.workers.polling-interval", "500ms");
		properties.put("exports.workers.failure-backoff", "1s");
		properties.put("exports.workers.max-failure-backoff", "5s");
		properties.put("adobe.http.read-timeout", "2s");
		properties.put("adobe.concurrency.max-wait", "500ms");
		properties.put("adobe.retry.initial-backoff", "100ms");
		properties.put("adobe.retry.max-backoff", "1s");
		ServiceProcess instance = ServiceProcess.start(name, Path.of("target", "chaos-" + name + ".log"), properties);
		this.instances.add(instance);
		return instance;
	}

}
