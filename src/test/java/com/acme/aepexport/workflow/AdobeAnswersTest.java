package com.acme.aepexport.workflow;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import net.jqwik.api.lifecycle.BeforeTry;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import com.acme.aepexport.adobe.AdobeCallFailed;
import com.acme.aepexport.adobe.AdobeClients;
import com.acme.aepexport.adobe.AdobeConnection;
import com.acme.aepexport.adobe.AdobeRef;
import com.acme.aepexport.adobe.ConnectionSpec;
import com.acme.aepexport.adobe.Flow;
import com.acme.aepexport.adobe.EntityName;
import com.acme.aepexport.adobe.FlowPatch;
import com.acme.aepexport.adobe.IdentityNamespace;
import com.acme.aepexport.adobe.RunsQuery;
import com.acme.aepexport.adobe.Sandbox;
import com.acme.aepexport.adobe.TargetConnectionPatch;
import com.acme.aepexport.adobe.UnsupportedValue;
import com.acme.aepexport.export.Credentials;
import com.acme.aepexport.export.DestinationType;
import com.acme.aepexport.export.ExportSpec;
import com.acme.aepexport.export.RunState;
import com.acme.aepexport.support.ExportSpecs;
import com.acme.aepexport.support.adobe.DocumentedAnswers;
import com.acme.aepexport.support.adobe.NeedsAdobeDocuments;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.request;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * Every answer the service reads from Adobe, as Adobe's documents allow it (their schemas
 * and examples, and our emulator's answers where no document describes one), then
 * mutated: optional fields dropped or null, unknown properties and enum values, empty
 * lists, huge numbers, numbers as strings. Each is served over real HTTP to the client
 * the service uses and then to the code that reads it. Nothing may escape but
 * {@link AdobeCallFailed}: for an answer that cannot be used, one that is not retryable
 * and names the field; for an error answer, one with its status.
 */
@AddLifecycleHook(NeedsAdobeDocuments.class)
class AdobeAnswersTest {

	private static final String FLOW_SERVICE = "/data/foundation/flowservice";

	private static final String CONVERSION = "/data/foundation/conversion";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final WireMockServer adobe = new WireMockServer(WireMockConfiguration.options().dynamicPort());

	private static AdobeClients clients;

	/**
	 * Caches are keyed by sandbox, spec id or flow id: a fresh key per try asks Adobe.
	 */
	private static final AtomicLong tries = new AtomicLong();

	private static final List<ExportSpec.FieldMapping> FIRST_NAME = List
		.of(new ExportSpec.FieldMapping("person.name.firstName", "firstName"));

	@BeforeContainer
	static void startAdobe() {
		adobe.start();
		clients = AdobeClients.against(adobe.baseUrl());
	}

	@AfterContainer
	static void stopAdobe() {
		adobe.stop();
	}

	@BeforeTry
	void onlyTheTokenIsServed() {
		adobe.resetMappings();
		adobe.stubFor(post(AdobeClients.TOKEN_PATH).willReturn(validToken()));
	}

	@Property(tries = 150)
	void runPagesAreReadAndSimplified(@ForAll("runPages") JsonNode answer) {
		serve(get(urlPathEqualTo(FLOW_SERVICE + "/runs")), answer);
		String flowId = "flow-" + tries.incrementAndGet();

		readable(() -> clients.flowService()
			.runs(sandbox(), new RunsQuery(flowId, 100, null, null, null))
			.runs()
			.stream()
			.map(ExportRuns::simplified)
			.toList());
	}

	@Property(tries = 100)
	void oneRunIsReadAndSimplified(@ForAll("oneRun") JsonNode answer) {
		serve(get(urlPathMatching(FLOW_SERVICE + "/runs/.+")), answer);

		readable(() -> clients.flowService()
			.run(sandbox(), "run-" + tries.incrementAndGet())
			.map(ExportRuns::simplified));
	}

	@Property(tries = 150)
	void connectionSpecsCheckRequests(@ForAll("connectionSpecs") JsonNode answer) {
		serve(get(urlPathMatching(FLOW_SERVICE + "/connectionSpecs/.+")), answer);
		ExportSpec spec = ExportSpecs.amazonS3();

		readable(() -> {
			ConnectionSpec connectionSpec = clients.flowService()
				.connectionSpec(sandbox(), "spec-" + tries.incrementAndGet());
			connectionSpec.partnerSchema();
			clients.rules()
				.credentialViolations(connectionSpec, DestinationType.AMAZON_S3,
						new Credentials.AccessKey("AKIAIOSFODNN7EXAMPLE", "secret"));
			return clients.rules().destinationViolations(connectionSpec, spec.destination(), spec.file());
		});
	}

