package com.acme.aepexport.workflow;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import com.acme.aepexport.emulator.AdobeEmulator;
import com.acme.aepexport.support.AdobeJournal;
import com.acme.aepexport.support.IntegrationTest;
import com.acme.aepexport.support.StepCalls;

import static com.acme.aepexport.support.AdobeJournal.FLOW_SERVICE;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Every export that is {@code PENDING} or {@code RUNNING}, or whose teardown is asked
 * for, has its work queued, whenever a resume or a delete comes: right at the end of a
 * run included, when the run's queued task is still there but about to go.
 */
class QueueInvariantIT extends IntegrationTest {

	/**
	 * The window is held open: the test locks the worker's task row, so the worker, its
	 * run over and committed, cannot remove it yet; the resume comes then.
	 */
	@Test
	void aResumeRightAtTheEndOfARunIsNeverLost() throws Exception {
		String sandbox = newSandbox();
		refuseSourceConnectionsSlowly(sandbox);
		String id = startExport(example("DATA_LANDING_ZONE", sandbox));

		awaitPicked(id, WorkersConfiguration.TASK_NAME);
		try (Connection lock = lockTaskRow(id, WorkersConfiguration.TASK_NAME)) {
			awaitStatus(id, "FAILED");
			CompletableFuture<Integer> resumed = CompletableFuture.supplyAsync(() -> resumeExport(id));
			Thread.sleep(500);
			lock.rollback();
			assertThat(resumed.get()).isEqualTo(202);
		}

		JsonNode failedAgain = await().atMost(Duration.ofSeconds(15))
			.until(() -> getExport(id),
					(export) -> StepCalls.step(export, "SOURCE_CONNECTION").path("attempts").asInt() == 2
							&& export.path("status").asString().equals("FAILED"));
		assertThat(failedAgain.path("error").path("step").asString()).isEqualTo("SOURCE_CONNECTION");
		assertThat(queuedTasks(id)).as("nothing queued once it has failed again").isZero();
	}

	@Test
	void aDeleteRightAtTheEndOfATeardownIsNeverLost() throws Exception {
		String sandbox = newSandbox();
		String id = startExport(example("DATA_LANDING_ZONE", sandbox));
		assertThat(awaitFinished(id).path("status").asString()).isEqualTo("SUCCEEDED");
		this.adobe.stubFor(delete(urlPathMatching(FLOW_SERVICE + "/targetConnections/.*")).atPriority(1)
			.withHeader("x-sandbox-name", equalTo(sandbox))
			.willReturn(aResponse().withStatus(400)
				.withFixedDelay(1500)
				.withHeader("Content-Type", "application/json")
				.withBody("{\"errorMessage\": \"Target connection is in use\"}")));

		assertThat(deleteExport(id)).isEqualTo(202);
		awaitPicked(id, WorkersConfiguration.TEARDOWN_TASK_NAME);
		try (Connection lock = lockTaskRow(id, WorkersConfiguration.TEARDOWN_TASK_NAME)) {
			await().atMost(Duration.ofSeconds(15))
				.until(() -> getExport(id), (export) -> export.path("error").isObject());
			CompletableFuture<Integer> deletedAgain = CompletableFuture.supplyAsync(() -> deleteExport(id));
			Thread.sleep(500);
			lock.rollback();
			assertThat(deletedAgain.get()).isEqualTo(202);
		}

		await().atMost(Duration.ofSeconds(15))
			.until(() -> AdobeJournal.of(this.adobe, sandbox)
				.calls()
				.stream()
				.filter((call) -> call.method().equals("DELETE") && call.path().contains("/targetConnections/"))
				.count(), (deletes) -> deletes == 2);
		await().atMost(Duration.ofSeconds(15)).until(() -> getExport(id), (export) -> export.path("error").isObject());
		assertThat(queuedTasks(id)).isZero();
	}

	/**
	 * A resume (and now and then a delete) sent the moment the export is seen FAILED, a
	 * hundred times over: the export always goes on, and ends with nothing queued.
	 */
	@Test
	void aStormOfResumesAndDeletesAtFailedNeverStrandsAnExport() {
		String sandbox = newSandbox();
		this.adobe.stubFor(post(urlPathEqualTo(FLOW_SERVICE + "/sourceConnections")).atPriority(1)
			.withHeader("x-sandbox-name", equalTo(sandbox))
			.willReturn(aResponse().withStatus(400)
				.withHeader("Content-Type", "application/json")
				.withBody("{\"errorMessage\": \"refused\"}")));
		String id = startExport(example("DATA_LANDING_ZONE", sandbox));

		for (int round = 1; round <= 100; round++) {
			int attempts = round;
			JsonNode failed = await().atMost(Duration.ofSeconds(15))
				.pollInterval(Duration.ofMillis(5))
				.until(() -> getExport(id), (export) -> export.path("status").asString().equals("FAILED")
						&& StepCalls.step(export, "SOURCE_CONNECTION").path("attempts").asInt() == attempts);
			assertThat(failed.path("status").asString()).isEqualTo("FAILED");
			int resumed = resumeExport(id);
			assertThat(resumed).as("round %d", round).isEqualTo(202);
		}
		JsonNode last = await().atMost(Duration.ofSeconds(15))
			.until(() -> getExport(id), (export) -> export.path("status").asString().equals("FAILED")
					&& StepCalls.step(export, "SOURCE_CONNECTION").path("attempts").asInt() == 101);
		assertThat(last.path("status").asString()).isEqualTo("FAILED");

		// Deletes and resumes at once: one of each kind wins, none answers 5xx.
		List<Integer> answers = new ArrayList<>();
		try (ExecutorService callers = Executors.newFixedThreadPool(4)) {
			List<Future<Integer>> sent = new ArrayList<>();
			sent.add(callers.submit(() -> resumeExport(id)));
			sent.add(callers.submit(() -> resumeExport(id)));
			sent.add(callers.submit(() -> deleteExport(id)));
			sent.add(callers.submit(() -> deleteExport(id)));
			for (Future<Integer> answer : sent) {
				answers.add(answer.get());
			}
		}
		catch (Exception ex) {
			throw new AssertionError(ex);
		}
		assertThat(answers).as("answers to two resumes and two deletes").containsOnly(202, 409).contains(202);
		JsonNode settled = await().atMost(Duration.ofSeconds(20))
			.until(() -> getExport(id),
					(export) -> List.of("FAILED", "DELETED").contains(export.path("status").asString())
							&& queuedTasks(id) == 0);
		assertThat(settled.path("status").asString()).isIn("FAILED", "DELETED");
	}

