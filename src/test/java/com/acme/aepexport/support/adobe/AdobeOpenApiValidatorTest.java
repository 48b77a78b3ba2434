package com.acme.aepexport.support.adobe;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.github.tomakehurst.wiremock.WireMockServer;
import org.junit.jupiter.api.Test;
import org.opentest4j.TestAbortedException;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Tests for {@link AdobeOpenApiValidator}, run against Adobe's document where it lies
 * (skipped when it is absent).
 */
class AdobeOpenApiValidatorTest {

	private static final String S3_SPEC = "4fce964d-3f37-408f-9778-e597338a21ee";

	private static final String AZURE_BLOB_SPEC = "6d6b59bf-fb58-4107-9064-4d246c0e5bb2";

	private static final String S3_SEGMENT_FLOW_SPEC = "1a0514a6-33d4-4c7f-aff8-594799c47549";

	// AWS's documented example key pair. The access key satisfies the document's
	// ^[A-Z2-7]{20}$ (its only digit is 7) and the secret key ^[A-Za-z0-9/+]{40}$.
	private static final String ACCESS_KEY = "AKIAIOSFODNN7EXAMPLE";

	private static final String SECRET_KEY = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";

	private static final String S3_BASE_CONNECTION = """
			{"name":"n","auth":{"specName":"Access Key","params":{"s3AccessKey":"%s","s3SecretKey":"%s"}},
			"connectionSpec":{"id":"%s","version":"1.0"}}""";

	private static final String AZURE_BLOB_BASE_CONNECTION = """
			{%s"auth":{"specName":"ConnectionString","params":{"connectionString":
			"DefaultEndpointsProtocol=https;AccountName=acme;AccountKey=a2V5;EndpointSuffix=core.windows.net"}},
			"connectionSpec":{"id":"%s","version":"1.0"}}""";

	private static final String FLOW = """
			{"name":"f","flowSpec":{"id":"%s","version":"1.0"},"sourceConnectionIds":["s"],"targetConnectionIds":["t"],
			"transformations":[{"name":"GeneralTransform","params":{"segmentSelectors":{"selectors":[]},
			"profileMapping":{},"mandatoryFields":[],"primaryFields":[]}}]}""";

	private static final String PATCH_SEGMENT_SELECTOR = """
			[{"op":"%s","path":"/transformations/0/params/segmentSelectors/selectors/-",
			"value":{"type":"PLATFORM_SEGMENT","value":{"id":"9f6bd2a4-6c3e-4f7a-8e0e-5d9b0f1a2b3c","name":"Churn risk",
			"filenameTemplate":"%%DESTINATION_NAME%%_%%SEGMENT_ID%%_%%DATETIME(YYYYMMdd_HHmmss)%%",
			"exportMode":"DAILY_FULL_EXPORT","schedule":{"frequency":"ONCE","startDate":"2025-07-01",
			"startTime":"23:00","triggerType":"SCHEDULED"}}}}]""";

	private static final String S3_TARGET_CONNECTION = """
			{"name":"t","baseConnectionId":"b","params":{"mode":"Server-to-server","bucketName":"acme-audiences",
			"path":"exports/churn",%s"compression":"GZIP","csvOptions":{"delimiter":",","quote":"","escape":"\\\\",
			"nullValue":"null","emptyValue":""}},"connectionSpec":{"id":"%s","version":"1.0"}}""";

	private static final String DATA_PREP = "/data/foundation/conversion";

	private static final String IDENTITIES = "/data/core/idnamespace/identities";

	// The shape MappingSetRequest sends: no field of it is required by the document
	private static final String MAPPING_SET = """
			{"name":"m","inputSchema":{"id":"in-1"},"outputSchema":{"id":"out-1"},%s:[
			{"source":"identityMap.Phone_E//.164","destination":"Phone_E_164","sourceType":"%s"}],"xdmVersion":"1.0"}""";

	private static Map<String, List<String>> adobeHeaders() {
		Map<String, List<String>> headers = new LinkedHashMap<>();
		headers.put("Authorization", List.of("Bearer t"));
		headers.put("x-api-key", List.of("k"));
		headers.put("x-gw-ims-org-id", List.of("o@AdobeOrg"));
		headers.put("x-sandbox-name", List.of("prod"));
		headers.put("Content-Type", List.of("application/json"));
		headers.put("Accept", List.of("application/json"));
		return headers;
	}