	@Property(tries = 150)
	void flowsAreComparedWithWhatAnExportWants(@ForAll("flows") JsonNode answer) {
		serve(get(urlPathMatching(FLOW_SERVICE + "/flows/.+")), answer);

		readable(() -> {
			Flow flow = clients.flowService().flow(sandbox(), "flow-" + tries.incrementAndGet());
			flow.mappingId();
			flow.audienceIds();
			ExportSpec spec = ExportSpecs.amazonS3();
			return FlowPatch.toReach(flow, spec);
		});
	}

	@Property(tries = 150)
	void flowsAreReadForAnImport(@ForAll("importedFlows") JsonNode answer) {
		serve(get(urlPathMatching(FLOW_SERVICE + "/flows/.+")), answer);

		readable(() -> {
			Flow flow = clients.flowService().flow(sandbox(), "flow-" + tries.incrementAndGet());
			List<UnsupportedValue> unsupported = new ArrayList<>();
			return List.of(String.valueOf(flow.name()), String.valueOf(flow.flowSpecId()), flow.sourceConnectionIds(),
					flow.targetConnectionIds(), String.valueOf(flow.mappingVersion()), flow.audiences(unsupported),
					flow.deduplicationKeys(unsupported), flow.mandatoryFields(), unsupported);
		});
	}

	@Property(tries = 150)
	void connectionsAreReadForAnImport(@ForAll("connections") JsonNode answer) {
		serve(get(urlPathMatching(FLOW_SERVICE + "/(connections|sourceConnections|targetConnections)/.+")), answer);

		readable(() -> {
			AdobeConnection target = clients.flowService()
				.targetConnection(sandbox(), "target-" + tries.incrementAndGet());
			return List.of(String.valueOf(target.connectionSpecId()), String.valueOf(target.baseConnectionId()),
					target.destination(DestinationType.AMAZON_S3), target.destination(DestinationType.SFTP),
					target.file(target.pgpPublicKey()));
		});
		readable(() -> clients.flowService().sourceConnection(sandbox(), "source-1").connectionSpecId());
		readable(() -> clients.flowService().baseConnection(sandbox(), "base-1").pgpPublicKey());
	}

	@Property(tries = 100)
	void mappingSetsAreReadForAnImport(@ForAll("mappingSets") JsonNode answer) {
		serve(get(urlPathMatching(CONVERSION + "/mappingSets/.+")), answer);

		readable(() -> clients.conversion().mappingSet(sandbox(), "m-" + tries.incrementAndGet(), 0));
		readable(() -> clients.conversion().mappingSet(sandbox(), "m-" + tries.incrementAndGet(), null));
	}

	@Property(tries = 100)
	void entitiesThatShareAnAccountAreListed(@ForAll("lists") JsonNode answer) {
		serve(get(urlPathMatching(FLOW_SERVICE + "/(flows|targetConnections)")), answer);

		readable(() -> clients.flowService().targetConnectionsOf(sandbox(), "base-1"));
		readable(() -> clients.flowService().flowsFrom(sandbox(), "source-1"));
	}

	@Property(tries = 100)
	void flowChangesAreAnswered(@ForAll("flowChanges") JsonNode answer, @ForAll("flows") JsonNode flow) {
		serve(aResponseTo("PATCH", FLOW_SERVICE + "/flows/.+"), answer);
		serve(get(urlPathMatching(FLOW_SERVICE + "/flows/.+")), flow);

		readable(() -> clients.flowService()
			.patchFlow(sandbox(), new AdobeRef("flow-1", "\"e1\""), FlowPatch.mandatoryFields(null, List.of("GAID"))));
	}

