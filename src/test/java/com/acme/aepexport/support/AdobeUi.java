package com.acme.aepexport.support;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;

import com.github.tomakehurst.wiremock.WireMockServer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import com.acme.aepexport.emulator.AdobeEmulator;

import static com.acme.aepexport.support.AdobeJournal.CONVERSION;
import static com.acme.aepexport.support.AdobeJournal.FLOW_SERVICE;

/**
 * Adobe's UI, as a person builds a dataflow there: each entity made through Adobe's API
 * over real HTTP (through WireMock, with a token of its own), never through the service.
 * Its requests carry {@link StepCalls#OTHER_CLIENT}, so that journals of the service's
 * calls leave them out ({@link #byTheService}).
 */
public final class AdobeUi {

	/** Adobe's audience flow spec for Amazon S3 (DEST-REF {@code FlowSpec_V2}). */
	public static final String S3_AUDIENCE_FLOW_SPEC = "1a0514a6-33d4-4c7f-aff8-594799c47549";

	/** Adobe's dataset flow spec for Amazon S3 (DEST-REF {@code FlowSpec_V2}). */
	public static final String S3_DATASET_FLOW_SPEC = "269ba276-16fc-47db-92b0-c1049a3c131f";

	public static final String S3 = "4fce964d-3f37-408f-9778-e597338a21ee";

	public static final String PROFILE_STORE = "8a9c3494-9708-43d7-ae3f-cda01e5030e1";

	public static final String DATA_LAKE_SOURCE = "23598e46-f560-407b-88d5-ea6207e49db0";

	public static final String DATA_LAKE_TARGET = "c604ff05-7f1a-43c0-8e18-33bf874cb11c";

	public static final String KINESIS_SOURCE = "86043421-563b-46ec-8e6c-e23184711bf6";

	/** The emulator's stand-in for a streaming destination (its id is made up). */
	public static final String STREAMING_DESTINATION = "5f0e2c1a-7b3d-4e8f-9a6b-1c2d3e4f5a6b";

	/** A flow spec for it, made up likewise. */
	public static final String STREAMING_FLOW_SPEC = "5f0e2c1a-0000-4000-8000-000000000001";

	/** FS-REF's example flow spec of a source dataflow ({@code CloudStorageToAEP}). */
	public static final String SOURCE_FLOW_SPEC = "9753525b-82c7-4dce-8a9b-5ccfce2b9876";

	/** What the S3 account's secret key is: it must never leave Adobe. */
	public static final String S3_SECRET = "wJalrXUtnFEMIK7MDENGbPxRfiCYEXAMPLEKEY00";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final EmulatorHttp http;

	private final String baseUrl;

	public AdobeUi(WireMockServer adobe) {
		this.baseUrl = adobe.baseUrl();
		this.http = new EmulatorHttp(this.baseUrl);
	}

	/** The calls the service made (not this UI's), oldest first. */
	public static List<AdobeJournal.Call> byTheService(AdobeJournal journal) {
		return journal.calls().stream().filter((call) -> call.header(StepCalls.OTHER_CLIENT) == null).toList();
	}

	/**
	 * An audience export to Amazon S3 as Adobe's UI makes one: an account (base
	 * connection), a target connection, a Profile Store source connection, the dataflow,
	 * input and output schemas and a mapping set, then one change of the flow that adds
	 * the audiences, the mapping, the mandatory fields and the deduplication keys.
	 * @param selectors the audiences' segment selectors, as Adobe holds them
	 */
	public Built s3AudienceExport(String sandbox, String name, List<ObjectNode> selectors) {
		String base = s3Account(sandbox, name);
		return s3AudienceExport(sandbox, name, base, selectors);
	}

