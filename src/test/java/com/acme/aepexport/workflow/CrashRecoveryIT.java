package com.acme.aepexport.workflow;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import com.github.tomakehurst.wiremock.WireMockServer;
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
import com.acme.aepexport.support.AdobeJournal;
import com.acme.aepexport.support.ExportsClient;
import com.acme.aepexport.support.LocalInfrastructure;
import com.acme.aepexport.support.ScratchDatabase;
import com.acme.aepexport.support.ServiceProcess;

import static com.acme.aepexport.support.AdobeJournal.FLOW_SERVICE;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The instance running an export dies for real ({@code SIGKILL} of a second JVM) while
 * Adobe is creating the dataflow: Adobe made the flow, the instance never learned its id.
 * Restarted on the same database, the service revives the export once the dead worker's
 * heartbeats are missed, finds the flow by its name and adopts it, and finishes the
 * export with one entity per create in Adobe.
 * <p>
 * The instances use a database of their own on the shared PostgreSQL server: the contexts
 * the Spring test cache keeps alive would otherwise run (and revive) the export
 * themselves.
 */
class CrashRecoveryIT {

	/** Missed heartbeats must outlast a call's read timeout and its wait for a slot. */
	private static final Duration HEARTBEAT = Duration.ofSeconds(2);

	/** db-scheduler accepts no fewer than 4. */
	private static final int MISSED_HEARTBEATS = 4;

	private static final Duration POLLING = Duration.ofMillis(500);

	/** How long a silent worker keeps its export. */
	private static final Duration DEAD_AFTER = HEARTBEAT.multipliedBy(MISSED_HEARTBEATS);

	/** Time for a loaded CI machine on top of the dead-worker limit and one poll. */
	private static final Duration PICK_UP_MARGIN = Duration.ofSeconds(5);

	private static final Duration STARTUP = Duration.ofSeconds(120);

	private final WireMockServer adobe = LocalInfrastructure.adobe();

	private final AdobeEmulator emulator = LocalInfrastructure.emulator();

	private final List<ServiceProcess> instances = new ArrayList<>();

	private ScratchDatabase database;

	private JdbcTemplate jdbc;

	private StubMapping hang;

	@RegisterExtension
	final TestExecutionExceptionHandler printInstanceLogs = (context, failure) -> {
		for (ServiceProcess instance : this.instances) {
			System.out.println("===== output of " + instance + ", " + instance.log().toAbsolutePath() + " =====");
			System.out.println(instance.output());
		}
		throw failure;
	};

	@BeforeEach
	void ownDatabase() {
		this.database = ScratchDatabase.create("crash");
		this.jdbc = this.database.jdbc();
	}

	@AfterEach
	void cleanUp() {
		this.instances.forEach(ServiceProcess::close);
		if (this.hang != null) {
			this.adobe.removeStub(this.hang);
		}
		this.database.drop();
	}