	private static AdobeOpenApiValidator adobe() {
		return available(AdobeOpenApiValidator.flowService());
	}

	private static AdobeOpenApiValidator dataPrep() {
		return available(AdobeOpenApiValidator.dataPrep());
	}

	private static AdobeOpenApiValidator identityService() {
		return available(AdobeOpenApiValidator.identityService());
	}

	private static AdobeOpenApiValidator available(AdobeOpenApiValidator validator) {
		assumeTrue(validator.available(), validator::skipReason);
		return validator;
	}

	private static String mappingSet(String mappingsField, String sourceType) {
		return MAPPING_SET.formatted("\"" + mappingsField + "\"", sourceType);
	}

	@Test
	void validS3BaseConnectionPasses() {
		String body = S3_BASE_CONNECTION.formatted(ACCESS_KEY, SECRET_KEY, S3_SPEC);
		assertThat(adobe().violations("POST", "/data/foundation/flowservice/connections", adobeHeaders(), body))
			.isEmpty();
	}

	@Test
	void s3BaseConnectionWithBadAccessKeyFails() {
		// 0, 1, 8 and 9 are not in the base-32 alphabet ^[A-Z2-7]{20}$ allows
		String body = S3_BASE_CONNECTION.formatted("AKIA0123456789ABCDEF", SECRET_KEY, S3_SPEC);
		List<String> violations = adobe().violations("POST", "/data/foundation/flowservice/connections", adobeHeaders(),
				body);
		assertThat(violations).singleElement()
			.asString()
			.contains("Matches none of the 4 branches of its oneOf")
			.contains("/auth/params/s3AccessKey")
			.contains("AKIA0123456789ABCDEF");
	}

	@Test
	void missingAuthorizationHeaderFails() {
		Map<String, List<String>> headers = adobeHeaders();
		headers.remove("Authorization");
		String body = S3_BASE_CONNECTION.formatted(ACCESS_KEY, SECRET_KEY, S3_SPEC);
		assertThat(adobe().violations("POST", "/data/foundation/flowservice/connections", headers, body))
			.singleElement()
			.asString()
			.contains("Header parameter 'Authorization' is required");
	}

	@Test
	void headerNamesAreCaseInsensitive() {
		Map<String, List<String>> headers = new LinkedHashMap<>();
		adobeHeaders().forEach((name, values) -> headers.put(name.toUpperCase(), values));
		String body = S3_BASE_CONNECTION.formatted(ACCESS_KEY, SECRET_KEY, S3_SPEC);
		assertThat(adobe().violations("POST", "/data/foundation/flowservice/connections", headers, body)).isEmpty();
	}

	@Test
	void pathMayOmitTheBasePath() {
		String body = S3_BASE_CONNECTION.formatted("AKIA0123456789ABCDEF", SECRET_KEY, S3_SPEC);
		assertThat(adobe().violations("POST", "/connections", adobeHeaders(), body)).hasSize(1);
	}

	@Test
	void validAzureBlobBaseConnectionPassesLoosely() {
		String body = AZURE_BLOB_BASE_CONNECTION.formatted("\"name\":\"azure\",", AZURE_BLOB_SPEC);
		assertThat(adobe().violations("POST", "/data/foundation/flowservice/connections", adobeHeaders(), body))
			.isEmpty();
	}

	@Test
	void azureBlobBaseConnectionStillNeedsWhatEveryBranchRequires() {
		String body = AZURE_BLOB_BASE_CONNECTION.formatted("", AZURE_BLOB_SPEC);
		assertThat(adobe().violations("POST", "/data/foundation/flowservice/connections", adobeHeaders(), body))
			.singleElement()
			.asString()
			.contains("shared by every oneOf branch")
			.contains("\"name\"");
	}

