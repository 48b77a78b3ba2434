package com.acme.aepexport.lifecycle;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.http.MediaType;

import com.acme.aepexport.emulator.AdobeEmulator;
import com.acme.aepexport.support.AdobeCreates;
import com.acme.aepexport.support.AdobeJournal;
import com.acme.aepexport.support.AdobeJournal.Call;
import com.acme.aepexport.support.IntegrationTest;
import com.acme.aepexport.support.StepCalls;
import com.acme.aepexport.support.adobe.AdobeOpenApiValidator;

import static com.acme.aepexport.support.AdobeJournal.CONVERSION;
import static com.acme.aepexport.support.AdobeJournal.FLOW_SERVICE;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * "Export other columns, write a manifest": {@code PATCH /exports/{id}} with a new
 * {@code mapping} makes a new mapping set in Data Prep and points the dataflow at it;
 * {@code file.manifest} switches the manifest file on the dataflow's target connection.
 * What cannot change in place is still a 422 naming it.
 */
class MappingAndFileChangesIT extends IntegrationTest {

	private static final String PROFILE_MAPPING = "/transformations/0/params/profileMapping";

	private static final String NEW_MAPPING = """
			[{"source": "person.name.firstName", "target": "first_name"},
			 {"source": "person.name.lastName", "target": "last_name"},
			 {"source": "identityMap.Email", "target": "Email"}]""";

	private static final String MANIFEST_ON = """
			[{"op": "add", "path": "/params/includeFileManifest", "value": true}]""";

	@Test
	void aNewMappingIsANewMappingSetThenOneFlowPatchPointingAtIt() {
		Export export = succeeded(false);
		String oldMappingSet = export.step("MAPPING_SET").path("entityId").asString();

		JsonNode changed = patchExport(export, "{\"mapping\": " + NEW_MAPPING + "}", 200);

		AdobeJournal journal = journal(export);
		List<Call> writes = writes(journal);
		assertThat(writes).extracting(Call::method, Call::path)
			.as("the mapping set first, then the flow that points at it; nothing else written")
			.containsExactly(tuple("POST", CONVERSION + "/mappingSets"),
					tuple("PATCH", FLOW_SERVICE + "/flows/" + export.flowId()));
		Call create = writes.get(0);
		assertThat(create.body()).isEqualTo(JSON.readTree("""
				{"name": "%s", "inputSchema": {"id": "%s"}, "outputSchema": {"id": "%s"}, "xdmVersion": "1.0",
				 "mappings": [
				   {"source": "person.name.firstName", "destination": "first_name", "sourceType": "ATTRIBUTE"},
				   {"source": "person.name.lastName", "destination": "last_name", "sourceType": "ATTRIBUTE"},
				   {"source": "identityMap.Email", "destination": "Email", "sourceType": "ATTRIBUTE"}]}""".formatted(
				changeMappingSetName(export, 1), export.step("INPUT_SCHEMA").path("entityId").asString(),
				export.step("OUTPUT_SCHEMA").path("entityId").asString())));
		assertThat(journal.calls("GET", CONVERSION + "/mappingSets")).as("a first ask looks nothing up").isEmpty();
		String newMappingSet = create.answer().path("id").asString();
		assertThat(newMappingSet).isNotBlank().isNotEqualTo(oldMappingSet);
		Call attach = writes.get(1);
		assertThat(attach.body()).isEqualTo(JSON.readTree("""
				[{"op": "add", "path": "%s", "value": {"mappingId": "%s", "mappingVersion": 0}}]"""
			.formatted(PROFILE_MAPPING, newMappingSet)));
		assertThat(attach.header("If-Match")).as("the etag of the flow as read just before")
			.isEqualTo(lastRead(journal, FLOW_SERVICE + "/flows/" + export.flowId()).path("etag").asString());

		JsonNode flow = this.emulator.entity("flows", export.flowId()).orElseThrow();
		assertThat(
				flow.path("transformations").path(0).path("params").path("profileMapping").path("mappingId").asString())
			.isEqualTo(newMappingSet);
		assertThat(this.emulator.entity("mappingSets", oldMappingSet)).as("Data Prep documents no delete: kept")
			.isPresent();
		for (JsonNode shown : List.of(changed, getExport(export.id()))) {
			assertThat(shown.path("mapping")).isEqualTo(JSON.readTree(NEW_MAPPING));
			assertThat(StepCalls.step(shown, "MAPPING_SET").path("entityId").asString()).isEqualTo(newMappingSet);
			assertThat(StepCalls.step(shown, "MAPPING_SET").path("version").asInt()).isZero();
		}
		assertThat(changed.path("change").path("status").asString()).isEqualTo("APPLIED");
		assertThat(this.jdbc.queryForMap("""
				select mapping_set_id, mapping_set_version, mapping_set_attempts, replaced_mapping_set_id
				from export_change where export_id = ?::uuid and revision = 1""", export.id()))
			.containsEntry("mapping_set_id", newMappingSet)
			.containsEntry("mapping_set_version", 0)
			.containsEntry("mapping_set_attempts", 1)
			.containsEntry("replaced_mapping_set_id", oldMappingSet);
		AdobeOpenApiValidator.dataPrep().assertValid(this.adobe);
		AdobeOpenApiValidator.flowService().assertValid(this.adobe);
	}

