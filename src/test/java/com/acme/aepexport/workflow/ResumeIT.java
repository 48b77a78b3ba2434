package com.acme.aepexport.workflow;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.client.RestTestClient;

import com.acme.aepexport.emulator.AdobeEmulator;
import com.acme.aepexport.support.AdobeJournal;
import com.acme.aepexport.support.AdobeJournal.Call;
import com.acme.aepexport.support.IntegrationTest;
import com.acme.aepexport.support.StepCalls;
import com.acme.aepexport.support.StepCalls.Create;
import com.acme.aepexport.support.StepCalls.FlowPatch;
import com.acme.aepexport.support.StepCalls.Request;

import static com.acme.aepexport.support.AdobeAssertions.assertEveryEntityCreatedOnce;
import static com.acme.aepexport.support.AdobeAssertions.assertFlowComplete;
import static com.acme.aepexport.support.AdobeJournal.FLOW_SERVICE;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code POST /exports/{id}/resume}: only a {@code FAILED} export resumes, and it runs
 * only the steps that failed or had not run; what succeeded is neither run nor sent to
 * Adobe again.
 */
class ResumeIT extends IntegrationTest {

	private static final String CONFLICT = "https://aep-export-facade.acme.com/problems/conflict";

	/**
	 * How long the source connection's answer is held back at most to keep exports busy;
	 * the test lets it go once it has seen what it needs, so a longer hold costs nothing.
	 * Long enough that every worker is still held when the last export is accepted, on a
	 * loaded machine too (at 2.5 s it failed with a load average of 15, and at 7 s and at
	 * 9 s it still does now and then with one above 15, when accepting the 17 exports
	 * takes longer: a held answer comes back before the last export is accepted, and the
	 * one meant to wait runs), and below adobe.http.read-timeout (10 s), so that no held
	 * call is tried again.
	 */
	private static final int HELD_MS = 9000;

	@Autowired
	private WorkflowSettings settings;

	@Test
	void aSucceededExportIsNotResumed() {
		String sandbox = newSandbox();
		String id = startExport(example("AMAZON_S3", sandbox));
		JsonNode export = awaitFinished(id);
		assertThat(export.path("status").asString()).isEqualTo("SUCCEEDED");
		int writesBefore = writes(AdobeJournal.of(this.adobe, sandbox)).size();

		JsonNode problem = resume(id, 409);

		assertThat(problem.path("type").asString()).isEqualTo(CONFLICT);
		assertThat(problem.path("status").asInt()).isEqualTo(409);
		assertThat(problem.path("detail").asString()).contains("SUCCEEDED");
		JsonNode after = getExport(id);
		assertThat(after.path("status").asString()).isEqualTo("SUCCEEDED");
		assertThat(after.path("updatedAt")).as("unchanged").isEqualTo(export.path("updatedAt"));
		assertThat(after.path("steps")).as("unchanged").isEqualTo(export.path("steps"));
		assertThat(writes(AdobeJournal.of(this.adobe, sandbox))).as("nothing changed in Adobe").hasSize(writesBefore);
	}

	@Test
	void aRunningExportIsNotResumed() {
		String sandbox = newSandbox();
		holdSourceConnections(sandbox);
		String id = startExport(example("AMAZON_S3", sandbox));
		await().atMost(Duration.ofSeconds(10))
			.until(() -> getExport(id).path("status").asString(), (status) -> status.equals("RUNNING"));

		JsonNode problem = resume(id, 409);
		this.emulator.release(sandbox);

		assertThat(problem.path("type").asString()).isEqualTo(CONFLICT);
		assertThat(problem.path("detail").asString()).contains("RUNNING");
		JsonNode export = awaitFinished(id);
		assertThat(export.path("status").asString()).isEqualTo("SUCCEEDED");
		assertThat(StepCalls.steps(export, (step) -> step.path("attempts").asInt()).values())
			.as("no second run started")
			.containsOnly(1);
		assertEveryEntityCreatedOnce(this.emulator, AdobeJournal.of(this.adobe, sandbox), export);
	}

