package com.acme.aepexport.workflow;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.test.context.TestPropertySource;

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
import static com.acme.aepexport.support.AdobeAssertions.reachingAdobe;
import static com.acme.aepexport.support.AdobeJournal.FLOW_SERVICE;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Adobe fails one call of one step, and the export still ends {@code SUCCEEDED} with
 * every entity created once: a transient fault is tried again (a create first looks for
 * the entity by name, a flow change first reads the flow), a permanent one fails the
 * export naming Adobe's answer, and resuming it after the fault is gone runs only what
 * had not succeeded.
 * <p>
 * <b>The faults.</b> Three lose Adobe's answer after Adobe did the work: the connection
 * reset, an empty response, an answer later than the read timeout (2 s here). The stub
 * hands those requests to the emulator, so the entity exists or the flow changed, and a
 * second create or PATCH would duplicate it. Four are answered by the stub alone, as a
 * gateway would, so Adobe never saw the request: 500, 502, 503 and 429 with
 * {@code Retry-After: 1}. Each hits only the first matching call (a WireMock scenario).
 * <p>
 * <b>The selection.</b> Every fault on every step would be 13 × 7 exports, and the late
 * answer costs two seconds, the 429 one. Instead each step gets two or three faults (the
 * profile schema's split between its two GETs), rotated so that every fault hits four to
 * seven steps, among them creates, flow PATCHes and reads, and every step gets a fault
 * after which Adobe did the work and one Adobe never saw: 37 exports.
 * {@link #transientFaults()} holds the table below and checks that coverage. Every step
 * also gets the permanent 400 and the resume: 13 exports more. The class takes about 50 s
 * on 2 cores, its own Spring context included.
 *
 * <pre>
 *                             reset empty  late   500   502   503   429
 * CONNECTION_SPEC (GET spec)            x     x                 x
 * SOURCE_CONNECTION               x                 x                 x
 * BASE_CONNECTION                       x     x           x
 * TARGET_CONNECTION               x                             x     x
 * DATAFLOW                              x     x     x
 * AUDIENCES (PATCH)               x                       x           x
 * PROFILE_SCHEMA (GET union)      x                 x
 * PROFILE_SCHEMA (GET ids)                                            x
 * INPUT_SCHEMA                          x     x                 x
 * OUTPUT_SCHEMA                   x                       x
 * MAPPING_SET                                 x     x                 x
 * ATTACH_MAPPING (PATCH)                x     x                 x
 * MANDATORY_FIELDS (PATCH)        x                 x
 * DEDUPLICATION_KEYS (PATCH)            x     x           x
 * steps hit                       6     6     7     5     4     4     5
 * </pre>
 * <p>
 * Caches are off here, or the connection spec and the profile schema would be read once
 * for the whole class and their steps could not fail.
 */
@TestPropertySource(properties = { "adobe.http.read-timeout=2s", "adobe.caches.connection-specs=0s",
		"adobe.caches.profile-schemas=0s" })
class FaultsIT extends IntegrationTest {

	private static final Request CONNECTION_SPEC = new Request("CONNECTION_SPEC", "GET",
			FLOW_SERVICE + "/connectionSpecs/[^/]+", null);

	private static final Request UNION_SCHEMA = new Request("PROFILE_SCHEMA", "GET",
			"/data/core/ups/config/entityTypes/_xdm\\.context\\.profile", null);

	private static final Request IDENTITIES = new Request("PROFILE_SCHEMA", "GET", "/data/core/idnamespace/identities",
			null);

	/** Longer than {@code adobe.http.read-timeout}. */
	private static final int LATE_ANSWER_MS = 3000;

	/** One more than {@code adobe.retry.max-attempts}. */
	private static final int THROTTLED = 7;

	private static boolean warm;

	/**
	 * How often accepting an export reads each document it checks the request against
	 * (the connection spec, the union schema, the identity namespaces) before the step
	 * that reads it does.
	 */
	private static final Map<Request, Integer> checkReads = new HashMap<>();

	/**
	 * Each step's call with the faults it gets; see the class comment for the choice.
	 */
	static Stream<Arguments> transientFaults() {
		Map<Request, List<TransientFault>> matrix = new LinkedHashMap<>();
		matrix.put(CONNECTION_SPEC,
				List.of(TransientFault.LATE_ANSWER, TransientFault.HTTP_503, TransientFault.EMPTY_RESPONSE));
		matrix.put(Create.SOURCE_CONNECTION.request(),
				List.of(TransientFault.CONNECTION_RESET, TransientFault.HTTP_429, TransientFault.HTTP_500));
		matrix.put(Create.BASE_CONNECTION.request(),
				List.of(TransientFault.EMPTY_RESPONSE, TransientFault.HTTP_502, TransientFault.LATE_ANSWER));
		matrix.put(Create.TARGET_CONNECTION.request(),
				List.of(TransientFault.CONNECTION_RESET, TransientFault.HTTP_503, TransientFault.HTTP_429));
		matrix.put(Create.DATAFLOW.request(),
				List.of(TransientFault.LATE_ANSWER, TransientFault.HTTP_500, TransientFault.EMPTY_RESPONSE));
		matrix.put(FlowPatch.AUDIENCES.request(),
				List.of(TransientFault.CONNECTION_RESET, TransientFault.HTTP_429, TransientFault.HTTP_502));
		matrix.put(UNION_SCHEMA, List.of(TransientFault.HTTP_500, TransientFault.CONNECTION_RESET));
		matrix.put(IDENTITIES, List.of(TransientFault.HTTP_429));
		matrix.put(Create.INPUT_SCHEMA.request(),
				List.of(TransientFault.EMPTY_RESPONSE, TransientFault.HTTP_503, TransientFault.LATE_ANSWER));
		matrix.put(Create.OUTPUT_SCHEMA.request(), List.of(TransientFault.CONNECTION_RESET, TransientFault.HTTP_502));
		matrix.put(Create.MAPPING_SET.request(),
				List.of(TransientFault.LATE_ANSWER, TransientFault.HTTP_429, TransientFault.HTTP_500));
		matrix.put(FlowPatch.ATTACH_MAPPING.request(),
				List.of(TransientFault.EMPTY_RESPONSE, TransientFault.HTTP_503, TransientFault.LATE_ANSWER));
		matrix.put(FlowPatch.MANDATORY_FIELDS.request(),
				List.of(TransientFault.CONNECTION_RESET, TransientFault.HTTP_500));
		matrix.put(FlowPatch.DEDUPLICATION_KEYS.request(),
				List.of(TransientFault.LATE_ANSWER, TransientFault.HTTP_502, TransientFault.EMPTY_RESPONSE));
		checkCoverage(matrix);
		return matrix.entrySet()
			.stream()
			.flatMap((entry) -> entry.getValue().stream().map((fault) -> Arguments.of(entry.getKey(), fault)));
	}

	/** One call per step: the profile schema's first GET stands for its step. */
	static Stream<Request> everyStep() {
		return Stream.of(CONNECTION_SPEC, Create.SOURCE_CONNECTION.request(), Create.BASE_CONNECTION.request(),
				Create.TARGET_CONNECTION.request(), Create.DATAFLOW.request(), FlowPatch.AUDIENCES.request(),
				UNION_SCHEMA, Create.INPUT_SCHEMA.request(), Create.OUTPUT_SCHEMA.request(),
				Create.MAPPING_SET.request(), FlowPatch.ATTACH_MAPPING.request(), FlowPatch.MANDATORY_FIELDS.request(),
				FlowPatch.DEDUPLICATION_KEYS.request());
	}

	/**
	 * The first calls of a fresh context (connections, token, JIT) can take longer than
	 * the 2 s read timeout: until an export runs without a retry, the timeouts would not
	 * be the faults'. That export also tells how often {@code POST /exports} reads what
	 * it checks the request against, before the steps do.
	 */
	@BeforeEach
	void warmUp() {
		for (int run = 0; run < 5 && !warm; run++) {
			String sandbox = newSandbox();
			JsonNode export = awaitFinished(startExport(example("AMAZON_S3", sandbox)));
			warm = StepCalls.steps(export, (step) -> step.path("attempts").asInt())
				.values()
				.stream()
				.allMatch((attempts) -> attempts <= 1);
			AdobeJournal journal = AdobeJournal.of(this.adobe, sandbox);
			for (Request check : List.of(CONNECTION_SPEC, UNION_SCHEMA, IDENTITIES)) {
				Instant stepStarted = Instant.parse(StepCalls.step(export, check.step()).path("startedAt").asString());
				checkReads.put(check, (int) check.calls(journal)
					.stream()
					.filter((read) -> read.event().getRequest().getLoggedDate().toInstant().isBefore(stepStarted))
					.count());
			}
		}
		// Otherwise every "attempts == 1" below would fail as if retries were broken.
		assertThat(warm).as("an export ran without a retry within 5 tries").isTrue();
	}

	@ParameterizedTest(name = "{1} on {0}")
	@MethodSource("transientFaults")
	void aTransientFaultOnAnyStepIsRetriedAndCreatesOnce(Request call, TransientFault fault) {
		String sandbox = newSandbox();
		StubMapping faultStub = faultOnce(call, sandbox, fault.answer().get());
		ObjectNode request = example("AMAZON_S3", sandbox);

		JsonNode export = awaitFinished(startExport(request));

		assertThat(export.path("status").asString()).as(export.toString()).isEqualTo("SUCCEEDED");
		Map<String, Integer> attempts = StepCalls.steps(export, (step) -> step.path("attempts").asInt());
		assertThat(attempts).as("attempts per step (a 429 costs none)")
			.containsEntry(call.step(), (fault == TransientFault.HTTP_429) ? 1 : 2);
		attempts.forEach((step, count) -> {
			if (!step.equals(call.step())) {
				assertThat(count).as("attempts of %s", step).isEqualTo(1);
			}
		});
		AdobeJournal journal = AdobeJournal.of(this.adobe, sandbox);
		List<Call> calls = call.calls(journal);
		List<Call> faulted = calls.stream()
			.filter((sent) -> sent.event().getStubMapping().getId().equals(faultStub.getId()))
			.toList();
		assertThat(faulted).as("calls that met the fault").hasSize(1);
		assertThat(calls).as("calls but the faulted one reached Adobe")
			.filteredOn((sent) -> !faulted.contains(sent))
			.allMatch(StepCalls::reachedAdobe);
		assertEveryEntityCreatedOnce(this.emulator, journal, export);
		assertFlowComplete(this.emulator, export, request);
		if (call.method().equals("POST") || call.method().equals("PATCH")) {
			// Where Adobe did the work the retry finds it done and does not send it
			// again;
			// where Adobe never saw the request the retry sends it once more.
			assertThat(calls).as("%s calls", call.step()).hasSize(fault.reachesAdobe() ? 1 : 2);
			assertThat(reachingAdobe(calls)).as("%s calls that reached Adobe", call.step()).hasSize(1);
		}
		else {
			assertThat(calls).as("%s calls", call.step()).hasSizeGreaterThanOrEqualTo(2);
		}
		for (Create create : Create.values()) {
			if (create.step().equals(call.step()) && fault == TransientFault.HTTP_429) {
				assertThat(create.lookUps(journal, export))
					.as("a 429 says Adobe did nothing: the retry creates the %s without looking for it", create)
					.isEmpty();
				assertThat(create.posts(journal, export)).hasSize(2);
			}
			else if (create.step().equals(call.step())) {
				assertThat(create.lookUps(journal, export)).as("the retry looked for the %s by name first", create)
					.isNotEmpty();
				assertThat(create.posts(journal, export)).hasSize(fault.reachesAdobe() ? 1 : 2);
			}
			else {
				assertThat(create.posts(journal, export)).as("%s creates", create).hasSize(1);
			}
		}
		for (FlowPatch patch : FlowPatch.values()) {
			if (!patch.step().equals(call.step())) {
				assertThat(patch.request().calls(journal)).as("%s PATCHes", patch).hasSize(1);
			}
		}
		if (fault == TransientFault.HTTP_429) {
			Call retry = calls.get(calls.indexOf(faulted.getFirst()) + 1);
			assertThat(Duration.between(faulted.getFirst().event().getRequest().getLoggedDate().toInstant(),
					retry.event().getRequest().getLoggedDate().toInstant()))
				.as("Retry-After: 1 is honoured")
				.isGreaterThanOrEqualTo(Duration.ofSeconds(1));
		}
	}

	/**
	 * A backlog drained against an Adobe that throttles: more {@code 429}s on one step
	 * than its attempts ({@code adobe.retry.max-attempts}, 6) still end in SUCCEEDED,
	 * each tried again after a growing pause (no Retry-After) and none counted.
	 */
	@Test
	void aStepThrottledMoreTimesThanItsAttemptsStillSucceeds() {
		String sandbox = newSandbox();
		Request call = Create.TARGET_CONNECTION.request();
		String scenario = "throttled " + sandbox;
		String state = Scenario.STARTED;
		for (int throttled = 1; throttled <= THROTTLED; throttled++) {
			this.adobe.stubFor(call.stub(sandbox)
				.atPriority(1)
				.inScenario(scenario)
				.whenScenarioStateIs(state)
				.willReturn(TransientFault.gateway(429, "429001", "Too many requests"))
				.willSetStateTo("throttled " + throttled));
			state = "throttled " + throttled;
		}
		ObjectNode request = example("AMAZON_S3", sandbox);

		JsonNode export = awaitFinished(startExport(request));

		assertThat(export.path("status").asString()).as(export.toString()).isEqualTo("SUCCEEDED");
		assertThat(StepCalls.steps(export, (step) -> step.path("attempts").asInt())).containsEntry(call.step(), 1);
		AdobeJournal journal = AdobeJournal.of(this.adobe, sandbox);
		assertThat(Create.TARGET_CONNECTION.posts(journal, export)).as("throttled, then the one Adobe did")
			.hasSize(THROTTLED + 1);
		assertThat(reachingAdobe(call.calls(journal))).hasSize(1);
		assertEveryEntityCreatedOnce(this.emulator, journal, export);
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("everyStep")
	void aPermanentFaultFailsTheExportNamingAdobesAnswerAndResumeFinishesItCreatingNothingTwice(Request call) {
		String sandbox = newSandbox();
		String message = "Invalid request for " + call.step();
		StubMapping refusal = this.adobe.stubFor(call.stub(sandbox)
			.atPriority(1)
			.willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/json").withBody("""
					{"type": "https://ns.adobe.com/aep/errors/FLOW-1000-400", "title": "Bad Request", "status": 400,
					 "report": {"detailed-message": "%s"},
					 "errorMessage": "Invalid request", "errorDetails": "Invalid request"}""".formatted(message))));
		ObjectNode request = example("AMAZON_S3", sandbox);
		String id = startExport(request);

		JsonNode failed = awaitFinished(id);

		assertThat(failed.path("status").asString()).as(failed.toString()).isEqualTo("FAILED");
		assertThat(failed.path("error")).isEqualTo(JSON.readTree("""
				{"step": "%s", "httpStatus": 400, "adobeCode": "FLOW-1000-400", "message": "%s", "retryable": false}"""
			.formatted(call.step(), message)));
		JsonNode failedStep = StepCalls.step(failed, call.step());
		assertThat(failedStep.path("status").asString()).isEqualTo("FAILED");
		assertThat(failedStep.path("attempts").asInt()).as("a permanent fault is not tried again").isEqualTo(1);
		AdobeJournal before = AdobeJournal.of(this.adobe, sandbox);
		Map<Create, Integer> postsBefore = new EnumMap<>(Create.class);
		for (Create create : Create.values()) {
			postsBefore.put(create, create.posts(before, failed).size());
		}
		Map<FlowPatch, Integer> patchesBefore = new EnumMap<>(FlowPatch.class);
		for (FlowPatch patch : FlowPatch.values()) {
			patchesBefore.put(patch, patch.request().calls(before).size());
		}

		this.adobe.removeStub(refusal);
		this.api.post()
			.uri("/exports/" + id + "/resume")
			.exchange()
			.expectStatus()
			.isAccepted()
			.expectHeader()
			.valueEquals("Location", "/exports/" + id);
		JsonNode export = awaitFinished(id);

		assertThat(export.path("status").asString()).as(export.toString()).isEqualTo("SUCCEEDED");
		assertThat(export.path("error").isNull()).isTrue();
		AdobeJournal journal = AdobeJournal.of(this.adobe, sandbox);
		for (JsonNode stepBefore : failed.path("steps")) {
			String name = stepBefore.path("name").asString();
			JsonNode stepAfter = StepCalls.step(export, name);
			switch (stepBefore.path("status").asString()) {
				case "SUCCEEDED" -> {
					assertThat(stepAfter.path("attempts").asInt()).as("attempts of %s, done before", name)
						.isEqualTo(stepBefore.path("attempts").asInt());
					assertThat(stepAfter.path("entityId")).as("entity of %s", name)
						.isEqualTo(stepBefore.path("entityId"));
				}
				case "FAILED" -> assertThat(stepAfter.path("attempts").asInt()).as("attempts of %s", name).isEqualTo(2);
				default -> assertThat(stepAfter.path("attempts").asInt()).as("attempts of %s", name).isEqualTo(1);
			}
		}
		for (Create create : Create.values()) {
			String statusBefore = StepCalls.step(failed, create.step()).path("status").asString();
			if (statusBefore.equals("SUCCEEDED")) {
				assertThat(create.posts(journal, export)).as("%s, done before the resume, is not created again", create)
					.hasSize(postsBefore.get(create))
					.hasSize(1);
			}
		}
		for (FlowPatch patch : FlowPatch.values()) {
			String statusBefore = StepCalls.step(failed, patch.step()).path("status").asString();
			if (statusBefore.equals("SUCCEEDED")) {
				assertThat(patch.request().calls(journal)).as("%s, done before the resume, is not sent again", patch)
					.hasSize(patchesBefore.get(patch))
					.hasSize(1);
			}
		}
		assertThat(reachingAdobe(call.calls(journal))).as("%s calls that reached Adobe", call.step())
			.hasSizeGreaterThanOrEqualTo(1);
		assertEveryEntityCreatedOnce(this.emulator, journal, export);
		assertFlowComplete(this.emulator, export, request);
	}

	/**
	 * Answers the step's first call with the fault, later ones normally (a WireMock
	 * scenario). The connection spec, union schema and identity namespaces are read to
	 * check the request before their steps run: those reads are let through first.
	 */
	private StubMapping faultOnce(Request call, String sandbox, ResponseDefinitionBuilder fault) {
		String scenario = "fault " + sandbox;
		String state = Scenario.STARTED;
		for (int read = 1; read <= checkReads.getOrDefault(call, 0); read++) {
			String next = "check read " + read;
			this.adobe.stubFor(call.stub(sandbox)
				.atPriority(1)
				.inScenario(scenario)
				.whenScenarioStateIs(state)
				.willReturn(aResponse().withTransformers(AdobeEmulator.NAME))
				.willSetStateTo(next));
			state = next;
		}
		return this.adobe.stubFor(call.stub(sandbox)
			.atPriority(1)
			.inScenario(scenario)
			.whenScenarioStateIs(state)
			.willReturn(fault)
			.willSetStateTo("faulted once"));
	}

	/**
	 * Every step gets a fault, every fault hits several steps, creates and flow PATCHes
	 * among them.
	 */
	private static void checkCoverage(Map<Request, List<TransientFault>> matrix) {
		assertThat(matrix.keySet().stream().map(Request::step).distinct()).as("steps with a transient fault")
			.hasSize(13);
		matrix.entrySet()
			.stream()
			.collect(Collectors.groupingBy((entry) -> entry.getKey().step(),
					Collectors.flatMapping((entry) -> entry.getValue().stream().map(TransientFault::reachesAdobe),
							Collectors.toSet())))
			.forEach((step, reachesAdobe) -> assertThat(reachesAdobe)
				.as("%s gets a fault after which Adobe did the work and one Adobe never saw", step)
				.containsExactlyInAnyOrder(true, false));
		for (TransientFault fault : TransientFault.values()) {
			List<Request> hit = matrix.entrySet()
				.stream()
				.filter((entry) -> entry.getValue().contains(fault))
				.map(Map.Entry::getKey)
				.toList();
			assertThat(hit).as("steps %s hits", fault).hasSizeGreaterThanOrEqualTo(4);
			assertThat(hit).as("creates %s hits", fault).anyMatch((request) -> request.method().equals("POST"));
			assertThat(hit).as("flow PATCHes %s hits", fault).anyMatch((request) -> request.method().equals("PATCH"));
		}
	}

	/**
	 * A fault on the first matching call.
	 *
	 * @param reachesAdobe whether Adobe did the work before the answer was lost
	 */
	enum TransientFault {

		CONNECTION_RESET(true,
				() -> aResponse().withTransformers(AdobeEmulator.NAME).withFault(Fault.CONNECTION_RESET_BY_PEER)),
		EMPTY_RESPONSE(true, () -> aResponse().withTransformers(AdobeEmulator.NAME).withFault(Fault.EMPTY_RESPONSE)),
		LATE_ANSWER(true, () -> aResponse().withTransformers(AdobeEmulator.NAME).withFixedDelay(LATE_ANSWER_MS)),
		HTTP_500(false, () -> gateway(500, "500000", "Internal Server Error")),
		HTTP_502(false, () -> gateway(502, "502000", "Bad Gateway")),
		HTTP_503(false, () -> gateway(503, "503000", "Service Unavailable")),
		HTTP_429(false, () -> gateway(429, "429001", "Too many requests").withHeader("Retry-After", "1"));

		private final boolean reachesAdobe;

		private final Supplier<ResponseDefinitionBuilder> answer;

		TransientFault(boolean reachesAdobe, Supplier<ResponseDefinitionBuilder> answer) {
			this.reachesAdobe = reachesAdobe;
			this.answer = answer;
		}

		boolean reachesAdobe() {
			return this.reachesAdobe;
		}

		Supplier<ResponseDefinitionBuilder> answer() {
			return this.answer;
		}

		/** Adobe I/O gateway's error shape. */
		static ResponseDefinitionBuilder gateway(int status, String code, String message) {
			return aResponse().withStatus(status)
				.withHeader("Content-Type", "application/json")
				.withBody("{\"error_code\": \"" + code + "\", \"message\": \"" + message + "\"}");
		}

	}

}
