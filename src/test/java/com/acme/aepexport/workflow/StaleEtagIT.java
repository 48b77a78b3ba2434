package com.acme.aepexport.workflow;

import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Stream;

import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import com.acme.aepexport.emulator.AdobeEmulator;
import com.acme.aepexport.support.AdobeJournal;
import com.acme.aepexport.support.AdobeJournal.Call;
import com.acme.aepexport.support.IntegrationTest;
import com.acme.aepexport.support.OtherAdobeClient;
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
 * Every flow PATCH sends the etag of the change before it; when Adobe answers 412 (the
 * etag is stale: the flow changed since), the step reads the flow, takes its etag, and
 * applies only what the flow lacks. Whether the flow really changed (someone else worked
 * on it) or not, it ends with each audience once, the mapping, the mandatory fields and
 * the deduplication keys, and the export keeps the flow's etag.
 */
class StaleEtagIT extends IntegrationTest {

	/** A second audience besides the example's, so that one can be there already. */
	private static final String LOYAL_CUSTOMERS = "5b2c8f1e-7d34-4a9b-9e61-0c3d2f4a8b17";

	/** An audience someone else adds to our flow. */
	private static final String OTHERS_AUDIENCE = "c81f6a0d-2e95-4b7c-8a13-6d4e9f0b2a58";

	/**
	 * How long the answer to the flow's previous change is held back at most: the test
	 * lets it go once someone else has changed the flow.
	 */
	private static final int HELD_MS = 1500;

	private final OtherAdobeClient someoneElse = new OtherAdobeClient(this.adobe);