	@Test
	void aPendingExportIsNotResumed() {
		// The workers are kept busy, so that the exports started after them wait,
		// PENDING: exactly as many run as there are workers (the recurring tasks have
		// threads of their own), and the newest of those waiting, which the workers,
		// taking the oldest first, would reach last, is resumed.
		String sandbox = newSandbox();
		holdSourceConnections(sandbox);
		int workers = this.settings.workers().concurrency();
		List<String> ids = new ArrayList<>();
		for (int i = 0; i < workers + 4; i++) {
			ids.add(startExport(example("AMAZON_S3", sandbox).put("name", "busy-" + i)));
		}
		Map<String, List<String>> byStatus = await().atMost(Duration.ofSeconds(10))
			.pollInterval(Duration.ofMillis(50))
			.until(() -> byStatus(ids), (statuses) -> statuses.getOrDefault("RUNNING", List.of()).size() == workers
					&& statuses.getOrDefault("PENDING", List.of()).size() == 4);
		String pending = ids.reversed().stream().filter(byStatus.get("PENDING")::contains).findFirst().orElseThrow();

		JsonNode problem = resume(pending, 409);
		this.emulator.release(sandbox);

		assertThat(problem.path("type").asString()).isEqualTo(CONFLICT);
		assertThat(problem.path("detail").asString()).contains("PENDING");
		for (String id : ids) {
			assertThat(awaitFinished(id).path("status").asString()).isEqualTo("SUCCEEDED");
		}
		assertThat(StepCalls.steps(getExport(pending), (step) -> step.path("attempts").asInt()).values())
			.as("the pending export ran once")
			.containsOnly(1);
	}

	@Test
	void anUnknownExportIsNotFound() {
		JsonNode problem = resume(UUID.randomUUID().toString(), 404);

		assertThat(problem.path("type").asString()).isEqualTo("https://aep-export-facade.acme.com/problems/not-found");
	}

	@Test
	void resumeRunsOnlyTheFailedStepAndThoseNotYetRun() {
		String sandbox = newSandbox();
		StubMapping refusal = refuse(Create.TARGET_CONNECTION.request(), sandbox);
		ObjectNode request = example("AMAZON_S3", sandbox);
		String id = startExport(request);
		JsonNode failed = awaitFinished(id);
		assertThat(failed.path("status").asString()).isEqualTo("FAILED");
		assertThat(failed.path("error").path("step").asString()).isEqualTo("TARGET_CONNECTION");
		Map<String, String> statusBefore = StepCalls.steps(failed, (step) -> step.path("status").asString());
		assertThat(statusBefore).containsEntry("SOURCE_CONNECTION", "SUCCEEDED")
			.containsEntry("BASE_CONNECTION", "SUCCEEDED")
			.containsEntry("TARGET_CONNECTION", "FAILED")
			.containsEntry("DATAFLOW", "PENDING")
			.containsEntry("AUDIENCES", "PENDING");
		int callsBefore = AdobeJournal.of(this.adobe, sandbox).calls().size();
		this.adobe.removeStub(refusal);

		JsonNode resumed = resume(id, 202);
		assertThat(resumed.path("status").asString()).isEqualTo("RUNNING");
		assertThat(resumed.path("error").isNull()).isTrue();
		JsonNode export = awaitFinished(id);

		assertThat(export.path("status").asString()).as(export.toString()).isEqualTo("SUCCEEDED");
		Map<String, Integer> attemptsBefore = StepCalls.steps(failed, (step) -> step.path("attempts").asInt());
		StepCalls.steps(export, (step) -> step.path("attempts").asInt()).forEach((step, attempts) -> {
			int expected = switch (statusBefore.get(step)) {
				case "SUCCEEDED" -> attemptsBefore.get(step);
				case "FAILED" -> 2;
				default -> 1;
			};
			assertThat(attempts).as("attempts of %s, %s before the resume", step, statusBefore.get(step))
				.isEqualTo(expected);
		});
		AdobeJournal journal = AdobeJournal.of(this.adobe, sandbox);
		List<Call> sinceResume = journal.calls().subList(callsBefore, journal.calls().size());
		List<String> created = new ArrayList<>();
		for (Create create : Create.values()) {
			create.posts(journal, export)
				.stream()
				.filter(sinceResume::contains)
				.forEach((call) -> created.add(create.step()));
		}
		assertThat(sinceResume.stream().filter((call) -> call.method().equals("POST"))).as("POSTs since the resume")
			.hasSize(created.size());
		List<String> notDone = Arrays.stream(Create.values())
			.map(Create::step)
			.filter((step) -> !statusBefore.get(step).equals("SUCCEEDED"))
			.toList();
		assertThat(created).as("creates sent since the resume").containsExactlyInAnyOrderElementsOf(notDone);
		assertThat(Create.TARGET_CONNECTION.lookUps(journal, export))
			.as("the failed create may have reached Adobe: it is looked for first")
			.hasSize(1);
		for (FlowPatch patch : FlowPatch.values()) {
			assertThat(patch.request().calls(journal)).as("%s PATCHes", patch).hasSize(1);
		}
		assertEveryEntityCreatedOnce(this.emulator, journal, export);
		assertFlowComplete(this.emulator, export, request);
	}