	@Test
	void azureBlobBaseConnectionStillNeedsAdobeHeaders() {
		Map<String, List<String>> headers = adobeHeaders();
		headers.remove("x-gw-ims-org-id");
		String body = AZURE_BLOB_BASE_CONNECTION.formatted("\"name\":\"azure\",", AZURE_BLOB_SPEC);
		assertThat(adobe().violations("POST", "/data/foundation/flowservice/connections", headers, body))
			.singleElement()
			.asString()
			.contains("'x-gw-ims-org-id' is required");
	}

	@Test
	void validAudienceFlowPasses() {
		assertThat(adobe().violations("POST", "/data/foundation/flowservice/flows", adobeHeaders(),
				FLOW.formatted(S3_SEGMENT_FLOW_SPEC)))
			.isEmpty();
	}

	@Test
	void flowWithUnknownFlowSpecIdFails() {
		String unknown = "00000000-0000-0000-0000-000000000000";
		assertThat(adobe().violations("POST", "/data/foundation/flowservice/flows", adobeHeaders(),
				FLOW.formatted(unknown)))
			.singleElement()
			.asString()
			.contains("/flowSpec/id")
			.contains(unknown);
	}

	@Test
	void patchAddingSegmentSelectorPasses() {
		Map<String, List<String>> headers = adobeHeaders();
		headers.put("If-Match", List.of("\"1a00d1b2-0000-0200-0000-6512a3f40000\""));
		assertThat(adobe().violations("PATCH", "/data/foundation/flowservice/flows/f-1", headers,
				PATCH_SEGMENT_SELECTOR.formatted("add")))
			.isEmpty();
	}

	@Test
	void patchWithMoveOperationFails() {
		Map<String, List<String>> headers = adobeHeaders();
		headers.put("If-Match", List.of("\"1a00d1b2-0000-0200-0000-6512a3f40000\""));
		assertThat(adobe().violations("PATCH", "/data/foundation/flowservice/flows/f-1", headers,
				PATCH_SEGMENT_SELECTOR.formatted("move")))
			.singleElement()
			.asString()
			.contains("/0/op")
			.contains("\"move\"");
	}

	@Test
	void patchWithoutIfMatchFails() {
		assertThat(adobe().violations("PATCH", "/data/foundation/flowservice/flows/f-1", adobeHeaders(),
				PATCH_SEGMENT_SELECTOR.formatted("add")))
			.singleElement()
			.asString()
			.contains("'if-match' is required");
	}

	@Test
	void flowActionAsTheServiceSendsItPassesTheReferenceWithoutSubOp() {
		Map<String, List<String>> headers = adobeHeaders();
		headers.remove("Content-Type");
		headers.put("If-Match", List.of("\"0a00b1c2-0000-0200-0000-000000000000\""));
		AdobeOpenApiValidator reference = available(AdobeOpenApiValidator.flowServiceReference());

		assertThat(
				reference.violations("POST", "/data/foundation/flowservice/flows/f-1/action?op=DISABLE", headers, null))
			.isEmpty();
		assertThat(
				reference.violations("POST", "/data/foundation/flowservice/flows/f-1/action?op=ENABLE", headers, null))
			.isEmpty();
		assertThat(
				reference.violations("POST", "/data/foundation/flowservice/flows/f-1/action?op=disable", headers, null))
			.as("the tutorials' lower case is not the document's enum")
			.singleElement()
			.asString()
			.contains("disable");
		assertThat(adobe().isDocumented("POST", "/data/foundation/flowservice/flows/f-1/action"))
			.as("destinations.yaml has no flow actions")
			.isFalse();
	}