	/** The same on an account made before (Adobe's UI offers to reuse one). */
	public Built s3AudienceExport(String sandbox, String name, String baseConnectionId, List<ObjectNode> selectors) {
		String target = s3Target(sandbox, name, baseConnectionId, false);
		String source = create(sandbox, FLOW_SERVICE + "/sourceConnections",
				JSON.createObjectNode().put("name", name + " source").set("connectionSpec", spec(PROFILE_STORE)));
		String flow = create(sandbox, FLOW_SERVICE + "/flows", flow(name, S3_AUDIENCE_FLOW_SPEC, source, target, true));
		String input = create(sandbox, CONVERSION + "/schemas", schema(name + " input", "person"));
		String output = create(sandbox, CONVERSION + "/schemas", schema(name + " output", "attributes"));
		ObjectNode mappingSet = JSON.createObjectNode();
		mappingSet.putObject("inputSchema").put("id", input);
		mappingSet.putObject("outputSchema").put("id", output);
		ArrayNode mappings = mappingSet.putArray("mappings");
		mappings.addObject()
			.put("source", "person.name.firstName")
			.put("destination", "firstName")
			.put("sourceType", "ATTRIBUTE");
		mappings.addObject()
			.put("source", "identityMap.Phone_E//.164")
			.put("destination", "Phone")
			.put("sourceType", "ATTRIBUTE");
		mappingSet.put("xdmVersion", "1.0");
		String mapping = create(sandbox, CONVERSION + "/mappingSets", mappingSet);
		ArrayNode changes = JSON.createArrayNode();
		selectors.forEach((selector) -> changes.addObject()
			.put("op", "add")
			.put("path", "/transformations/0/params/segmentSelectors/selectors/-")
			.set("value", selector));
		changes.addObject()
			.put("op", "add")
			.put("path", "/transformations/0/params/profileMapping")
			.putObject("value")
			.put("mappingId", mapping)
			.put("mappingVersion", 0);
		changes.addObject()
			.put("op", "add")
			.put("path", "/transformations/0/params/mandatoryFields")
			.putArray("value")
			.add("Phone");
		changes.addObject()
			.put("op", "add")
			.put("path", "/transformations/0/params/primaryFields")
			.putArray("value")
			.addObject()
			.put("fieldType", "IDENTITY")
			.put("identityNamespace", "Phone_E.164");
		String etag = patch(sandbox, FLOW_SERVICE + "/flows/" + flow, etagOf(sandbox, "flows", flow), changes);
		return new Built(flow, etag, source, baseConnectionId, target, mapping, input, output);
	}

	/** An Amazon S3 account (base connection) with its access key. */
	public String s3Account(String sandbox, String name) {
		ObjectNode account = JSON.createObjectNode().put("name", name + " account");
		account.putObject("auth")
			.put("specName", "Access Key")
			.putObject("params")
			.put("s3AccessKey", "AKIAIOSFODNN7EXAMPLE")
			.put("s3SecretKey", S3_SECRET);
		account.set("connectionSpec", spec(S3));
		return create(sandbox, FLOW_SERVICE + "/connections", account);
	}

	/** Another dataflow's target connection on the account. */
	public String s3Target(String sandbox, String name, String baseConnectionId, boolean datasets) {
		ObjectNode target = JSON.createObjectNode()
			.put("name", name + " target")
			.put("baseConnectionId", baseConnectionId);
		ObjectNode params = target.putObject("params")
			.put("mode", "Server-to-server")
			.put("bucketName", "acme-audiences")
			.put("path", "exports/" + name)
			.put("compression", "GZIP");
		if (datasets) {
			params.put("datasetFileType", "JSON");
		}
		else {
			params.put("fileType", "CSV")
				.putObject("csvOptions")
				.put("delimiter", ",")
				.put("quote", "")
				.put("escape", "\\")
				.put("nullValue", "null")
				.put("emptyValue", "");
		}
		target.set("connectionSpec", spec(S3));
		return create(sandbox, FLOW_SERVICE + "/targetConnections", target);
	}

	/** A dataset export from the Data Lake to Amazon S3, with S3's dataset flow spec. */
	public String s3DatasetExport(String sandbox, String name) {
		String target = s3Target(sandbox, name, s3Account(sandbox, name), true);
		ObjectNode source = JSON.createObjectNode().put("name", name + " datasets");
		source.set("connectionSpec", spec(DATA_LAKE_SOURCE));
		source.putObject("params").putArray("datasets").addObject().put("dataSetId", "5ed18e0f4f90b719196f44a9");
		return create(sandbox, FLOW_SERVICE + "/flows", flow(name, S3_DATASET_FLOW_SPEC,
				create(sandbox, FLOW_SERVICE + "/sourceConnections", source), target, false));
	}