	@Property(tries = 100)
	void targetConnectionsAreReadAndChanged(@ForAll("targetConnections") JsonNode target,
			@ForAll("targetConnectionChanges") JsonNode answer) {
		serve(get(urlPathMatching(FLOW_SERVICE + "/targetConnections/.+")), target);
		serve(aResponseTo("PATCH", FLOW_SERVICE + "/targetConnections/.+"), answer);

		readable(() -> TargetConnectionPatch.fileManifest(
				clients.flowService().targetConnection(sandbox(), "target-" + tries.incrementAndGet()), true));
		readable(() -> clients.flowService()
			.patchTargetConnection(sandbox(), new AdobeRef("target-1", "\"e1\""),
					TargetConnectionPatch.fileManifest(null, true)));
	}

	@Property(tries = 100)
	void createsAreAnswered(@ForAll("creates") JsonNode answer) {
		serve(post(urlPathMatching(FLOW_SERVICE + "/(flows|sourceConnections)")), answer);

		readable(() -> clients.flowService()
			.createFlow(sandbox(), new EntityName("f", null), "1a0514a6-33d4-4c7f-aff8-594799c47549", "s", "t"));
		readable(() -> clients.flowService().createSourceConnection(sandbox(), new EntityName("s", null)));
	}

	@Property(tries = 100)
	void lookUpsReadLists(@ForAll("lists") JsonNode answer) {
		serve(get(urlPathMatching(FLOW_SERVICE + "/(flows|connections|targetConnections|sourceConnections)")), answer);

		readable(() -> clients.flowService().findFlow(sandbox(), "t-1", Set.of("Churn_dataflow_x")));
		readable(() -> clients.flowService().findSourceConnection(sandbox(), Set.of("Churn_source-connection_x")));
	}

	@Property(tries = 100)
	void unionSchemasAndIdentitiesMakeTheInputSchema(@ForAll("unionSchemas") JsonNode union,
			@ForAll("identities") JsonNode identities) {
		serve(get(urlPathEqualTo("/data/core/ups/config/entityTypes/_xdm.context.profile")), union);
		serve(get(urlPathEqualTo("/data/core/idnamespace/identities")), identities);
		Sandbox sandbox = sandbox();

		serve(post(urlPathEqualTo(CONVERSION + "/schemas")),
				JSON.readTree("{\"id\": \"8db56468c2ab475dbf17c2621f92c0f8\", \"version\": 0}"));

		readable(() -> clients.conversion()
			.createInputSchema(sandbox, "input", clients.profiles().unionSchema(sandbox),
					clients.profiles().identityNamespaces(sandbox)));
	}

	@Property(tries = 100)
	void conversionSchemasAreCreatedAndFound(@ForAll("conversionSchemas") JsonNode created,
			@ForAll("conversionSchemaPages") JsonNode page) {
		serve(post(urlPathEqualTo(CONVERSION + "/schemas")), created);
		serve(get(urlPathEqualTo(CONVERSION + "/schemas")), page);

		readable(() -> clients.conversion().createOutputSchema(sandbox(), "input", JSON.createObjectNode()));
		readable(() -> clients.conversion().findSchema(sandbox(), Set.of("Churn_input-schema_x")));
	}

	@Property(tries = 100)
	void mappingSetsAreCreatedAndFound(@ForAll("createdMappingSets") JsonNode created,
			@ForAll("mappingSetPages") JsonNode page) {
		serve(post(urlPathEqualTo(CONVERSION + "/mappingSets")), created);
		serve(get(urlPathEqualTo(CONVERSION + "/mappingSets")), page);

		readable(() -> clients.conversion().createMappingSet(sandbox(), "m", "in", "out", FIRST_NAME));
		readable(() -> clients.conversion().findMappingSet(sandbox(), Set.of("Churn_mapping-set_x")));
	}

	/**
	 * An error in any of Adobe's shapes, or in none, with any status: the failure carries
	 * the status, says whether trying again may help, and its message stays short.
	 */
	@Property(tries = 150)
	void errorsOfEveryShapeAreFailuresWithTheirStatus(@ForAll("errorStatuses") int status,
			@ForAll("errors") JsonNode body) {
		adobe.stubFor(any(urlPathMatching(FLOW_SERVICE + "/.*")).willReturn(aResponse().withStatus(status)
			.withHeader("Content-Type", "application/json")
			.withBody(JSON.writeValueAsString(body))));

		try {
			clients.flowService().createSourceConnection(sandbox(), new EntityName("s", null));
			throw new AssertionError("An answer " + status + " was taken for a success");
		}
		catch (AdobeCallFailed failed) {
			assertThat(failed.httpStatus()).isEqualTo(status);
			assertThat(failed.retryable()).isEqualTo(Set.of(408, 429, 500, 502, 503, 504).contains(status));
			assertThat(failed.adobeMessage()).isNotBlank().hasSizeLessThanOrEqualTo(501);
		}
	}