	@Test
	void targetConnectionManifestPatchAsTheTutorialSendsItPassesTheReference() {
		Map<String, List<String>> headers = adobeHeaders();
		headers.put("If-Match", List.of("\"0a00b1c2-0000-0200-0000-000000000000\""));
		AdobeOpenApiValidator reference = available(AdobeOpenApiValidator.flowServiceReference());
		String path = "/data/foundation/flowservice/targetConnections/t-1";

		assertThat(reference.violations("PATCH", path, headers,
				"[{\"op\":\"add\",\"path\":\"/params/includeFileManifest\",\"value\":true}]"))
			.isEmpty();
		assertThat(reference.violations("PATCH", path, headers,
				"[{\"op\":\"ADD\",\"path\":\"/params/includeFileManifest\",\"value\":false}]"))
			.isEmpty();
		assertThat(reference.violations("PATCH", path, headers,
				"[{\"op\":\"move\",\"path\":\"/params/includeFileManifest\",\"value\":true}]"))
			.as("an op of neither case")
			.singleElement()
			.asString()
			.contains("move");
		headers.remove("If-Match");
		assertThat(reference.violations("PATCH", path, headers,
				"[{\"op\":\"add\",\"path\":\"/params/includeFileManifest\",\"value\":true}]"))
			.singleElement()
			.asString()
			.contains("'if-match' is required");
		assertThat(adobe().isDocumented("PATCH", path)).as("destinations.yaml has no target connection PATCH")
			.isFalse();
	}

	@Test
	void s3TargetConnectionPasses() {
		String body = S3_TARGET_CONNECTION.formatted("\"fileType\":\"CSV\",", S3_SPEC);
		assertThat(adobe().violations("POST", "/data/foundation/flowservice/targetConnections", adobeHeaders(), body))
			.isEmpty();
	}

	@Test
	void s3TargetConnectionWithoutFileTypeFails() {
		String body = S3_TARGET_CONNECTION.formatted("", S3_SPEC);
		assertThat(adobe().violations("POST", "/data/foundation/flowservice/targetConnections", adobeHeaders(), body))
			.singleElement()
			.asString()
			.contains("Matches none of the 4 branches of its oneOf")
			.contains("fileType");
	}

	@Test
	void callsTheDocumentDoesNotDescribeAreNotViolations() {
		AdobeOpenApiValidator adobe = adobe();
		assertThat(adobe.isDocumented("GET", "/data/foundation/flowservice/connectionSpecs/" + S3_SPEC)).isFalse();
		assertThat(adobe.violations("GET", "/data/foundation/flowservice/connectionSpecs/" + S3_SPEC, Map.of(), null))
			.isEmpty();
		assertThat(adobe.isDocumented("GET", "/data/foundation/flowservice/connectionSpecs/" + S3_SPEC + "/configs"))
			.isTrue();
	}

	@Test
	void validatesTheWireMockJournal() throws Exception {
		AdobeOpenApiValidator adobe = adobe();
		WireMockServer server = new WireMockServer(wireMockConfig().dynamicPort());
		server.start();
		try {
			server.stubFor(post(anyUrl()).willReturn(aResponse().withStatus(201)
				.withHeader("Content-Type", "application/json")
				.withBody("{\"id\":\"c-1\",\"etag\":\"\\\"1\\\"\"}")));
			server.stubFor(any(anyUrl()).atPriority(10).willReturn(aResponse().withStatus(200)));
			HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
			String base = server.baseUrl() + "/data/foundation/flowservice";
			String valid = S3_BASE_CONNECTION.formatted(ACCESS_KEY, SECRET_KEY, S3_SPEC);

			assertThat(send(http, adobeRequest(base + "/connections").POST(body(valid))).statusCode()).isEqualTo(201);
			HttpRequest.Builder noApiKey = HttpRequest.newBuilder(URI.create(base + "/connections"))
				.header("Authorization", "Bearer t")
				.header("x-gw-ims-org-id", "o@AdobeOrg")
				.header("x-sandbox-name", "prod")
				.header("Content-Type", "application/json")
				.POST(body(valid));
			assertThat(send(http, noApiKey).statusCode()).isEqualTo(201);
			send(http, adobeRequest(base + "/connectionSpecs/" + S3_SPEC).GET());
			send(http, HttpRequest.newBuilder(URI.create(server.baseUrl() + "/ims/token/v3")).POST(body("")));

			assertThat(adobe.violationsIn(server)).singleElement()
				.asString()
				.startsWith("POST /data/foundation/flowservice/connections: ")
				.contains("'x-api-key' is required");
			assertThat(adobe.undocumented(server)).singleElement()
				.asString()
				.startsWith("GET /data/foundation/flowservice/connectionSpecs/" + S3_SPEC + ": ");
			assertThatExceptionOfType(AssertionError.class).isThrownBy(() -> adobe.assertValid(server))
				.withMessageContaining("1 Flow Service request violation(s)")
				.withMessageContaining("'x-api-key' is required");

			server.resetRequests();
			send(http, adobeRequest(base + "/flows").POST(body(FLOW.formatted(S3_SEGMENT_FLOW_SPEC))));
			adobe.assertValid(server);
		}
		finally {
			server.stop();
		}
	}