	/**
	 * Should the invariant break anyway (a task row deleted by hand), the reconciler
	 * finds the export and queues its work again.
	 */
	@Test
	void anExportWhoseWorkIsNotQueuedIsQueuedAgain() {
		String sandbox = newSandbox();
		this.adobe.stubFor(post(urlPathEqualTo(FLOW_SERVICE + "/sourceConnections")).atPriority(1)
			.withHeader("x-sandbox-name", equalTo(sandbox))
			.willReturn(aResponse().withStatus(400)
				.withHeader("Content-Type", "application/json")
				.withBody("{\"errorMessage\": \"refused\"}")));
		String id = startExport(example("DATA_LANDING_ZONE", sandbox));
		awaitStatus(id, "FAILED");
		this.adobe.resetMappings();
		this.adobe.stubFor(AdobeEmulator.catchAllStub());

		// What a lost resume left behind: RUNNING, nothing queued.
		this.jdbc.update("update export set status = 'RUNNING', claim = null where id = ?::uuid", id);
		assertThat(queuedTasks(id)).isZero();

		assertThat(awaitFinished(id).path("status").asString()).isEqualTo("SUCCEEDED");
		assertThat(getManagementText("/actuator/prometheus"))
			.containsPattern("aep_queue_repairs_total\\{.*task=\"run-export\".*} [1-9]");
	}

	/** The same for a change whose worker's task went missing. */
	@Test
	void aChangeWhoseWorkIsNotQueuedIsQueuedAgain() {
		String id = startExport(example("DATA_LANDING_ZONE", newSandbox()));
		assertThat(awaitFinished(id).path("status").asString()).isEqualTo("SUCCEEDED");

		// What a lost task left behind: a change accepted, nothing queued to apply it.
		this.jdbc.update("""
				insert into export_change (id, export_id, revision, spec, status, requested_by, requested_at)
				select gen_random_uuid(), id, 1, spec, 'PENDING', 'it-caller', now() from export where id = ?::uuid""",
				id);
		assertThat(queuedTasks(id)).isZero();

		await().atMost(Duration.ofSeconds(15))
			.until(() -> getExport(id).path("change").path("status").asString(), (status) -> status.equals("APPLIED"));
		assertThat(getManagementText("/actuator/prometheus"))
			.containsPattern("aep_queue_repairs_total\\{.*task=\"change-export\".*} [1-9]");
	}

	private void refuseSourceConnectionsSlowly(String sandbox) {
		this.adobe.stubFor(post(urlPathEqualTo(FLOW_SERVICE + "/sourceConnections")).atPriority(1)
			.withHeader("x-sandbox-name", equalTo(sandbox))
			.willReturn(aResponse().withStatus(400)
				.withFixedDelay(1500)
				.withHeader("Content-Type", "application/json")
				.withBody("{\"errorMessage\": \"refused\"}")));
	}

	/** Locks the export's task row, as a transaction of the test's own. */
	private Connection lockTaskRow(String id, String task) throws Exception {
		Connection connection = this.jdbc.getDataSource().getConnection();
		connection.setAutoCommit(false);
		try (PreparedStatement lock = connection
			.prepareStatement("select * from scheduled_tasks where task_name = ? and task_instance = ? for update")) {
			lock.setString(1, task);
			lock.setString(2, id);
			lock.executeQuery().close();
		}
		return connection;
	}

	private void awaitPicked(String id, String task) {
		await().atMost(Duration.ofSeconds(15))
			.until(() -> this.jdbc.queryForList(
					"select picked from scheduled_tasks where task_name = ? and task_instance = ?", Boolean.class, task,
					id), (picked) -> picked.equals(List.of(true)));
	}

	private void awaitStatus(String id, String status) {
		await().atMost(Duration.ofSeconds(15))
			.until(() -> getExport(id).path("status").asString(), (current) -> current.equals(status));
	}

	private int queuedTasks(String id) {
		return this.jdbc.queryForObject("select count(*) from scheduled_tasks where task_instance = ?", Integer.class,
				id);
	}

	private int resumeExport(String id) {
		return this.api.post().uri("/exports/{id}/resume", id).exchange().returnResult().getStatus().value();
	}

	private int deleteExport(String id) {
		return this.api.delete().uri("/exports/{id}", id).exchange().returnResult().getStatus().value();
	}

}