	/** A source dataflow: from an Amazon Kinesis stream into the Data Lake. */
	public String kinesisSourceDataflow(String sandbox, String name) {
		ObjectNode account = JSON.createObjectNode().put("name", name + " kinesis account");
		account.putObject("auth")
			.put("specName", "Access Key")
			.putObject("params")
			.put("accessKeyId", "AKIAIOSFODNN7EXAMPLE")
			.put("secretKey", "kinesis-secret")
			.put("region", "us-east-1");
		account.set("connectionSpec", spec(KINESIS_SOURCE));
		String base = create(sandbox, FLOW_SERVICE + "/connections", account);
		ObjectNode source = JSON.createObjectNode().put("name", name + " stream").put("baseConnectionId", base);
		source.set("connectionSpec", spec(KINESIS_SOURCE));
		source.putObject("params").put("stream", "clicks");
		ObjectNode target = JSON.createObjectNode().put("name", name + " data lake");
		target.set("connectionSpec", spec(DATA_LAKE_TARGET));
		target.putObject("params").put("dataSetId", "5ed18e0f4f90b719196f44a9");
		return create(sandbox, FLOW_SERVICE + "/flows",
				flow(name, SOURCE_FLOW_SPEC, create(sandbox, FLOW_SERVICE + "/sourceConnections", source),
						create(sandbox, FLOW_SERVICE + "/targetConnections", target), false));
	}

	/**
	 * An audience dataflow from the Profile Store to a streaming destination (the
	 * emulator's stand-in).
	 */
	public String streamingAudienceExport(String sandbox, String name) {
		ObjectNode account = JSON.createObjectNode().put("name", name + " stream account");
		account.putObject("auth")
			.put("specName", "Access Key")
			.putObject("params")
			.put("accessKeyId", "AKIAIOSFODNN7EXAMPLE")
			.put("secretKey", "stream-secret");
		account.set("connectionSpec", spec(STREAMING_DESTINATION));
		String base = create(sandbox, FLOW_SERVICE + "/connections", account);
		ObjectNode target = JSON.createObjectNode().put("name", name + " stream").put("baseConnectionId", base);
		target.set("connectionSpec", spec(STREAMING_DESTINATION));
		target.putObject("params").put("stream", "audiences").put("region", "us-east-1");
		String source = create(sandbox, FLOW_SERVICE + "/sourceConnections",
				JSON.createObjectNode().put("name", name + " source").set("connectionSpec", spec(PROFILE_STORE)));
		return create(sandbox, FLOW_SERVICE + "/flows", flow(name, STREAMING_FLOW_SPEC, source,
				create(sandbox, FLOW_SERVICE + "/targetConnections", target), true));
	}

	/** A segment selector of a full export, as Adobe holds it. */
	public static ObjectNode fullExport(String audienceId, String name, String frequency, String startTime) {
		ObjectNode value = JSON.createObjectNode()
			.put("id", audienceId)
			.put("name", name)
			.put("filenameTemplate", "%DESTINATION%_%SEGMENT_ID%_%DATETIME(YYYYMMdd_HHmmss)%")
			.put("exportMode", "DAILY_FULL_EXPORT");
		value.putObject("schedule")
			.put("frequency", frequency)
			.put("triggerType", "SCHEDULED")
			.put("startDate", "2026-01-01")
			.put("startTime", startTime);
		return selector(value);
	}

	/**
	 * A segment selector of an incremental export as DEST-REF's GET example shows one:
	 * with a trigger type, which this service does not send.
	 */
	public static ObjectNode incrementalExport(String audienceId, String name) {
		ObjectNode value = JSON.createObjectNode()
			.put("id", audienceId)
			.put("name", name)
			.put("filenameTemplate", "%SEGMENT_NAME%_%TIMESTAMP%")
			.put("exportMode", "FIRST_FULL_THEN_INCREMENTAL");
		value.putObject("schedule")
			.put("frequency", "EVERY_6_HOURS")
			.put("triggerType", "SCHEDULED")
			.put("startDate", "2026-01-01")
			.put("endDate", "2027-06-30")
			.put("startTime", "06:00");
		return selector(value);
	}