	@Test
	void mappingSetAsTheServiceSendsItPasses() {
		assertThat(dataPrep().violations("POST", DATA_PREP + "/mappingSets", adobeHeaders(),
				mappingSet("mappings", "ATTRIBUTE")))
			.isEmpty();
	}

	@Test
	void mappingSetWithUnknownSourceTypeFails() {
		assertThat(dataPrep().violations("POST", DATA_PREP + "/mappingSets", adobeHeaders(),
				mappingSet("mappings", "text/x.schema-path")))
			.singleElement()
			.asString()
			.contains("/mappings/0/sourceType")
			.contains("text/x.schema-path");
	}

	@Test
	void mappingSetWithMisspeltFieldFails() {
		// MappingSet requires nothing, so a lost "mappings" shows only as an unknown
		// field
		assertThat(dataPrep().violations("POST", DATA_PREP + "/mappingSets", adobeHeaders(),
				mappingSet("mapping", "ATTRIBUTE")))
			.singleElement()
			.asString()
			.contains("\"mapping\"");
	}

	@Test
	void mappingSetWithoutSandboxHeaderFails() {
		Map<String, List<String>> headers = adobeHeaders();
		headers.remove("x-sandbox-name");
		assertThat(
				dataPrep().violations("POST", DATA_PREP + "/mappingSets", headers, mappingSet("mappings", "ATTRIBUTE")))
			.singleElement()
			.asString()
			.contains("'x-sandbox-name' is required");
	}

	@Test
	void mappingSetSentAsTextFails() {
		Map<String, List<String>> headers = adobeHeaders();
		headers.put("Content-Type", List.of("text/plain"));
		assertThat(
				dataPrep().violations("POST", DATA_PREP + "/mappingSets", headers, mappingSet("mappings", "ATTRIBUTE")))
			.singleElement()
			.asString()
			.contains("text/plain");
	}

	@Test
	void conversionSchemasAreNotInTheDataPrepDocument() {
		AdobeOpenApiValidator dataPrep = dataPrep();
		assertThat(dataPrep.isDocumented("POST", DATA_PREP + "/schemas")).isFalse();
		assertThat(dataPrep.violations("POST", DATA_PREP + "/schemas", Map.of(), "{\"name\":\"s\"}")).isEmpty();
		assertThat(dataPrep.isDocumented("GET", DATA_PREP + "/mappingSets?limit=100&start=0&name=m")).isTrue();
	}

	@Test
	void identityNamespacesRequestPasses() {
		assertThat(identityService().violations("GET", IDENTITIES, adobeHeaders(), null)).isEmpty();
	}

	@Test
	void identityNamespacesWithoutSandboxHeaderFails() {
		// optional in the document's parameter, required by its introduction (rule 11)
		Map<String, List<String>> headers = adobeHeaders();
		headers.remove("x-sandbox-name");
		assertThat(identityService().violations("GET", IDENTITIES, headers, null)).singleElement()
			.asString()
			.contains("'x-sandbox-name' is required");
	}

	@Test
	void identityNamespacesWithoutOrgHeaderFails() {
		Map<String, List<String>> headers = adobeHeaders();
		headers.remove("x-gw-ims-org-id");
		assertThat(identityService().violations("GET", "/idnamespace/identities", headers, null)).singleElement()
			.asString()
			.contains("'x-gw-ims-org-id' is required");
	}