	@Test
	void anExportWhoseInstanceIsKilledWhileAdobeCreatesTheFlowIsFinishedAfterRestartWithoutCreatingTwice() {
		// Adobe creates the flow but holds its answer back far beyond the read timeout.
		this.hang = this.adobe.stubFor(post(urlPathEqualTo(FLOW_SERVICE + "/flows")).atPriority(1)
			.willReturn(aResponse().withTransformers(AdobeEmulator.NAME).withFixedDelay(20_000)));
		String sandbox = ExportsClient.newSandbox("crash");
		JsonNode body = ExportsClient.example("AMAZON_S3", sandbox);
		String name = body.path("name").asString();
		ServiceProcess first = startInstance("first");
		first.awaitUp(STARTUP);

		String id = new ExportsClient(first.baseUrl()).startExport(body);

		// The earlier steps are committed, DATAFLOW's first attempt is under way, and
		// Adobe holds the flow.
		String flowId = await().atMost(Duration.ofSeconds(30))
			.pollInterval(Duration.ofMillis(20))
			.until(() -> dataflowRunningAndCreated(id, name), Optional::isPresent)
			.orElseThrow();
		Instant killedAt = Instant.now();
		int exitCode = first.kill();
		System.out.printf("SIGKILL sent to %s once the flow was seen in Adobe; gone %d ms later, exit code %d%n", first,
				Duration.between(killedAt, Instant.now()).toMillis(), exitCode);
		assertThat(first.isAlive()).isFalse();
		assertThat(exitCode).as("exit code of a JVM killed with SIGKILL").isEqualTo(137);
		// What the dead instance left behind: the export claimed and running, the flow
		// created in Adobe but unknown here.
		Map<String, Object> left = this.jdbc.queryForMap("select status, claim from export where id = ?::uuid", id);
		assertThat(left.get("status")).isEqualTo("RUNNING");
		assertThat(left.get("claim")).isNotNull();
		Map<String, Object> dataflowLeft = step(id, "DATAFLOW");
		assertThat(dataflowLeft).containsEntry("status", "RUNNING").containsEntry("attempts", 1);
		assertThat(dataflowLeft.get("entity_id")).isNull();
		System.out.println("DATAFLOW's first attempt when killed: "
				+ ((dataflowLeft.get("error_message") == null) ? "still waiting for Adobe's answer"
						: "timed out (" + dataflowLeft.get("error_message") + "), waiting to try again"));
		for (String earlier : List.of("CONNECTION_SPEC", "SOURCE_CONNECTION", "BASE_CONNECTION", "TARGET_CONNECTION")) {
			assertThat(step(id, earlier)).as(earlier).containsEntry("status", "SUCCEEDED").containsEntry("attempts", 1);
		}
		assertThat(this.jdbc.queryForMap("select picked, picked_by from scheduled_tasks where task_instance = ?", id))
			.containsEntry("picked", true)
			.containsEntry("picked_by", "crash-first");

		this.adobe.removeStub(this.hang);
		ServiceProcess second = startInstance("second");
		PickUp pickUp = awaitUpAndPickUp(second, id, left.get("claim"));

		System.out.printf(
				"Crash recovery: kill -> restart %d ms, restart -> UP %d ms, UP -> export taken again %d ms, "
						+ "kill -> taken again %d ms (dead after %s, polling %s)%n",
				Duration.between(killedAt, second.started()).toMillis(),
				Duration.between(second.started(), pickUp.up()).toMillis(),
				Duration.between(pickUp.up(), pickUp.pickedUp()).toMillis(),
				Duration.between(killedAt, pickUp.pickedUp()).toMillis(), DEAD_AFTER, POLLING);
		assertThat(Duration.between(pickUp.up(), pickUp.pickedUp()))
			.as("from the restarted instance being up to the export taken again")
			.isLessThanOrEqualTo(DEAD_AFTER.plus(POLLING).plus(PICK_UP_MARGIN));
		JsonNode export = new ExportsClient(second.baseUrl()).awaitFinished(id, Duration.ofSeconds(60));
		assertThat(export.path("status").asString()).as(export.toString()).isEqualTo("SUCCEEDED");
		JsonNode dataflow = ExportsClient.step(export, "DATAFLOW");
		assertThat(dataflow.path("attempts").asInt()).as("one attempt per instance").isEqualTo(2);
		assertThat(dataflow.path("entityId").asString()).as("the flow Adobe created before the kill, adopted")
			.isEqualTo(flowId);
		AdobeCreates.assertEachCreatedOnce(this.emulator, export);
		for (String earlier : List.of("CONNECTION_SPEC", "SOURCE_CONNECTION", "BASE_CONNECTION", "TARGET_CONNECTION")) {
			assertThat(ExportsClient.step(export, earlier).path("attempts").asInt())
				.as("%s, done before the kill, is not run again", earlier)
				.isEqualTo(1);
		}
		AdobeJournal journal = AdobeJournal.of(this.adobe, sandbox);
		assertThat(journal.calls("POST", FLOW_SERVICE + "/flows"))
			.as("one create of the flow: the restarted instance looks it up instead")
			.hasSize(1);
		String targetId = ExportsClient.step(export, "TARGET_CONNECTION").path("entityId").asString();
		assertThat(journal.calls("GET", FLOW_SERVICE + "/flows"))
			.as("the look-up of the flow among those into its target connection")
			.isNotEmpty()
			.allSatisfy((call) -> assertThat(call.event().getRequest().queryParameter("property").firstValue())
				.isEqualTo("targetConnectionIds[]==" + targetId));
		assertThat(this.jdbc.queryForObject("select count(*) from scheduled_tasks where task_instance = ?",
				Integer.class, id))
			.as("the finished export leaves no task behind")
			.isZero();
	}