	/** An IMS answer of any shape gives a token, or a failure; never anything else. */
	@Property(tries = 60)
	void tokenAnswersOfEveryShapeAreUsedOrRefused(@ForAll("tokens") JsonNode token) {
		WireMockServer ims = new WireMockServer(WireMockConfiguration.options().dynamicPort());
		ims.start();
		try {
			ims.stubFor(post(AdobeClients.TOKEN_PATH).willReturn(okJson(JSON.writeValueAsString(token))));
			ims.stubFor(get(urlPathMatching(FLOW_SERVICE + "/connectionSpecs/.+"))
				.willReturn(okJson("{\"items\": [{\"id\": \"s3\", \"name\": \"Amazon S3\"}]}")));
			AdobeClients fresh = AdobeClients.against(ims.baseUrl());
			try {
				fresh.flowService().connectionSpec(sandbox(), "s3");
			}
			catch (AdobeCallFailed failed) {
				assertThat(failed.adobeMessage()).isNotBlank();
			}
		}
		finally {
			ims.stop();
		}
	}

	@Provide
	Arbitrary<JsonNode> runPages() {
		return Arbitraries.oneOf(DocumentedAnswers.response("destinations.yaml", "GET", "/runs", 200).arbitrary(),
				DocumentedAnswers.response("flow-service.yaml", "GET", "/runs", 200).arbitrary());
	}

	@Provide
	Arbitrary<JsonNode> oneRun() {
		return DocumentedAnswers.response("flow-service.yaml", "GET", "/runs/{RUN_ID}", 200).arbitrary();
	}

	@Provide
	Arbitrary<JsonNode> connectionSpecs() {
		return DocumentedAnswers.response("flow-service.yaml", "GET", "/connectionSpecs/{CONNECTION_SPEC_ID}", 200)
			.withSamples(items(resource("emulator/connection-specs/amazon-s3.json")),
					items(resource("emulator/connection-specs/sftp.json")))
			.arbitrary();
	}

	@Provide
	Arbitrary<JsonNode> flows() {
		return DocumentedAnswers.response("destinations.yaml", "GET", "/flows/{id}", 200).arbitrary();
	}

	@Provide
	Arbitrary<JsonNode> importedFlows() {
		return Arbitraries.oneOf(DocumentedAnswers.response("destinations.yaml", "GET", "/flows/{id}", 200).arbitrary(),
				DocumentedAnswers.response("flow-service.yaml", "GET", "/flows/{FLOW_ID}", 200).arbitrary());
	}

	@Provide
	Arbitrary<JsonNode> connections() {
		return Arbitraries.oneOf(
				DocumentedAnswers.response("destinations.yaml", "GET", "/targetConnections/{id}", 200).arbitrary(),
				DocumentedAnswers.response("flow-service.yaml", "GET", "/targetConnections/{TARGET_CONNECTION_ID}", 200)
					.arbitrary(),
				DocumentedAnswers.response("destinations.yaml", "GET", "/sourceConnections/{id}", 200).arbitrary(),
				DocumentedAnswers.response("destinations.yaml", "GET", "/connections/{id}", 200).arbitrary(),
				DocumentedAnswers.response("flow-service.yaml", "GET", "/connections/{BASE_CONNECTION_ID}", 200)
					.arbitrary());
	}

	@Provide
	Arbitrary<JsonNode> mappingSets() {
		return DocumentedAnswers.response("data-prep.yaml", "GET", "/mappingSets/{MAPPING_SET_ID}", 200).arbitrary();
	}

	@Provide
	Arbitrary<JsonNode> flowChanges() {
		return DocumentedAnswers.response("destinations.yaml", "PATCH", "/flows/{id}", 200).arbitrary();
	}

	@Provide
	Arbitrary<JsonNode> targetConnections() {
		return Arbitraries
			.oneOf(DocumentedAnswers.response("destinations.yaml", "GET", "/targetConnections/{id}", 200).arbitrary(),
					DocumentedAnswers
						.response("flow-service.yaml", "GET", "/targetConnections/{TARGET_CONNECTION_ID}", 200)
						.arbitrary());
	}