	@Test
	void validatesDataPrepAndIdentityCallsInTheJournal() throws Exception {
		AdobeOpenApiValidator dataPrep = dataPrep();
		AdobeOpenApiValidator identity = identityService();
		WireMockServer server = new WireMockServer(wireMockConfig().dynamicPort());
		server.start();
		try {
			server.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(200)
				.withHeader("Content-Type", "application/json")
				.withBody("{\"id\":\"c-1\",\"version\":0}")));
			HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
			String base = server.baseUrl();
			send(http, adobeRequest(base + DATA_PREP + "/schemas").POST(body("{\"name\":\"s\"}")));
			send(http, adobeRequest(base + DATA_PREP + "/mappingSets").POST(body(mappingSet("mappings", "ATTRIBUTE"))));
			send(http, adobeRequest(base + DATA_PREP + "/mappingSets").POST(body(mappingSet("mappings", "PATH"))));
			send(http, adobeRequest(base + IDENTITIES).GET());
			HttpRequest.Builder noApiKey = HttpRequest.newBuilder(URI.create(base + IDENTITIES))
				.header("Authorization", "Bearer t")
				.header("x-gw-ims-org-id", "o@AdobeOrg")
				.header("x-sandbox-name", "prod");
			send(http, noApiKey.GET());
			// the Profile API shares /data/core with the Identity Service: not its call
			send(http, adobeRequest(base + "/data/core/ups/config/entityTypes/_xdm.context.profile").GET());

			assertThat(dataPrep.violationsIn(server)).singleElement()
				.asString()
				.startsWith("POST " + DATA_PREP + "/mappingSets: ")
				.contains("PATH");
			assertThat(dataPrep.undocumented(server)).singleElement()
				.asString()
				.startsWith("POST " + DATA_PREP + "/schemas: ")
				.contains("data-prep.yaml");
			assertThatExceptionOfType(AssertionError.class).isThrownBy(() -> dataPrep.assertValid(server))
				.withMessageContaining("1 Data Prep request violation(s)");
			assertThat(identity.violationsIn(server)).singleElement()
				.asString()
				.startsWith("GET " + IDENTITIES + ": ")
				.contains("'x-api-key' is required");
			assertThat(identity.undocumented(server)).isEmpty();
			assertThatExceptionOfType(AssertionError.class).isThrownBy(() -> identity.assertValid(server))
				.withMessageContaining("1 Identity Service request violation(s)");
		}
		finally {
			server.stop();
		}
	}

	@Test
	void skipsWithAClearReasonWhenTheDocumentIsAbsent() {
		String previous = System.getProperty(AdobeOpenApiValidator.DIR_PROPERTY);
		System.setProperty(AdobeOpenApiValidator.DIR_PROPERTY, "target/no-such-adobe-openapi-dir");
		try {
			AdobeOpenApiValidator absent = AdobeOpenApiValidator.flowService();
			assertThat(absent.available()).isFalse();
			assertThat(absent.skipReason()).startsWith("skipped: ")
				.contains("no-such-adobe-openapi-dir/destinations.yaml not found");
			assertThatThrownBy(() -> absent.violations("GET", "/flows", Map.of(), null))
				.isInstanceOf(TestAbortedException.class)
				.hasMessageContaining(absent.skipReason());
			WireMockServer server = new WireMockServer(wireMockConfig().dynamicPort());
			assertThatThrownBy(() -> absent.assertValid(server)).isInstanceOf(TestAbortedException.class)
				.hasMessageContaining("not found");
			assertThat(AdobeOpenApiValidator.dataPrep().skipReason())
				.contains("no-such-adobe-openapi-dir/data-prep.yaml not found")
				.contains("Data Prep requests");
			assertThat(AdobeOpenApiValidator.identityService().available()).isFalse();
		}
		finally {
			if (previous != null) {
				System.setProperty(AdobeOpenApiValidator.DIR_PROPERTY, previous);
			}
			else {
				System.clearProperty(AdobeOpenApiValidator.DIR_PROPERTY);
			}
		}
	}

	private static HttpRequest.Builder adobeRequest(String url) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url));
		adobeHeaders().forEach((name, values) -> values.forEach((value) -> request.header(name, value)));
		return request;
	}

	private static HttpRequest.BodyPublisher body(String json) {
		return HttpRequest.BodyPublishers.ofString(json);
	}

	private static HttpResponse<String> send(HttpClient http, HttpRequest.Builder request) throws Exception {
		return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

}