	@Test
	void aNewMappingAndANewAudienceAreOneFlowPatch() {
		Export export = succeeded(false);

		patchExport(export, "{\"mapping\": " + NEW_MAPPING
				+ ", \"audiences\": [{\"id\": \"979558ae-a8ba-4e6e-b6ba-95c0a523b44a\", \"name\": \"Churn risk\"},"
				+ " {\"id\": \"a2\"}]}", 200);

		List<Call> patches = journal(export).calls("PATCH", FLOW_SERVICE + "/flows/" + export.flowId());
		assertThat(patches).hasSize(1);
		assertThat(patches.getFirst().body().findValuesAsString("path"))
			.containsExactly("/transformations/0/params/segmentSelectors/selectors/-", PROFILE_MAPPING);
	}

	/**
	 * Adobe refuses the flow's patch: the change fails and the flow, the export and its
	 * MAPPING_SET step are as they were; the mapping set made for it is noted on the
	 * change, unattached.
	 */
	@Test
	void aRefusedFlowPatchLeavesTheExportsMappingAsItWasAndNotesTheSetMade() {
		Export export = succeeded(false);
		String oldMappingSet = export.step("MAPPING_SET").path("entityId").asString();
		this.adobe.stubFor(patch(urlPathEqualTo(FLOW_SERVICE + "/flows/" + export.flowId())).atPriority(1)
			.willReturn(aResponse().withStatus(400)
				.withHeader("Content-Type", "application/json")
				.withBody("{\"errorMessage\": \"mapping not allowed\"}")));

		JsonNode problem = patchExport(export, "{\"mapping\": " + NEW_MAPPING + "}", 502);

		assertThat(problem.path("adobeStatus").asInt()).isEqualTo(400);
		JsonNode now = getExport(export.id());
		assertThat(now.path("change").path("status").asString()).isEqualTo("FAILED");
		assertThat(now.path("mapping")).isEqualTo(export.json().path("mapping"));
		assertThat(StepCalls.step(now, "MAPPING_SET").path("entityId").asString()).isEqualTo(oldMappingSet);
		Map<String, Object> change = this.jdbc.queryForMap(
				"select mapping_set_id, replaced_mapping_set_id from export_change where export_id = ?::uuid",
				export.id());
		assertThat(change.get("replaced_mapping_set_id")).isNull();
		assertThat(this.emulator.entity("mappingSets", (String) change.get("mapping_set_id"))).isPresent();
		assertThat(this.emulator.entity("flows", export.flowId())
			.orElseThrow()
			.path("transformations")
			.path(0)
			.path("params")
			.path("profileMapping")
			.path("mappingId")
			.asString()).isEqualTo(oldMappingSet);
	}

	@Test
	void theSameMappingAgainChangesNothingAndSendsNothing() {
		Export export = succeeded(false);
		JsonNode mapping = getExport(export.id()).path("mapping");

		JsonNode unchanged = patchExport(export, "{\"mapping\": " + mapping + "}", 200);

		assertThat(unchanged.path("changed").asBoolean()).isFalse();
		assertThat(writes(journal(export))).isEmpty();
	}