	@Provide
	Arbitrary<JsonNode> targetConnectionChanges() {
		return Arbitraries.oneOf(
				DocumentedAnswers
					.response("flow-service.yaml", "PATCH", "/targetConnections/{TARGET_CONNECTION_ID}", 200)
					.arbitrary(),
				DocumentedAnswers.response("destinations.yaml", "PATCH", "/flows/{id}", 200).arbitrary());
	}

	@Provide
	Arbitrary<JsonNode> creates() {
		return Arbitraries.oneOf(DocumentedAnswers.response("destinations.yaml", "POST", "/flows", 201).arbitrary(),
				DocumentedAnswers.response("destinations.yaml", "POST", "/sourceConnections", 201).arbitrary());
	}

	@Provide
	Arbitrary<JsonNode> lists() {
		return Arbitraries.oneOf(DocumentedAnswers.response("destinations.yaml", "GET", "/flows", 200).arbitrary(),
				DocumentedAnswers.response("destinations.yaml", "GET", "/sourceConnections", 200).arbitrary());
	}

	@Provide
	Arbitrary<JsonNode> unionSchemas() {
		return DocumentedAnswers.samples(resource("emulator/profile-union-schema.json")).arbitrary();
	}

	@Provide
	Arbitrary<JsonNode> identities() {
		return DocumentedAnswers.response("identity-service.yaml", "GET", "/idnamespace/identities", 200)
			.withSamples(resource("emulator/identity-namespaces.json"))
			.arbitrary();
	}

	/**
	 * The tutorial's answer to a create; Data Prep's document has no {@code /schemas}.
	 */
	@Provide
	Arbitrary<JsonNode> conversionSchemas() {
		return DocumentedAnswers.samples(JSON.readTree("""
				{"id": "8db56468c2ab475dbf17c2621f92c0f8", "version": 0, "name": "input",
				 "jsonSchema": {"type": "object", "properties": {"person": {"type": "object"}}}}""")).arbitrary();
	}

	/** Data Prep's schema page (DP-SCHEMAS), in the envelope its lists share. */
	@Provide
	Arbitrary<JsonNode> conversionSchemaPages() {
		return DocumentedAnswers.samples(JSON.readTree("""
				{"data": [{"id": "823ac494", "version": 0, "name": "Churn_input-schema_x",
				           "schemaRef": {"id": "https://ns.adobe.com/stardust/schemas/1", "contentType": "1.0"}}],
				 "_page": {"count": 1, "limit": 100}}""")).arbitrary();
	}

	@Provide
	Arbitrary<JsonNode> createdMappingSets() {
		return DocumentedAnswers.response("data-prep.yaml", "POST", "/mappingSets", 200).arbitrary();
	}

	@Provide
	Arbitrary<JsonNode> mappingSetPages() {
		return DocumentedAnswers.response("data-prep.yaml", "GET", "/mappingSets", 200).arbitrary();
	}

	@Provide
	Arbitrary<Integer> errorStatuses() {
		return Arbitraries.of(400, 401, 403, 404, 405, 408, 409, 412, 415, 422, 429, 500, 501, 502, 503, 504);
	}

	/** The error shapes of adobe-api-notes.md §4.5, and Adobe's own examples of them. */
	@Provide
	Arbitrary<JsonNode> errors() {
		return DocumentedAnswers.samples(JSON.readTree("""
				{"error_code": "401013", "message": "Oauth token is not valid"}"""), JSON.readTree("""
				{"error_code": 403027, "message": "User region is missing"}"""), JSON.readTree("""
				{"type": "https://ns.adobe.com/aep/errors/FLOW-1439-404", "title": "Resource not found", "status": 404,
				 "report": {"detailed-message": "The requested flows resource is not found.", "request-id": "r"},
				 "errorMessage": "The requested flows resource is not found.", "errorDetails": "not found"}"""),
				JSON.readTree("""
						{"errorMessage": "Supplied version=[1] does not match", "errorDetails": "x"}"""),
				JSON.readTree("""
						{"type": "/placeholder/type/uri", "status": 400, "title": "BadRequestError",
						 "detail": "A valid content-type must be specified"}"""), JSON.readTree("""
						{"error": "invalid_client", "error_description": "invalid client_secret"}"""))
			.arbitrary();
	}

