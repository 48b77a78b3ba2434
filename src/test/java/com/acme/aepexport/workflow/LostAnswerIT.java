package com.acme.aepexport.workflow;

import java.util.List;
import java.util.stream.Stream;

import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

import com.acme.aepexport.emulator.AdobeEmulator;
import com.acme.aepexport.support.AdobeJournal;
import com.acme.aepexport.support.IntegrationTest;

import static com.acme.aepexport.support.AdobeJournal.CONVERSION;
import static com.acme.aepexport.support.AdobeJournal.FLOW_SERVICE;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Adobe creates the entity but its answer never arrives (the connection is reset after
 * Adobe did the work): the step tries again, finds the entity by its name and adopts it,
 * so Adobe holds exactly one.
 */
class LostAnswerIT extends IntegrationTest {

	static Stream<Create> creates() {
		return Stream.of(
				new Create("SOURCE_CONNECTION", FLOW_SERVICE + "/sourceConnections", "sourceConnections",
						"source connection"),
				new Create("BASE_CONNECTION", FLOW_SERVICE + "/connections", "connections", "base connection"),
				new Create("TARGET_CONNECTION", FLOW_SERVICE + "/targetConnections", "targetConnections",
						"target connection"),
				new Create("DATAFLOW", FLOW_SERVICE + "/flows", "flows", "dataflow"),
				new Create("INPUT_SCHEMA", CONVERSION + "/schemas", "schemas", "input schema"),
				new Create("OUTPUT_SCHEMA", CONVERSION + "/schemas", "schemas", "output schema"),
				new Create("MAPPING_SET", CONVERSION + "/mappingSets", "mappingSets", "mapping set"));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("creates")
	void aCreateWhoseAnswerIsLostIsFoundAndAdoptedNotMadeTwice(Create create) {
		// The first create reaches the emulator, which creates the entity, then the
		// connection is reset; later creates are answered normally.
		this.adobe.stubFor(post(urlPathEqualTo(create.path())).withRequestBody(containing(create.name()))
			.atPriority(1)
			.inScenario("lost answer")
			.whenScenarioStateIs(Scenario.STARTED)
			.willReturn(aResponse().withTransformers(AdobeEmulator.NAME).withFault(Fault.CONNECTION_RESET_BY_PEER))
			.willSetStateTo("answered"));
		String sandbox = newSandbox();

		String id = startExport(example("AMAZON_S3", sandbox));

		JsonNode export = awaitFinished(id);
		assertThat(export.path("status").asString()).as(export.toString()).isEqualTo("SUCCEEDED");
		JsonNode step = stepNamed(export, create.step());
		assertThat(step.path("attempts").asInt()).isEqualTo(2);
		String name = export.path("name").asString() + " - " + create.name() + " [" + id + "]";
		List<JsonNode> created = this.emulator.entities(create.collection())
			.stream()
			.filter((entity) -> entity.path("name").asString().equals(name))
			.toList();
		assertThat(created).hasSize(1);
		assertThat(step.path("entityId").asString()).isEqualTo(created.getFirst().path("id").asString());
		AdobeJournal journal = AdobeJournal.of(this.adobe, sandbox);
		assertThat(journal.calls("POST", create.path())
			.stream()
			.filter((call) -> call.body().path("name").asString().equals(name)))
			.as("one create, then a look-up by name instead of a second create")
			.hasSize(1);
	}

	private static JsonNode stepNamed(JsonNode export, String name) {
		for (JsonNode step : export.path("steps")) {
			if (step.path("name").asString().equals(name)) {
				return step;
			}
		}
		throw new AssertionError("No step " + name);
	}

	/**
	 * @param name what the entity is called in Adobe, before the export id
	 */
	record Create(String step, String path, String collection, String name) {

		@Override
		public String toString() {
			return this.step;
		}

	}

}