	/**
	 * Data Prep makes the mapping set, but its answer is lost (the connection is reset
	 * after the work): the change looks for it by the change's name, adopts it, and never
	 * asks for a second.
	 */
	@Test
	void aLostAnswerToTheNewMappingSetIsFoundByItsNameNotMadeTwice() {
		Export export = succeeded(false);
		String name = changeMappingSetName(export, 1);
		this.adobe.stubFor(post(urlPathEqualTo(CONVERSION + "/mappingSets")).atPriority(1)
			.withHeader("x-sandbox-name", equalTo(export.sandbox()))
			.withRequestBody(containing(name))
			.inScenario("lost mapping set " + export.sandbox())
			.whenScenarioStateIs(Scenario.STARTED)
			.willReturn(aResponse().withTransformers(AdobeEmulator.NAME).withFault(Fault.CONNECTION_RESET_BY_PEER))
			.willSetStateTo("answered"));

		JsonNode changed = patchExport(export, "{\"mapping\": " + NEW_MAPPING + "}", 200);

		List<JsonNode> made = this.emulator.entities("mappingSets")
			.stream()
			.filter((set) -> set.path("name").asString().equals(name))
			.toList();
		assertThat(made).as("mapping sets named %s", name).hasSize(1);
		String adopted = made.getFirst().path("id").asString();
		AdobeJournal journal = journal(export);
		assertThat(journal.calls("POST", CONVERSION + "/mappingSets")).as("one ask, then a look-up").hasSize(1);
		assertThat(journal.calls("GET", CONVERSION + "/mappingSets")).isNotEmpty()
			.allMatch((call) -> call.event().getRequest().getUrl().contains("name=" + name));
		assertThat(StepCalls.step(changed, "MAPPING_SET").path("entityId").asString()).isEqualTo(adopted);
		assertThat(this.emulator.entity("flows", export.flowId())
			.orElseThrow()
			.path("transformations")
			.path(0)
			.path("params")
			.path("profileMapping")
			.path("mappingId")
			.asString()).isEqualTo(adopted);
		assertThat(this.jdbc.queryForObject(
				"select mapping_set_attempts from export_change where export_id = ?::uuid and revision = 1",
				Integer.class, export.id()))
			.isEqualTo(2);
	}

	@Test
	void aTeardownAfterAMappingChangeDeletesTheMappingSetInUse() {
		Export export = succeeded(false);
		String oldMappingSet = export.step("MAPPING_SET").path("entityId").asString();
		JsonNode changed = patchExport(export, "{\"mapping\": " + NEW_MAPPING + "}", 200);
		String newMappingSet = StepCalls.step(changed, "MAPPING_SET").path("entityId").asString();

		this.api.delete().uri("/exports/{id}", export.id()).exchange().expectStatus().isAccepted();

		JsonNode deleted = await().atMost(Duration.ofSeconds(30))
			.until(() -> getExport(export.id()), (now) -> now.path("status").asString().equals("DELETED"));
		assertThat(journal(export).calls("DELETE", CONVERSION + "/mappingSets/" + newMappingSet)).hasSize(1);
		assertThat(this.emulator.entity("mappingSets", newMappingSet)).isEmpty();
		assertThat(StepCalls.step(deleted, "MAPPING_SET").path("deletedAt").isNull()).isFalse();
		assertThat(this.emulator.entity("mappingSets", oldMappingSet))
			.as("replaced by the change: unattached, kept, and noted on it")
			.isPresent();
	}

	@Test
	void aMappingIsCheckedAsANewExportsIsAndNothingReachesAdobe() {
		Export export = succeeded(false);

		JsonNode problem = patchExport(export, """
				{"mapping": [{"source": "identityMap.Email", "target": "Email"},
				             {"source": "identityMap.ECID", "target": "personal.email"}]}""", 400);

		assertThat(problem.path("errors").findValuesAsString("field")).containsExactlyInAnyOrder("mapping",
				"mapping[1].target");
		assertThat(patchExport(export, "{\"mapping\": []}", 400).path("errors").findValuesAsString("field"))
			.containsExactly("mapping");
		assertThat(patchExport(export, "{\"mapping\": null}", 400).path("errors").findValuesAsString("field"))
			.containsExactly("mapping");
		assertThat(notRunReads(journal(export))).isEmpty();
	}

