package com.acme.aepexport.workflow;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import com.acme.aepexport.emulator.AdobeEmulator;
import com.acme.aepexport.support.AdobeJournal;
import com.acme.aepexport.support.IntegrationTest;
import com.acme.aepexport.support.StepCalls;
import com.acme.aepexport.support.StepCalls.Create;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Adobe creates the entity but its answer never arrives (the connection is reset after
 * Adobe did the work): the step tries again, finds the entity and adopts it, so Adobe
 * holds exactly one. The export's name holds what Adobe's filter grammar reads as
 * operators ({@code ,} for "any of", {@code ==}, {@code ;}, {@code &}, {@code (}): no
 * look-up may be misread for it.
 */
class LostAnswerIT extends IntegrationTest {

	private static final String NAME = "Churn, weekly (EU) == a;b & c";

	/** The creates whose entities carry a description (Data Prep's have none). */
	private static final Set<Create> FLOW_SERVICE = EnumSet.of(Create.SOURCE_CONNECTION, Create.BASE_CONNECTION,
			Create.TARGET_CONNECTION, Create.DATAFLOW);

	static Stream<Create> creates() {
		return Stream.of(Create.values());
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("creates")
	void aCreateWhoseAnswerIsLostIsFoundAndAdoptedNotMadeTwice(Create create) {
		String sandbox = newSandbox();
		// The first create reaches the emulator, which creates the entity, then the
		// connection is reset; later creates are answered normally.
		this.adobe.stubFor(create.request()
			.stub(sandbox)
			.atPriority(1)
			.inScenario("lost answer " + sandbox)
			.whenScenarioStateIs(Scenario.STARTED)
			.willReturn(aResponse().withTransformers(AdobeEmulator.NAME).withFault(Fault.CONNECTION_RESET_BY_PEER))
			.willSetStateTo("answered"));
		ObjectNode body = example("AMAZON_S3", sandbox);
		body.put("name", NAME);

		String id = startExport(body);

		JsonNode export = awaitFinished(id);
		assertThat(export.path("status").asString()).as(export.toString()).isEqualTo("SUCCEEDED");
		JsonNode step = StepCalls.step(export, create.step());
		assertThat(step.path("attempts").asInt()).isEqualTo(2);
		List<JsonNode> created = create.entities(this.emulator, export);
		assertThat(created).as("%s entities named %s", create, create.entityName(export)).hasSize(1);
		assertThat(step.path("entityId").asString()).isEqualTo(created.getFirst().path("id").asString());
		if (FLOW_SERVICE.contains(create)) {
			assertThat(created.getFirst().path("description").asString()).as("the name, for people").startsWith(NAME);
		}
		AdobeJournal journal = AdobeJournal.of(this.adobe, sandbox);
		assertThat(create.posts(journal, export)).as("one create, then a look-up instead of a second create")
			.hasSize(1);
		assertThat(create.lookUps(journal, export)).as("the look-up").isNotEmpty();
		assertThat(journal.calls())
			.as("no request told Adobe's filter grammar anything of the export's name: %s", journal.calls())
			.noneMatch((call) -> call.event().getRequest().getUrl().contains("property=name"))
			.allMatch((call) -> call.event().getResponse().getStatus() != 400);
	}

}
