package com.acme.aepexport.workflow;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import com.acme.aepexport.support.AdobeJournal;
import com.acme.aepexport.support.AdobeJournal.Call;
import com.acme.aepexport.support.IntegrationTest;
import com.acme.aepexport.support.adobe.AdobeOpenApiValidator;

import static com.acme.aepexport.support.AdobeJournal.CONVERSION;
import static com.acme.aepexport.support.AdobeJournal.FLOW_SERVICE;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * One export per destination type, from {@code POST /exports} to {@code SUCCEEDED}: what
 * Adobe received (each entity created once, in Adobe's field names, with the submitted
 * values, every PATCH carrying the etag of the answer before it) and what PostgreSQL
 * keeps.
 */
class ExportWorkflowIT extends IntegrationTest {

	private static final String CSV_DEFAULTS = """
			{"delimiter": ",", "quote": "", "escape": "\\\\", "nullValue": "null", "emptyValue": ""}""";

	static Stream<Destination> destinations() {
		return Stream.of(
				new Destination("AMAZON_S3", "4fce964d-3f37-408f-9778-e597338a21ee",
						"1a0514a6-33d4-4c7f-aff8-594799c47549", """
								{"specName": "Access Key", "params": {"s3AccessKey": "AKIAIOSFODNN7EXAMPLE",
								 "s3SecretKey": "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"}}""",
						"""
								{"mode": "Server-to-server", "bucketName": "acme-audiences", "path": "exports/churn",
								 "fileType": "CSV", "compression": "GZIP", "csvOptions": %s}"""
							.formatted(CSV_DEFAULTS)),
				new Destination("AZURE_BLOB", "6d6b59bf-fb58-4107-9064-4d246c0e5bb2",
						"752d422f-b16f-4f0d-b1c6-26e448e3b388",
						"""
								{"specName": "ConnectionString", "params": {"connectionString":
								 "DefaultEndpointsProtocol=https;AccountName=acmeaudiences;AccountKey=ZXhhbXBsZS1rZXktbm90LXJlYWw=;EndpointSuffix=core.windows.net"}}""",
						"""
								{"mode": "Server-to-server", "container": "acme-audiences", "path": "exports/loyal",
								 "fileType": "CSV", "compression": "GZIP", "csvOptions": %s}"""
							.formatted(CSV_DEFAULTS)),
				new Destination("ADLS_GEN2", "be2c3209-53bc-47e7-ab25-145db8b873e1",
						"db060570-a155-418a-a6d3-b4d97698e5dc",
						"""
								{"specName": "Azure Service Principal Auth", "params": {
								 "url": "https://acmelake.dfs.core.windows.net",
								 "servicePrincipalId": "0b6f1c3e-5a2d-4f7e-9c11-2f3e4d5a6b7c",
								 "servicePrincipalKey": "example-service-principal-key", "tenant": "acme.onmicrosoft.com"}}""",
						"""
								{"mode": "Server-to-server", "path": "audiences/high-value",
								 "fileType": "CSV", "compression": "GZIP", "csvOptions": %s}"""
							.formatted(CSV_DEFAULTS)),
				new Destination("DATA_LANDING_ZONE", "10440537-2a7b-4583-ac39-ed38d4b848e8",
						"7e635b9f-e59b-4546-8ba8-fce6496693c8", null,
						"""
								{"mode": "Server-to-server", "path": "exports/partner",
								 "fileType": "CSV", "compression": "GZIP", "csvOptions": %s}"""
							.formatted(CSV_DEFAULTS)),
				new Destination("GOOGLE_CLOUD_STORAGE", "c5d93acb-ea8b-4b14-8f53-02138444ae99",
						"976d663b-80b4-4193-be6b-2d0487516623", """
								{"specName": "Google Cloud Storage authentication credentials", "params": {
								 "accessKeyId": "GOOG1EXAMPLEHMACACCESSKEYID",
								 "secretAccessKey": "example/hmac+secret/key0000000000000000"}}""",
						"""
								{"mode": "Server-to-server", "bucketName": "acme-audiences", "path": "exports/ads",
								 "fileType": "CSV", "compression": "GZIP", "csvOptions": %s}"""
							.formatted(CSV_DEFAULTS)),
				new Destination("SFTP", "36965a81-b1c6-401b-99f8-22508f1e6a26", "fd36aaa4-bf2b-43fb-9387-43785eeeb799",
						"""
								{"specName": "SFTP with Password", "params": {"domain": "sftp.acme.example",
								 "username": "aep", "password": "example-password"}}""",
						"""
								{"mode": "Server-to-server", "remotePath": "/incoming/audiences",
								 "fileType": "CSV", "compression": "GZIP", "csvOptions": %s}"""
							.formatted(CSV_DEFAULTS)),
				new Destination("SFTP_SSH_KEY", "36965a81-b1c6-401b-99f8-22508f1e6a26",
						"fd36aaa4-bf2b-43fb-9387-43785eeeb799",
						"""
								{"specName": "SFTP with SSH Key", "params": {"domain": "sftp.acme.example", "username": "aep",
								 "sshKey": "LS0tLS1CRUdJTiBPUEVOU1NIIFBSSVZBVEUgS0VZLS0tLS0KZXhhbXBsZS1ub3QtYS1yZWFsLWtleQotLS0tLUVORCBPUEVOU1NIIFBSSVZBVEUgS0VZLS0tLS0K"}}""",
						"""
								{"mode": "Server-to-server", "remotePath": "/incoming/audiences",
								 "fileType": "JSON", "compression": "NONE"}"""));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("destinations")
	void runsEveryStepOnceWithAdobesNamesAndKeepsWhatAdobeAnswered(Destination destination) {
		String sandbox = newSandbox();
		ObjectNode request = example(destination.example(), sandbox);
		String id = startExport(request);

		JsonNode export = awaitFinished(id);

		assertThat(export.path("status").asString()).as(export.toString()).isEqualTo("SUCCEEDED");
		AdobeJournal journal = AdobeJournal.of(this.adobe, sandbox);
		Call source = journal.only("POST", FLOW_SERVICE + "/sourceConnections");
		Call base = journal.only("POST", FLOW_SERVICE + "/connections");
		Call target = journal.only("POST", FLOW_SERVICE + "/targetConnections");
		Call flow = journal.only("POST", FLOW_SERVICE + "/flows");
		List<Call> schemas = journal.calls("POST", CONVERSION + "/schemas");
		Call mappingSet = journal.only("POST", CONVERSION + "/mappingSets");
		assertThat(schemas).hasSize(2);
		journal.only("GET", "/data/core/idnamespace/identities"); // validated below

		assertThat(source.body().path("connectionSpec"))
			.isEqualTo(json("{\"id\": \"8a9c3494-9708-43d7-ae3f-cda01e5030e1\", \"version\": \"1.0\"}"));

		assertThat(base.body().path("connectionSpec")).isEqualTo(spec(destination.connectionSpecId()));
		if (destination.auth() != null) {
			assertThat(base.body().path("auth")).isEqualTo(json(destination.auth()));
		}
		else {
			assertThat(base.body().has("auth")).isFalse();
		}
		assertThat(base.body().has("encryption")).isFalse();

		assertThat(target.body().path("baseConnectionId").asString()).isEqualTo(base.answer().path("id").asString());
		assertThat(target.body().path("params")).isEqualTo(json(destination.targetParams()));
		assertThat(target.body().path("connectionSpec")).isEqualTo(spec(destination.connectionSpecId()));

		assertThat(flow.body().path("flowSpec")).isEqualTo(spec(destination.flowSpecId()));
		assertThat(flow.body().path("sourceConnectionIds"))
			.isEqualTo(json("[\"" + source.answer().path("id").asString() + "\"]"));
		assertThat(flow.body().path("targetConnectionIds"))
			.isEqualTo(json("[\"" + target.answer().path("id").asString() + "\"]"));
		assertThat(flow.body().path("transformations")).isEqualTo(json("""
				[{"name": "GeneralTransform", "params": {"segmentSelectors": {"selectors": []},
				  "profileMapping": {}, "mandatoryFields": [], "primaryFields": []}}]"""));
		assertThat(flow.body().has("scheduleParams")).isFalse();

		Call inputSchema = schemaNamed(schemas, "_input-schema_");
		Call outputSchema = schemaNamed(schemas, "_output-schema_");
		assertThat(inputSchema.body()
			.path("jsonSchema")
			.path("properties")
			.path("identityMap")
			.path("properties")
			.has("Email")).isTrue();
		assertThat(outputSchema.body().path("jsonSchema").path("title").asString()).isEqualTo("defaultschema");
		assertThat(mappingSet.body().path("inputSchema").path("id").asString())
			.isEqualTo(inputSchema.answer().path("id").asString());
		assertThat(mappingSet.body().path("outputSchema").path("id").asString())
			.isEqualTo(outputSchema.answer().path("id").asString());
		assertThat(mappingSet.body().path("mappings")).isEqualTo(expectedMappings(request));
		assertThat(mappingSet.body().path("xdmVersion").asString()).isEqualTo("1.0");

		List<Call> patches = journal.calls("PATCH", FLOW_SERVICE + "/flows/" + flow.answer().path("id").asString());
		List<JsonNode> expectedPatches = expectedPatches(request, mappingSet.answer());
		assertThat(patches).hasSize(expectedPatches.size());
		String etag = flow.answer().path("etag").asString();
		for (int i = 0; i < patches.size(); i++) {
			Call patch = patches.get(i);
			assertThat(patch.header("If-Match")).as("If-Match of PATCH %d", i).isEqualTo(etag);
			assertThat(patch.body()).as("body of PATCH %d", i).isEqualTo(expectedPatches.get(i));
			etag = patch.answer().path("etag").asString();
		}

		Map<String, Call> answers = Map.of("SOURCE_CONNECTION", source, "BASE_CONNECTION", base, "TARGET_CONNECTION",
				target, "DATAFLOW", flow, "INPUT_SCHEMA", inputSchema, "OUTPUT_SCHEMA", outputSchema, "MAPPING_SET",
				mappingSet);
		answers.forEach((step, call) -> assertThat(storedStep(id, step)).as(step)
			.containsEntry("entity_id", call.answer().path("id").asString())
			.containsEntry("status", "SUCCEEDED"));
		for (String step : List.of("SOURCE_CONNECTION", "BASE_CONNECTION", "TARGET_CONNECTION", "DATAFLOW")) {
			assertThat(storedStep(id, step)).as(step)
				.containsEntry("etag", answers.get(step).answer().path("etag").asString());
		}
		assertThat(storedStep(id, "MAPPING_SET")).containsEntry("entity_version", 0);
		List<String> patchSteps = patchSteps(request);
		for (int i = 0; i < patchSteps.size(); i++) {
			assertThat(storedStep(id, patchSteps.get(i))).as(patchSteps.get(i))
				.containsEntry("entity_id", flow.answer().path("id").asString())
				.containsEntry("etag", patches.get(i).answer().path("etag").asString());
		}
		assertThat(this.jdbc.queryForObject("select count(*) from export_credential where export_id = ?::uuid",
				Integer.class, id))
			.as("credentials are deleted once the base connection exists")
			.isZero();

		assertThat(export.path("flowId").asString()).isEqualTo(flow.answer().path("id").asString());
		assertThat(export.path("steps")).hasSize(13);
		for (String secret : List.of("secretAccessKey", "connectionString", "servicePrincipalKey", "password",
				"sshKey")) {
			JsonNode value = request.path("destination").path("credentials").path(secret);
			if (value.isString()) {
				assertThat(export.toString()).doesNotContain(value.asString());
			}
		}
	}

	/**
	 * Every request sent for an export of each destination, and every answer the emulator
	 * gave, is as Adobe's documents describe it. Apart from the test above so that one
	 * never reports itself skipped: this one is, saying which document is absent, when
	 * one is.
	 */
	@Test
	void requestsAndAnswersAreAsAdobesDocumentsDescribeThem() {
		List<String> ids = destinations()
			.map((destination) -> startExport(example(destination.example(), newSandbox())))
			.toList();
		ids.forEach((id) -> assertThat(awaitFinished(id).path("status").asString()).isEqualTo("SUCCEEDED"));

		AdobeOpenApiValidator.flowService().assertValid(this.adobe);
		AdobeOpenApiValidator.dataPrep().assertValid(this.adobe);
		AdobeOpenApiValidator.identityService().assertValid(this.adobe);
		AdobeOpenApiValidator.flowService().assertAnswersValid(this.adobe);
		AdobeOpenApiValidator.dataPrep().assertAnswersValid(this.adobe);
		AdobeOpenApiValidator.identityService().assertAnswersValid(this.adobe);
	}

	@Test
	void pgpKeyGoesOnTheBaseConnection() {
		String sandbox = newSandbox();
		ObjectNode request = example("AMAZON_S3", sandbox);
		((ObjectNode) request.path("file")).put("pgpPublicKey", "LS0tLS1CRUdJTiBQR1AgUFVCTElDIEtFWSBCTE9DSy0tLS0t");

		assertThat(awaitFinished(startExport(request)).path("status").asString()).isEqualTo("SUCCEEDED");

		JsonNode base = AdobeJournal.of(this.adobe, sandbox).only("POST", FLOW_SERVICE + "/connections").body();
		assertThat(base.path("encryption")).isEqualTo(json("""
				{"specName": "File Encryption", "params": {"encryptionAlgo": "PGP/GPG",
				 "publicKey": "LS0tLS1CRUdJTiBQR1AgUFVCTElDIEtFWSBCTE9DSy0tLS0t"}}"""));
		assertThat(AdobeJournal.of(this.adobe, sandbox)
			.only("POST", FLOW_SERVICE + "/targetConnections")
			.body()
			.path("params")
			.has("encryptionSpecs")).isFalse();
	}

	private List<JsonNode> expectedPatches(ObjectNode request, JsonNode mappingSet) {
		JsonNode schedule = request.path("schedule");
		boolean full = schedule.path("exportMode").asString().equals("DAILY_FULL_EXPORT");
		ObjectNode adobeSchedule = JSON.createObjectNode();
		adobeSchedule.put("frequency", schedule.path("frequency").asString());
		if (full) {
			adobeSchedule.put("triggerType", "SCHEDULED");
		}
		adobeSchedule.put("startDate", schedule.path("startDate").asString());
		adobeSchedule.put("startTime", schedule.path("startTime").asString());
		ArrayNode audiences = JSON.createArrayNode();
		for (JsonNode audience : request.path("audiences")) {
			ObjectNode value = JSON.createObjectNode();
			value.put("id", audience.path("id").asString());
			value.put("name", audience.path("name").asString());
			if (audience.has("filenameTemplate")) {
				value.put("filenameTemplate", audience.path("filenameTemplate").asString());
			}
			value.put("exportMode", schedule.path("exportMode").asString());
			value.set("schedule", adobeSchedule);
			audiences.add(op("/transformations/0/params/segmentSelectors/selectors/-",
					JSON.createObjectNode().put("type", "PLATFORM_SEGMENT").set("value", value)));
		}
		List<JsonNode> patches = new ArrayList<>();
		patches.add(audiences);
		patches.add(JSON.createArrayNode()
			.add(op("/transformations/0/params/profileMapping",
					JSON.createObjectNode()
						.put("mappingId", mappingSet.path("id").asString())
						.put("mappingVersion", mappingSet.path("version").asInt()))));
		if (request.has("mandatoryFields")) {
			patches.add(JSON.createArrayNode()
				.add(op("/transformations/0/params/mandatoryFields", request.path("mandatoryFields"))));
		}
		if (request.has("deduplicationKeys")) {
			patches.add(JSON.createArrayNode()
				.add(op("/transformations/0/params/primaryFields",
						json("[{\"fieldType\": \"IDENTITY\", \"identityNamespace\": \""
								+ request.path("deduplicationKeys").path(0).path("identityNamespace").asString()
								+ "\"}]"))));
		}
		return patches;
	}

	private static List<String> patchSteps(ObjectNode request) {
		List<String> steps = new ArrayList<>(List.of("AUDIENCES", "ATTACH_MAPPING"));
		if (request.has("mandatoryFields")) {
			steps.add("MANDATORY_FIELDS");
		}
		if (request.has("deduplicationKeys")) {
			steps.add("DEDUPLICATION_KEYS");
		}
		return steps;
	}

	/**
	 * Our mapping in Adobe's terms; a dot inside an identity namespace is escaped as
	 * {@code //.}.
	 */
	private static JsonNode expectedMappings(ObjectNode request) {
		ArrayNode mappings = JSON.createArrayNode();
		for (JsonNode field : request.path("mapping")) {
			String source = field.path("source").asString();
			if (source.equals("identityMap.Phone_E.164")) {
				source = "identityMap.Phone_E//.164";
			}
			mappings.add(JSON.createObjectNode()
				.put("source", source)
				.put("destination", field.path("target").asString())
				.put("sourceType", "ATTRIBUTE"));
		}
		return mappings;
	}

	private static ObjectNode op(String path, JsonNode value) {
		ObjectNode op = JSON.createObjectNode().put("op", "add").put("path", path);
		op.set("value", value);
		return op;
	}

	private static Call schemaNamed(List<Call> schemas, String what) {
		return schemas.stream()
			.filter((call) -> call.body().path("name").asString().contains(what))
			.findFirst()
			.orElseThrow(() -> new AssertionError("No conversion schema named '" + what + "'"));
	}

	private Map<String, Object> storedStep(String exportId, String step) {
		return this.jdbc.queryForMap("select * from export_step where export_id = ?::uuid and name = ?", exportId,
				step);
	}

	private static JsonNode spec(String id) {
		return json("{\"id\": \"" + id + "\", \"version\": \"1.0\"}");
	}

	private static JsonNode json(String text) {
		return JSON.readTree(text);
	}

	record Destination(String example, String connectionSpecId, String flowSpecId, String auth, String targetParams) {

		@Override
		public String toString() {
			return this.example;
		}

	}

}