	/** The entity as Adobe's API answers it ({@code GET}, unwrapped). */
	public JsonNode get(String sandbox, String path) {
		HttpResponse<String> answer = send(request(sandbox, path).GET().build());
		expect(answer, 200, "GET " + path);
		JsonNode body = JSON.readTree(answer.body());
		return body.has("items") ? body.path("items").path(0) : body;
	}

	private static ObjectNode selector(ObjectNode value) {
		ObjectNode selector = JSON.createObjectNode().put("type", "PLATFORM_SEGMENT");
		selector.set("value", value);
		return selector;
	}

	private static ObjectNode flow(String name, String flowSpec, String source, String target, boolean audiences) {
		ObjectNode flow = JSON.createObjectNode().put("name", name).put("description", "Made in Adobe's UI");
		flow.putObject("flowSpec").put("id", flowSpec).put("version", "1.0");
		flow.putArray("sourceConnectionIds").add(source);
		flow.putArray("targetConnectionIds").add(target);
		ArrayNode transformations = flow.putArray("transformations");
		if (audiences) {
			ObjectNode params = transformations.addObject().put("name", "GeneralTransform").putObject("params");
			params.putObject("segmentSelectors").putArray("selectors");
			params.putObject("profileMapping");
			params.putArray("mandatoryFields");
			params.putArray("primaryFields");
		}
		return flow;
	}

	private static ObjectNode schema(String name, String property) {
		ObjectNode schema = JSON.createObjectNode().put("name", name);
		schema.putObject("jsonSchema")
			.put("type", "object")
			.putObject("properties")
			.putObject(property)
			.put("type", "object");
		return schema;
	}

	private static ObjectNode spec(String id) {
		return JSON.createObjectNode().put("id", id).put("version", "1.0");
	}

	private String etagOf(String sandbox, String collection, String id) {
		return get(sandbox, FLOW_SERVICE + "/" + collection + "/" + id).path("etag").asString();
	}

	private String create(String sandbox, String path, JsonNode body) {
		HttpResponse<String> answer = send(
				request(sandbox, path).POST(HttpRequest.BodyPublishers.ofString(body.toString()))
					.header("Content-Type", "application/json")
					.build());
		if (answer.statusCode() != 200 && answer.statusCode() != 201) {
			throw new AssertionError(
					"Adobe's UI could not POST " + path + ": " + answer.statusCode() + " " + answer.body());
		}
		return JSON.readTree(answer.body()).path("id").asString();
	}

	/** A JSON Patch of the entity with its etag; returns its new etag. */
	public String patch(String sandbox, String path, String etag, JsonNode operations) {
		HttpResponse<String> answer = send(
				request(sandbox, path).method("PATCH", HttpRequest.BodyPublishers.ofString(operations.toString()))
					.header("Content-Type", "application/json")
					.header("If-Match", etag)
					.build());
		expect(answer, 200, "PATCH " + path);
		return JSON.readTree(answer.body()).path("etag").asString();
	}

	private HttpRequest.Builder request(String sandbox, String path) {
		return HttpRequest.newBuilder(URI.create(this.baseUrl + path))
			.header("Authorization", "Bearer " + token())
			.header("x-api-key", AdobeEmulator.CLIENT_ID)
			.header("x-gw-ims-org-id", AdobeEmulator.ORG_ID)
			.header("x-sandbox-name", sandbox)
			.header("Accept", "application/json")
			.header(StepCalls.OTHER_CLIENT, "true");
	}

	private static void expect(HttpResponse<String> answer, int status, String what) {
		if (answer.statusCode() != status) {
			throw new AssertionError("Adobe's UI: " + what + " got " + answer.statusCode() + ": " + answer.body());
		}
	}

	private String token() {
		return this.http.token();
	}

	private HttpResponse<String> send(HttpRequest request) {
		return this.http.send(request);
	}

	/**
	 * The entities of a dataflow Adobe's UI built, and the flow's etag after its last
	 * change.
	 */
	public record Built(String flowId, String flowEtag, String sourceConnectionId, String baseConnectionId,
			String targetConnectionId, String mappingSetId, String inputSchemaId, String outputSchemaId) {

	}

}
