package com.acme.aepexport.support;

import java.util.ArrayList;
import java.util.List;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;

import com.acme.aepexport.emulator.AdobeEmulator;
import com.acme.aepexport.support.AdobeJournal.Call;
import com.acme.aepexport.support.StepCalls.Create;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What Adobe must hold after an export succeeded, however many faults it went through.
 */
public final class AdobeAssertions {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private AdobeAssertions() {
	}

	/**
	 * Every entity the export creates exists exactly once in Adobe, is the one its step
	 * keeps, and exactly one create of it reached Adobe.
	 */
	public static void assertEveryEntityCreatedOnce(AdobeEmulator emulator, AdobeJournal journal, JsonNode export) {
		for (Create create : Create.values()) {
			List<JsonNode> entities = create.entities(emulator, export);
			assertThat(entities).as("%s entities named %s", create, create.entityName(export)).hasSize(1);
			assertThat(StepCalls.step(export, create.step()).path("entityId").asString()).as("%s entity id", create)
				.isEqualTo(entities.getFirst().path("id").asString());
			assertThat(create.posts(journal, export).stream().filter(StepCalls::reachedAdobe))
				.as("%s creates that reached Adobe", create)
				.hasSize(1);
		}
	}

	/**
	 * The export's dataflow holds every audience of the request exactly once (and
	 * {@code othersAudiences}, added by someone else, once each), the mapping set, the
	 * mandatory fields and the deduplication keys; the last flow step keeps the flow's
	 * current etag.
	 * @return the flow as Adobe holds it
	 */
	public static JsonNode assertFlowComplete(AdobeEmulator emulator, JsonNode export, JsonNode request,
			String... othersAudiences) {
		String flowId = export.path("flowId").asString();
		JsonNode flow = emulator.entity("flows", flowId).orElseThrow(() -> new AssertionError("No flow " + flowId));
		JsonNode params = flow.path("transformations").path(0).path("params");
		List<String> audiences = new ArrayList<>();
		params.path("segmentSelectors")
			.path("selectors")
			.forEach((selector) -> audiences.add(selector.path("value").path("id").asString()));
		List<String> expected = new ArrayList<>(request.path("audiences").findValuesAsString("id"));
		expected.addAll(List.of(othersAudiences));
		assertThat(audiences).as("audiences of flow %s", flow).containsExactlyInAnyOrderElementsOf(expected);
		assertThat(params.path("profileMapping").path("mappingId").asString()).as("mapping of flow %s", flow)
			.isEqualTo(StepCalls.step(export, "MAPPING_SET").path("entityId").asString());
		assertThat(params.path("mandatoryFields")).as("mandatory fields of flow %s", flow)
			.isEqualTo(request.path("mandatoryFields"));
		assertThat(params.path("primaryFields")).as("primary fields of flow %s", flow)
			.isEqualTo(primaryFields(request));
		assertThat(StepCalls.step(export, "DEDUPLICATION_KEYS").path("etag").asString())
			.as("the etag the last flow step keeps")
			.isEqualTo(flow.path("etag").asString());
		return flow;
	}

	/** The calls among {@code calls} that Adobe (not a test stub) answered. */
	public static List<Call> reachingAdobe(List<Call> calls) {
		return calls.stream().filter(StepCalls::reachedAdobe).toList();
	}

	/** Adobe's spelling of the request's deduplication keys. */
	private static ArrayNode primaryFields(JsonNode request) {
		ArrayNode fields = JSON.createArrayNode();
		for (JsonNode key : request.path("deduplicationKeys")) {
			if (key.has("identityNamespace")) {
				fields.addObject()
					.put("fieldType", "IDENTITY")
					.put("identityNamespace", key.path("identityNamespace").asString());
			}
			else {
				fields.addObject().put("fieldType", "ATTRIBUTE").put("attributePath", key.path("attribute").asString());
			}
		}
		return fields;
	}

}