	private ServiceProcess startInstance(String name) {
		Map<String, String> properties = new LinkedHashMap<>(LocalInfrastructure.properties());
		properties.putAll(this.database.properties());
		properties.put("exports.workers.instance-name", "crash-" + name);
		properties.put("exports.workers.heartbeat-interval", HEARTBEAT.toMillis() + "ms");
		properties.put("exports.workers.missed-heartbeats", String.valueOf(MISSED_HEARTBEATS));
		properties.put("exports.workers.polling-interval", POLLING.toMillis() + "ms");
		// Far below the hang's 20 s, and room for the restarted instance's first calls,
		// made by a cold JVM on a machine busy with other tests: at 2 s, one of them once
		// timed out in CI, and the step took a third attempt.
		properties.put("adobe.http.read-timeout", "5s");
		properties.put("adobe.concurrency.max-wait", "500ms");
		// A timed-out attempt waits long before the next one: the kill must find DATAFLOW
		// with its first attempt, not adopted by this instance already.
		properties.put("adobe.retry.initial-backoff", "10s");
		ServiceProcess instance = ServiceProcess.start(name, Path.of("target", "crash-recovery-" + name + ".log"),
				properties);
		this.instances.add(instance);
		return instance;
	}

	/** The flow's id, once DATAFLOW is RUNNING in PostgreSQL and Adobe holds the flow. */
	private Optional<String> dataflowRunningAndCreated(String exportId, String exportName) {
		String flowName = AdobeCreates.entityName(exportName, exportId, AdobeCreates.of("DATAFLOW"));
		Optional<String> flowId = this.emulator.entities("flows")
			.stream()
			.filter((flow) -> flow.path("name").asString().equals(flowName))
			.map((flow) -> flow.path("id").asString())
			.findFirst();
		if (flowId.isEmpty() || !"RUNNING".equals(step(exportId, "DATAFLOW").get("status"))) {
			return Optional.empty();
		}
		return flowId;
	}

	private Map<String, Object> step(String exportId, String name) {
		return this.jdbc.queryForMap(
				"select status, attempts, entity_id, error_message from export_step where export_id = ?::uuid and name = ?",
				exportId, name);
	}

	/**
	 * Watches the restarted instance come up and the export being taken again (a new
	 * claim: the dead instance's status RUNNING stayed as it was), whichever comes first.
	 */
	private PickUp awaitUpAndPickUp(ServiceProcess instance, String exportId, Object deadClaim) {
		Instant deadline = Instant.now().plus(STARTUP);
		Instant up = null;
		Instant pickedUp = null;
		while (up == null || pickedUp == null) {
			assertThat(Instant.now()).as("%s up and export taken again", instance).isBefore(deadline);
			if (pickedUp == null && !Objects.equals(deadClaim,
					this.jdbc.queryForObject("select claim from export where id = ?::uuid", Object.class, exportId))) {
				pickedUp = Instant.now();
			}
			if (up == null && instance.isUp()) {
				up = Instant.now();
			}
			try {
				Thread.sleep(50);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new AssertionError(ex);
			}
		}
		return new PickUp(up, pickedUp);
	}

	private record PickUp(Instant up, Instant pickedUp) {

	}

}