	static Stream<FlowPatch> flowPatches() {
		return Stream.of(FlowPatch.values());
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("flowPatches")
	void aStaleEtagIsAnsweredByReadingTheFlowAndApplyingTheChangeOnce(FlowPatch step) {
		String sandbox = newSandbox();
		this.adobe.stubFor(step.request()
			.stub(sandbox)
			.atPriority(1)
			.inScenario("stale etag " + sandbox)
			.whenScenarioStateIs(Scenario.STARTED)
			.willReturn(aResponse().withStatus(412).withHeader("Content-Type", "application/json").withBody("""
					{"errorMessage": "Supplied version=[\\"0a00b1c2-0000-0200-0000-000000000000\\"] does not match \
					the current version on entity=[\\"0b00c3d4-0000-0200-0000-000000000000\\"]",
					 "errorDetails": "Precondition failed"}"""))
			.willSetStateTo("refused once"));
		ObjectNode request = withTwoAudiences(sandbox);

		JsonNode export = awaitFinished(startExport(request));

		assertThat(export.path("status").asString()).as(export.toString()).isEqualTo("SUCCEEDED");
		assertThat(StepCalls.step(export, step.step()).path("attempts").asInt())
			.as("a stale etag is handled within the attempt, it is no failed attempt")
			.isEqualTo(1);
		AdobeJournal journal = AdobeJournal.of(this.adobe, sandbox);
		List<Call> patches = step.request().calls(journal);
		assertThat(patches).extracting(Call::status).containsExactly(412, 200);
		Call refused = patches.get(0);
		Call applied = patches.get(1);
		Call read = flowReadBetween(journal, export, refused, applied);
		assertThat(applied.header("If-Match")).as("the etag Adobe holds, read after the 412")
			.isEqualTo(read.answer().path("items").path(0).path("etag").asString())
			.isEqualTo(refused.header("If-Match"));
		assertThat(applied.body()).as("the same change, nothing was there yet").isEqualTo(refused.body());
		assertThat(StepCalls.step(export, step.step()).path("etag").asString())
			.isEqualTo(applied.answer().path("etag").asString());
		assertFlowComplete(this.emulator, export, request);
		assertEveryEntityCreatedOnce(this.emulator, journal, export);
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("flowPatches")
	void aFlowSomeoneElseChangedIsReadAgainAndOnlyWhatItLacksIsApplied(FlowPatch step) {
		String sandbox = newSandbox();
		// The answer to the flow's previous change is held back, so that someone else
		// changes the flow after it and before this step's PATCH, which then carries a
		// stale etag and gets Adobe's own 412.
		Request previous = (step == FlowPatch.AUDIENCES) ? Create.DATAFLOW.request()
				: FlowPatch.values()[step.ordinal() - 1].request();
		this.emulator.hold(sandbox);
		this.adobe.stubFor(previous.stub(sandbox)
			.atPriority(1)
			.inScenario("held " + sandbox)
			.whenScenarioStateIs(Scenario.STARTED)
			.willReturn(aResponse().withTransformers(AdobeEmulator.NAME)
				.withFixedDelay(HELD_MS)
				.withTransformerParameter(AdobeEmulator.HOLD, sandbox))
			.willSetStateTo("held once"));
		ObjectNode request = withTwoAudiences(sandbox);
		String id = startExport(request);
		String flowName = Create.DATAFLOW.entityName(getExport(id));
		JsonNode flowBefore = await().atMost(Duration.ofSeconds(20))
			.pollInterval(Duration.ofMillis(20))
			.until(() -> flowNamed(flowName), (flow) -> flow != null && carries(previous.step()).test(flow));
		// On AUDIENCES someone else adds one of our audiences: it must not be added
		// twice.
		String othersAudience = (step == FlowPatch.AUDIENCES) ? LOYAL_CUSTOMERS : OTHERS_AUDIENCE;
		String etagAfterTheChange = this.someoneElse.addAudience(sandbox, flowBefore, othersAudience);
		this.emulator.release(sandbox);

		JsonNode export = awaitFinished(id);

		assertThat(export.path("status").asString()).as(export.toString()).isEqualTo("SUCCEEDED");
		assertThat(StepCalls.step(export, step.step()).path("attempts").asInt()).isEqualTo(1);
		AdobeJournal journal = AdobeJournal.of(this.adobe, sandbox);
		List<Call> patches = step.request().calls(journal);
		assertThat(patches).extracting(Call::status).containsExactly(412, 200);
		Call refused = patches.get(0);
		Call applied = patches.get(1);
		assertThat(refused.answer().path("errorMessage").asString()).as("Adobe's own refusal")
			.startsWith("Supplied version=[" + refused.header("If-Match") + "] does not match the current version");
		assertThat(applied.header("If-Match")).as("the etag the flow has since someone else changed it")
			.isEqualTo(etagAfterTheChange);
		if (step == FlowPatch.AUDIENCES) {
			assertThat(refused.body().findValuesAsString("id"))
				.containsExactly(request.path("audiences").path(0).path("id").asString(), LOYAL_CUSTOMERS);
			assertThat(applied.body().findValuesAsString("id")).as("only the audience the flow lacks")
				.containsExactly(request.path("audiences").path(0).path("id").asString());
			assertFlowComplete(this.emulator, export, request);
		}
		else {
			assertThat(applied.body()).isEqualTo(refused.body());
			assertFlowComplete(this.emulator, export, request, OTHERS_AUDIENCE);
		}
		assertThat(StepCalls.step(export, step.step()).path("etag").asString())
			.isEqualTo(applied.answer().path("etag").asString());
		assertEveryEntityCreatedOnce(this.emulator, journal, export);
	}

	@Test
	void aLostAnswerToTheAudiencesPatchIsFoundOnTheFlowAndNotSentAgain() {
		String sandbox = newSandbox();
		// Adobe adds the audiences, then the connection is reset before its answer.
		this.adobe.stubFor(FlowPatch.AUDIENCES.request()
			.stub(sandbox)
			.atPriority(1)
			.inScenario("lost answer " + sandbox)
			.whenScenarioStateIs(Scenario.STARTED)
			.willReturn(aResponse().withTransformers(AdobeEmulator.NAME).withFault(Fault.CONNECTION_RESET_BY_PEER))
			.willSetStateTo("answer lost"));
		ObjectNode request = withTwoAudiences(sandbox);

		JsonNode export = awaitFinished(startExport(request));

		assertThat(export.path("status").asString()).as(export.toString()).isEqualTo("SUCCEEDED");
		assertThat(StepCalls.step(export, "AUDIENCES").path("attempts").asInt()).isEqualTo(2);
		AdobeJournal journal = AdobeJournal.of(this.adobe, sandbox);
		List<Call> audiences = FlowPatch.AUDIENCES.request().calls(journal);
		assertThat(audiences).as("the audiences were found on the flow, not PATCHed again").hasSize(1);
		List<Call> mapping = FlowPatch.ATTACH_MAPPING.request().calls(journal);
		Call read = flowReadBetween(journal, export, audiences.getFirst(), mapping.getFirst());
		assertThat(StepCalls.step(export, "AUDIENCES").path("etag").asString())
			.as("the etag of the flow read after the lost answer")
			.isEqualTo(read.answer().path("items").path(0).path("etag").asString());
		assertThat(mapping).extracting(Call::status).as("the next PATCH carries a current etag").containsExactly(200);
		assertThat(mapping.getFirst().header("If-Match"))
			.isEqualTo(StepCalls.step(export, "AUDIENCES").path("etag").asString());
		assertFlowComplete(this.emulator, export, request);
		assertEveryEntityCreatedOnce(this.emulator, journal, export);
	}

	/** The Amazon S3 example with a second audience. */
	private static ObjectNode withTwoAudiences(String sandbox) {
		ObjectNode request = example("AMAZON_S3", sandbox);
		((ArrayNode) request.path("audiences")).addObject().put("id", LOYAL_CUSTOMERS).put("name", "Loyal customers");
		return request;
	}

	/** A dataflow as Adobe holds it, once it exists. */
	private JsonNode flowNamed(String name) {
		return this.emulator.entities("flows")
			.stream()
			.filter((flow) -> flow.path("name").asString().equals(name))
			.findFirst()
			.orElse(null);
	}

	/** Whether a flow carries what a step puts there. */
	private static Predicate<JsonNode> carries(String step) {
		return (flow) -> {
			JsonNode params = flow.path("transformations").path(0).path("params");
			return switch (step) {
				case "DATAFLOW" -> true;
				case "AUDIENCES" -> !params.path("segmentSelectors").path("selectors").isEmpty();
				case "ATTACH_MAPPING" -> params.path("profileMapping").has("mappingId");
				case "MANDATORY_FIELDS" -> !params.path("mandatoryFields").isEmpty();
				default -> throw new IllegalArgumentException(step);
			};
		};
	}

	/** The one {@code GET /flows/{id}} between two calls. */
	private static Call flowReadBetween(AdobeJournal journal, JsonNode export, Call after, Call before) {
		List<Call> calls = journal.calls();
		List<Call> reads = calls.subList(calls.indexOf(after) + 1, calls.indexOf(before))
			.stream()
			.filter((call) -> call.method().equals("GET")
					&& call.path().equals(FLOW_SERVICE + "/flows/" + export.path("flowId").asString()))
			.toList();
		assertThat(reads).as("reads of the flow between %s and %s", after, before).hasSize(1);
		return reads.getFirst();
	}

}