	@Test
	void aManifestIsTurnedOnAndOffWithTheTargetConnectionsEtag() {
		Export export = succeeded(false);
		String target = export.step("TARGET_CONNECTION").path("entityId").asString();
		String path = FLOW_SERVICE + "/targetConnections/" + target;

		JsonNode on = patchExport(export, "{\"file\": {\"manifest\": true}}", 200);

		AdobeJournal journal = journal(export);
		assertThat(writes(journal)).as("the target connection alone: the flow needs nothing")
			.extracting(Call::method, Call::path)
			.containsExactly(tuple("PATCH", path));
		Call switched = journal.only("PATCH", path);
		assertThat(switched.body()).isEqualTo(JSON.readTree(MANIFEST_ON));
		assertThat(switched.header("If-Match")).as("the target connection's etag, as read just before")
			.isEqualTo(lastRead(journal, path).path("etag").asString())
			.isNotEqualTo(lastRead(journal, FLOW_SERVICE + "/flows/" + export.flowId()).path("etag").asString());
		assertThat(targetParams(target).path("includeFileManifest").asBoolean()).isTrue();
		assertThat(on.path("file").path("manifest").asBoolean()).isTrue();
		assertThat(getExport(export.id()).path("file").path("manifest").asBoolean()).isTrue();

		this.adobe.resetRequests();
		JsonNode off = patchExport(export, "{\"file\": {\"manifest\": null}}", 200);

		assertThat(journal(export).only("PATCH", path).body()).isEqualTo(JSON.readTree("""
				[{"op": "add", "path": "/params/includeFileManifest", "value": false}]"""));
		assertThat(targetParams(target).path("includeFileManifest").asBoolean()).isFalse();
		assertThat(off.path("file").path("manifest").asBoolean()).isFalse();
	}

	/**
	 * {@code destinations.yaml} has no {@code PATCH /targetConnections/{id}}: those calls
	 * are checked against FS-REF ({@code flow-service.yaml}). Reported skipped when the
	 * document is absent: the change is proved above either way.
	 */
	@Test
	void aManifestsPatchIsTheOneAdobesReferenceDescribes() {
		AdobeOpenApiValidator reference = AdobeOpenApiValidator.flowServiceReference();
		assumeTrue(reference.available(), reference::skipReason);
		Export export = succeeded(false);
		String target = export.step("TARGET_CONNECTION").path("entityId").asString();

		patchExport(export, "{\"file\": {\"manifest\": true}}", 200);

		Call patch = journal(export).only("PATCH", FLOW_SERVICE + "/targetConnections/" + target);
		assertThat(reference.isDocumented("PATCH", patch.event().getRequest().getUrl())).isTrue();
		assertThat(reference.violations(patch.event().getRequest())).isEmpty();
	}

	@Test
	void aStaleTargetConnectionEtagIsReadAgainAndRetried() {
		Export export = succeeded(false);
		String target = export.step("TARGET_CONNECTION").path("entityId").asString();
		String path = FLOW_SERVICE + "/targetConnections/" + target;
		this.adobe.stubFor(patch(urlPathEqualTo(path)).atPriority(1)
			.inScenario("412 once " + export.sandbox())
			.whenScenarioStateIs(Scenario.STARTED)
			.willReturn(aResponse().withStatus(412)
				.withHeader("Content-Type", "application/json")
				.withBody("{\"errorMessage\": \"Supplied version=[x] does not match\", \"errorDetails\": \"\"}"))
			.willSetStateTo("current"));

		patchExport(export, "{\"file\": {\"manifest\": true}}", 200);

		AdobeJournal journal = journal(export);
		List<Call> patches = journal.calls("PATCH", path);
		assertThat(patches).extracting(Call::status).containsExactly(412, 200);
		List<Call> reads = journal.calls("GET", path);
		assertThat(reads).as("read, then read again after the 412").hasSize(2);
		assertThat(patches.get(1).header("If-Match"))
			.isEqualTo(reads.get(1).answer().path("items").path(0).path("etag").asString());
		assertThat(patches.get(1).body()).isEqualTo(JSON.readTree(MANIFEST_ON));
		assertThat(targetParams(target).path("includeFileManifest").asBoolean()).isTrue();
	}