	@Test
	void resumeAfterAFailedFlowChangeCreatesNothingAndContinuesTheFlowChanges() {
		String sandbox = newSandbox();
		StubMapping refusal = refuse(FlowPatch.ATTACH_MAPPING.request(), sandbox);
		ObjectNode request = example("AMAZON_S3", sandbox);
		String id = startExport(request);
		JsonNode failed = awaitFinished(id);
		assertThat(failed.path("status").asString()).isEqualTo("FAILED");
		assertThat(failed.path("error").path("step").asString()).isEqualTo("ATTACH_MAPPING");
		int callsBefore = AdobeJournal.of(this.adobe, sandbox).calls().size();
		this.adobe.removeStub(refusal);

		resume(id, 202);
		resume(id, 409);
		JsonNode export = awaitFinished(id);

		assertThat(export.path("status").asString()).as(export.toString()).isEqualTo("SUCCEEDED");
		AdobeJournal journal = AdobeJournal.of(this.adobe, sandbox);
		List<Call> sinceResume = journal.calls().subList(callsBefore, journal.calls().size());
		assertThat(sinceResume).as("creates since the resume").noneMatch((call) -> call.method().equals("POST"));
		List<Call> patches = sinceResume.stream().filter((call) -> call.method().equals("PATCH")).toList();
		assertThat(patches).as("PATCHes since the resume: the failed one, then those not yet sent")
			.extracting((call) -> Arrays.stream(FlowPatch.values())
				.filter((patch) -> patch.request().calls(journal).contains(call))
				.findFirst()
				.orElseThrow())
			.containsExactly(FlowPatch.ATTACH_MAPPING, FlowPatch.MANDATORY_FIELDS, FlowPatch.DEDUPLICATION_KEYS);
		String flow = FLOW_SERVICE + "/flows/" + export.path("flowId").asString();
		List<Call> reads = sinceResume.stream()
			.filter((call) -> call.method().equals("GET") && call.path().equals(flow))
			.toList();
		assertThat(reads).as("the failed PATCH may have reached Adobe: the flow is read first").hasSize(1);
		assertThat(sinceResume.indexOf(reads.getFirst())).isLessThan(sinceResume.indexOf(patches.getFirst()));
		assertThat(StepCalls.steps(export, (step) -> step.path("attempts").asInt())).containsEntry("ATTACH_MAPPING", 2)
			.containsEntry("AUDIENCES", 1)
			.containsEntry("MANDATORY_FIELDS", 1)
			.containsEntry("DEDUPLICATION_KEYS", 1);
		assertEveryEntityCreatedOnce(this.emulator, journal, export);
		assertFlowComplete(this.emulator, export, request);
	}

	/** What changed something in Adobe. */
	private static List<Call> writes(AdobeJournal journal) {
		return journal.calls().stream().filter((call) -> !call.method().equals("GET")).toList();
	}

	/** {@code POST /exports/{id}/resume} expecting a status; returns the body. */
	private JsonNode resume(String id, int status) {
		RestTestClient.ResponseSpec response = this.api.post().uri("/exports/" + id + "/resume").exchange();
		response.expectStatus().isEqualTo(status);
		if (status == 202) {
			response.expectHeader().valueEquals("Location", "/exports/" + id);
		}
		return response.expectBody(JsonNode.class).returnResult().getResponseBody();
	}

	/**
	 * Adobe's source connections in the sandbox answer late, keeping exports busy: once
	 * the test has seen what it needs and releases the sandbox's hold, or after
	 * {@link #HELD_MS}.
	 */
	private void holdSourceConnections(String sandbox) {
		this.emulator.hold(sandbox);
		this.adobe.stubFor(Create.SOURCE_CONNECTION.request()
			.stub(sandbox)
			.atPriority(1)
			.willReturn(aResponse().withTransformers(AdobeEmulator.NAME)
				.withFixedDelay(HELD_MS)
				.withTransformerParameter(AdobeEmulator.HOLD, sandbox)));
	}

	/** Adobe refuses a step's request in the sandbox for good, until the stub goes. */
	private StubMapping refuse(Request call, String sandbox) {
		return this.adobe.stubFor(call.stub(sandbox)
			.atPriority(1)
			.willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/json").withBody("""
					{"type": "https://ns.adobe.com/aep/errors/FLOW-1000-400", "title": "Bad Request", "status": 400,
					 "report": {"detailed-message": "Invalid request"}}""")));
	}

	private Map<String, List<String>> byStatus(List<String> ids) {
		Map<String, List<String>> byStatus = new HashMap<>();
		for (String id : ids) {
			byStatus.computeIfAbsent(getExport(id).path("status").asString(), (status) -> new ArrayList<>()).add(id);
		}
		return byStatus;
	}

}