	@Provide
	Arbitrary<JsonNode> tokens() {
		return DocumentedAnswers.samples(JSON.readTree("""
				{"access_token": "tok", "token_type": "bearer", "expires_in": 86399}""")).arbitrary();
	}

	/**
	 * Whatever Adobe answered is read, or refused as a failure that is not worth retrying
	 * and names what cannot be used; nothing else may escape.
	 */
	private static void readable(Supplier<?> read) {
		try {
			read.get();
		}
		catch (AdobeCallFailed failed) {
			assertThat(failed.httpStatus()).as(failed.getMessage()).isEqualTo(200);
			assertThat(failed.retryable()).as(failed.getMessage()).isFalse();
			assertThat(failed.adobeMessage()).startsWith("Adobe's answer cannot be used: ")
				.as("names what cannot be used")
				.isNotEqualTo("Adobe's answer cannot be used: cannot be read");
		}
	}

	/**
	 * Adobe's own examples, as they are, are read: a suite that refused every answer
	 * would pass the properties above.
	 */
	@Example
	void adobesOwnExamplesAreRead() {
		serve(get(urlPathEqualTo(FLOW_SERVICE + "/runs")),
				DocumentedAnswers.response("destinations.yaml", "GET", "/runs", 200).examples().getFirst());
		assertThat(clients.flowService()
			.runs(sandbox(), new RunsQuery("flow-" + tries.incrementAndGet(), 100, null, null, null))
			.runs()
			.stream()
			.map(ExportRuns::simplified)).extracting(DataflowRun::id, DataflowRun::state, DataflowRun::audienceIds)
			.containsExactly(tuple("e80e24c1-82de-48de-8352-b2d0fca1c392", RunState.SUCCEEDED,
					List.of("b1cbaff7-e7c6-417e-ab54-71d302595785")));

		serve(get(urlPathMatching(FLOW_SERVICE + "/flows/.+")),
				DocumentedAnswers.response("destinations.yaml", "GET", "/flows/{id}", 200).examples().getFirst());
		assertThat(clients.flowService().flow(sandbox(), "flow-1").etag()).isNotBlank();

		serve(get(urlPathMatching(FLOW_SERVICE + "/targetConnections/.+")),
				DocumentedAnswers.response("destinations.yaml", "GET", "/targetConnections/{id}", 200)
					.examples()
					.getFirst());
		AdobeConnection target = clients.flowService().targetConnection(sandbox(), "target-1");
		assertThat(target.ref().etag()).isNotBlank();
		assertThat(target.writesFileManifest()).isFalse();

		serve(post(urlPathEqualTo(CONVERSION + "/mappingSets")),
				DocumentedAnswers.response("data-prep.yaml", "POST", "/mappingSets", 200).examples().getFirst());
		assertThat(clients.conversion().createMappingSet(sandbox(), "m", "in", "out", FIRST_NAME).id())
			.isEqualTo("e7c80e4c0d8f4a98a7d400b4e178b635");

		serve(get(urlPathEqualTo("/data/core/idnamespace/identities")), resource("emulator/identity-namespaces.json"));
		assertThat(clients.profiles().identityNamespaces(sandbox())).extracting(IdentityNamespace::code)
			.contains("Email", "GAID");
	}

	private static void serve(MappingBuilder request, JsonNode answer) {
		adobe.stubFor(request.willReturn(okJson(JSON.writeValueAsString(answer))));
	}

	private static MappingBuilder aResponseTo(String method, String pathPattern) {
		return request(method, urlPathMatching(pathPattern));
	}

	private static Sandbox sandbox() {
		return new Sandbox("sandbox-" + tries.incrementAndGet());
	}

	private static ResponseDefinitionBuilder validToken() {
		return okJson("{\"access_token\": \"tok\", \"token_type\": \"bearer\", \"expires_in\": 86399}");
	}

	private static JsonNode items(JsonNode entity) {
		ObjectNode wrapped = JSON.createObjectNode();
		wrapped.putArray("items").add(entity);
		return wrapped;
	}

	private static JsonNode resource(String location) {
		try (InputStream in = AdobeAnswersTest.class.getClassLoader().getResourceAsStream(location)) {
			return JSON.readTree(in);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