	@Test
	void aManifestAskedForAtCreationGoesOnTheNewTargetConnection() {
		Export with = succeeded(true);
		Export without = succeeded(false);

		JsonNode withManifest = targetParams(with.step("TARGET_CONNECTION").path("entityId").asString());
		assertThat(withManifest.path("includeFileManifest").isBoolean()).isTrue();
		assertThat(withManifest.path("includeFileManifest").booleanValue()).isTrue();
		assertThat(getExport(with.id()).path("file").path("manifest").asBoolean()).isTrue();
		JsonNode withoutManifest = targetParams(without.step("TARGET_CONNECTION").path("entityId").asString());
		assertThat(withoutManifest.has("includeFileManifest")).as("sent only when asked for").isFalse();
		assertThat(getExport(without.id()).path("file").path("manifest").asBoolean()).isFalse();
	}

	@Test
	void whatCannotChangeInPlaceIs422NamingEachFieldAndNothingReachesAdobe() {
		Export export = succeeded(false);

		JsonNode problem = patchExport(export, """
				{"name": "renamed", "file": {"format": "JSON", "manifest": true, "csv": {"delimiter": ";"}},
				 "mapping": %s}""".formatted(NEW_MAPPING), 422);

		assertThat(problem.path("type").asString())
			.isEqualTo("https://aep-export-facade.acme.com/problems/not-changeable-in-place");
		assertThat(problem.path("errors").findValuesAsString("field")).containsExactly("file.csv", "file.format",
				"name");
		assertThat(patchExport(export, "{\"sandbox\": \"other\", \"file\": {\"compression\": \"NONE\"}}", 422)
			.path("errors")
			.findValuesAsString("field")).containsExactly("file.compression", "sandbox");
		assertThat(notRunReads(journal(export))).isEmpty();
	}

	private JsonNode targetParams(String targetConnectionId) {
		return this.emulator.entity("targetConnections", targetConnectionId).orElseThrow().path("params");
	}

	/** The entity as the service last read it ({@code GET …/{id}}, inside its items). */
	private static JsonNode lastRead(AdobeJournal journal, String path) {
		List<Call> reads = journal.calls("GET", path);
		assertThat(reads).as("reads of %s", path).isNotEmpty();
		return reads.getLast().answer().path("items").path(0);
	}

	/**
	 * What the service asked of Adobe, but the reads of runs it makes in the background.
	 */
	private static List<Call> notRunReads(AdobeJournal journal) {
		return journal.calls()
			.stream()
			.filter((call) -> !(call.method().equals("GET") && call.path().startsWith(FLOW_SERVICE + "/runs")))
			.toList();
	}

	/** What the service asked Adobe to create, change or delete, oldest first. */
	private static List<Call> writes(AdobeJournal journal) {
		return journal.calls().stream().filter((call) -> !call.method().equals("GET")).toList();
	}

	private AdobeJournal journal(Export export) {
		return AdobeJournal.of(this.adobe, export.sandbox());
	}

	/** The name a change gives the mapping set it makes. */
	private static String changeMappingSetName(Export export, int revision) {
		return AdobeCreates.entityName(export.json().path("name").asString(), export.id(), "mapping set") + "_change-"
				+ revision;
	}

	private Export succeeded(boolean manifest) {
		String sandbox = newSandbox();
		ObjectNode body = example("DATA_LANDING_ZONE", sandbox);
		if (manifest) {
			((ObjectNode) body.path("file")).put("manifest", true);
		}
		String id = startExport(body);
		JsonNode export = awaitFinished(id);
		assertThat(export.path("status").asString()).as(export.toString()).isEqualTo("SUCCEEDED");
		this.adobe.resetRequests();
		return new Export(id, export.path("flowId").asString(), sandbox, export);
	}

	private JsonNode patchExport(Export export, String body, int status) {
		return this.api.patch()
			.uri("/exports/{id}", export.id())
			.contentType(MediaType.valueOf("application/merge-patch+json"))
			.body(body)
			.exchange()
			.expectStatus()
			.isEqualTo(status)
			.expectBody(JsonNode.class)
			.returnResult()
			.getResponseBody();
	}

	record Export(String id, String flowId, String sandbox, JsonNode json) {

		JsonNode step(String name) {
			return StepCalls.step(this.json, name);
		}

	}

}
