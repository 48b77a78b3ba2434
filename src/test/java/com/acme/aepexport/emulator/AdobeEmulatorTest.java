package com.acme.aepexport.emulator;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Future;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

class AdobeEmulatorTest {

	private static final String FLOWS = "/data/foundation/flowservice";

	private static final String CONVERSION = "/data/foundation/conversion";

	private static final String S3 = "4fce964d-3f37-408f-9778-e597338a21ee";

	private static final String PROFILE_STORE = "8a9c3494-9708-43d7-ae3f-cda01e5030e1";

	private static final AdobeEmulator emulator = new AdobeEmulator();

	private static final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

	private static WireMockServer server;

	private String token;

	@BeforeAll
	static void startEmulator() {
		server = emulator.start(0);
	}

	@AfterAll
	static void stopEmulator() {
		server.stop();
	}

	@BeforeEach
	void freshState() {
		emulator.reset();
		server.resetRequests();
		this.token = issueToken();
	}

	@Test
	void issuesTokensForTheRightCredentialsOnly() {
		int before = emulator.tokensIssued();
		Answer issued = ims("grant_type=client_credentials&client_id=emulator-client-id"
				+ "&client_secret=emulator-client-secret&scope=openid,AdobeID");
		assertThat(issued.status()).isEqualTo(200);
		assertThat(issued.text("/token_type")).isEqualTo("bearer");
		assertThat(issued.body().get("expires_in").asLong()).isEqualTo(86399);
		assertThat(issued.text("/access_token")).isNotBlank();
		assertThat(emulator.tokensIssued()).isEqualTo(before + 1);

		Answer wrongSecret = ims(
				"grant_type=client_credentials&client_id=emulator-client-id&client_secret=nope&scope=openid");
		assertThat(wrongSecret.status()).isEqualTo(401);
		assertThat(wrongSecret.text("/error")).isEqualTo("invalid_client");
		assertThat(ims("grant_type=client_credentials&client_id=emulator-client-id").status()).isEqualTo(400);
		assertThat(emulator.tokensIssued()).isEqualTo(before + 1);
	}

	@Test
	void refusesMissingRevokedOrExpiredTokensAndBadGatewayHeaders() throws Exception {
		String spec = FLOWS + "/connectionSpecs/" + S3;
		assertThat(get(spec).status()).isEqualTo(200);
		Answer missing = request("GET", spec).without("Authorization").send();
		assertThat(missing.status()).isEqualTo(401);
		assertThat(missing.text("/error_code")).isEqualTo("401013");
		assertThat(request("GET", spec).header("x-api-key", "other").send().text("/error_code")).isEqualTo("403003");
		assertThat(request("GET", spec).without("x-gw-ims-org-id").send().status()).isEqualTo(400);
		assertThat(request("GET", spec).header("x-sandbox-name", " ").send().text("/message"))
			.isEqualTo("Missing header");

		emulator.revokeTokens();
		assertThat(get(spec).status()).isEqualTo(401);
		this.token = issueToken();
		assertThat(get(spec).status()).isEqualTo(200);

		emulator.tokenLifetime(Duration.ofSeconds(1));
		try {
			Answer shortLived = ims("grant_type=client_credentials&client_id=emulator-client-id"
					+ "&client_secret=emulator-client-secret&scope=openid");
			assertThat(shortLived.body().get("expires_in").asLong()).isEqualTo(1);
			this.token = shortLived.text("/access_token");
			Thread.sleep(1100);
			assertThat(get(spec).status()).isEqualTo(401);
		}
		finally {
			emulator.tokenLifetime(Duration.ofSeconds(86399));
		}
	}

	@Test
	void servesConnectionSpecsWithPartnerSchemaAndProfileFixtures() {
		for (String id : List.of(PROFILE_STORE, S3, "6d6b59bf-fb58-4107-9064-4d246c0e5bb2",
				"be2c3209-53bc-47e7-ab25-145db8b873e1", "10440537-2a7b-4583-ac39-ed38d4b848e8",
				"c5d93acb-ea8b-4b14-8f53-02138444ae99", "36965a81-b1c6-401b-99f8-22508f1e6a26")) {
			assertThat(get(FLOWS + "/connectionSpecs/" + id).text("/items/0/id")).isEqualTo(id);
		}
		Answer s3 = get(FLOWS + "/connectionSpecs/" + S3);
		assertThat(s3.text("/items/0/authSpec/0/name")).isEqualTo("Access Key");
		assertThat(s3.text("/items/0/targetSpec/attributes/partnerSchema/jsonSchema/title")).isEqualTo("defaultschema");
		assertThat(
				get(FLOWS + "/connectionSpecs/36965a81-b1c6-401b-99f8-22508f1e6a26").text("/items/0/authSpec/1/name"))
			.isEqualTo("SFTP with SSH Key");
		Answer unknown = get(FLOWS + "/connectionSpecs/00000000-0000-0000-0000-000000000000");
		assertThat(unknown.status()).isEqualTo(404);
		assertThat(unknown.text("/type")).isEqualTo("https://ns.adobe.com/aep/errors/FLOW-1439-404");

		Answer union = get(AdobeEmulator.UNION_SCHEMA_PATH
				+ "?property=fullSchema==true&property=includeRelationshipDescriptors==true");
		assertThat(union.text("/title")).isEqualTo("XDM Individual Profile");
		assertThat(union.body().at("/properties/person/properties/name/properties/firstName").isObject()).isTrue();
		assertThat(get(AdobeEmulator.IDENTITIES_PATH).body().findValuesAsString("code")).contains("ECID", "Email",
				"Phone", "GAID", "IDFA", "Email_LC_SHA256", "Phone_E.164");
		assertThat(get("/data/foundation/somethingElse").text("/error_code")).isEqualTo("404050");
	}

	@Test
	void createsTheWholeChainWithEtagsAndMasksCredentialsOnRead() {
		Chain chain = createChain("prod");
		for (String etag : List.of(chain.source().etag(), chain.base().etag(), chain.target().etag(),
				chain.flow().etag())) {
			assertThat(etag).startsWith("\"").endsWith("\"").hasSizeGreaterThan(2);
		}
		JsonNode flow = emulator.entity("flows", chain.flow().id()).orElseThrow();
		assertThat(flow.get("state").asString()).isEqualTo("enabled");
		assertThat(flow.get("etag").asString()).isEqualTo(chain.flow().etag());
		assertThat(flow.get("createdAt").isNumber()).isTrue();
		assertThat(emulator.entity("connections", chain.base().id())
			.orElseThrow()
			.at("/auth/params/s3AccessKey")
			.asString()).isEqualTo("AKIAIOSFODNN7EXAMPLE");

		Answer base = get(FLOWS + "/connections/" + chain.base().id());
		assertThat(base.text("/items/0/id")).isEqualTo(chain.base().id());
		assertThat(base.text("/items/0/auth/params/s3AccessKey")).isEqualTo("***");
		assertThat(base.text("/items/0/auth/params/s3SecretKey")).isEqualTo("***");
		assertThat(get(FLOWS + "/flows/" + chain.flow().id()).text("/items/0/name")).isEqualTo("Activate churn");
		server.verify(4, postRequestedFor(WireMock.urlPathMatching(FLOWS + "/.*")));
	}

	@Test
	void validatesCreatesLikeFlowService() {
		String noVersion = """
				{"name":"src","connectionSpec":{"id":"8a9c3494-9708-43d7-ae3f-cda01e5030e1"}}""";
		assertThat(post(FLOWS + "/sourceConnections", noVersion).status()).isEqualTo(422);
		String unknownSpec = """
				{"name":"src","connectionSpec":{"id":"nope","version":"1.0"}}""";
		assertThat(post(FLOWS + "/sourceConnections", unknownSpec).status()).isEqualTo(400);
		assertThat(post(FLOWS + "/sourceConnections",
				"{\"connectionSpec\":{\"id\":\"" + PROFILE_STORE + "\",\"version\":\"1.0\"}}")
			.status()).isEqualTo(400);

		String wrongAuthName = baseConnectionBody().replace("Access Key", "Secret Key");
		Answer refused = post(FLOWS + "/connections", wrongAuthName);
		assertThat(refused.status()).isEqualTo(400);
		assertThat(refused.text("/type")).isEqualTo("https://ns.adobe.com/aep/errors/FLOW-1000-400");
		assertThat(refused.text("/errorMessage")).contains("Access Key");
		String missingSecret = baseConnectionBody().replace("\"s3SecretKey\"", "\"other\"");
		assertThat(post(FLOWS + "/connections", missingSecret).text("/errorMessage")).contains("s3SecretKey");
		String dlz = """
				{"name":"dlz","connectionSpec":{"id":"10440537-2a7b-4583-ac39-ed38d4b848e8","version":"1.0"}}""";
		assertThat(post(FLOWS + "/connections", dlz).status()).isEqualTo(201);

		assertThat(post(FLOWS + "/targetConnections", targetConnectionBody("unknown-base")).status()).isEqualTo(400);
		Ref base = created(post(FLOWS + "/connections", baseConnectionBody()));
		String badBucket = targetConnectionBody(base.id()).replace("acme-audiences", "Not_A_Bucket");
		assertThat(post(FLOWS + "/targetConnections", badBucket).text("/errorMessage")).contains("bucketName");
		Ref target = created(post(FLOWS + "/targetConnections", targetConnectionBody(base.id())));
		assertThat(post(FLOWS + "/flows", flowBody("unknown-source", target.id())).status()).isEqualTo(400);

		Answer notJson = request("POST", FLOWS + "/connections").body(baseConnectionBody())
			.header("Content-Type", "text/plain")
			.send();
		assertThat(notJson.status()).isEqualTo(400);
		assertThat(notJson.text("/detail")).isEqualTo("A valid content-type must be specified");
	}

	@Test
	void patchNeedsTheCurrentEtagWithItsQuotes() {
		Ref flow = createChain("prod").flow();
		Answer patched = patch(flow.id(), flow.etag(), addAudience("aud-1"));
		assertThat(patched.status()).isEqualTo(200);
		assertThat(patched.text("/id")).isEqualTo(flow.id());
		String newEtag = patched.text("/etag");
		assertThat(newEtag).isNotEqualTo(flow.etag()).startsWith("\"");

		JsonNode selector = get(FLOWS + "/flows/" + flow.id()).body()
			.at("/items/0/transformations/0/params/segmentSelectors/selectors/0");
		assertThat(selector.at("/value/id").asString()).isEqualTo("aud-1");
		assertThat(selector.at("/value/exportMode").asString()).isEqualTo("DAILY_FULL_EXPORT");
		assertThat(selector.at("/value/createTime").asString()).matches("\\d{10}");
		assertThat(selector.at("/value/updateTime").asString()).matches("\\d{10}");

		Answer stale = patch(flow.id(), flow.etag(), addAudience("aud-2"));
		assertThat(stale.status()).isEqualTo(412);
		assertThat(stale.text("/errorMessage")).isEqualTo("Supplied version=[" + flow.etag()
				+ "] does not match the current version on entity=[" + newEtag + "]");
		String unquoted = newEtag.substring(1, newEtag.length() - 1);
		assertThat(patch(flow.id(), unquoted, addAudience("aud-2")).status()).isEqualTo(412);
		Answer noIfMatch = request("PATCH", FLOWS + "/flows/" + flow.id()).body(addAudience("aud-2")).send();
		assertThat(noIfMatch.status()).isEqualTo(400);
		Answer badPath = patch(flow.id(), newEtag, """
				[{"op":"add","path":"/transformations/3/params/mandatoryFields","value":["GAID"]}]""");
		assertThat(badPath.status()).isEqualTo(400);
		assertThat(badPath.text("/title")).isEqualTo("Bad request");

		String etag = patch(flow.id(), newEtag, """
				[{"op":"ADD","path":"/transformations/0/params/mandatoryFields","value":["GAID"]},
				 {"op":"add","path":"/transformations/0/params/primaryFields",
				  "value":[{"identityNamespace":"GAID","fieldType":"IDENTITY"}]},
				 {"op":"remove","path":"/transformations/0/params/segmentSelectors/selectors/0",
				  "value":{"type":"PLATFORM_SEGMENT","value":{}}}]""").text("/etag");
		JsonNode params = emulator.entity("flows", flow.id()).orElseThrow().at("/transformations/0/params");
		assertThat(params.at("/mandatoryFields/0").asString()).isEqualTo("GAID");
		assertThat(params.at("/primaryFields/0/fieldType").asString()).isEqualTo("IDENTITY");
		assertThat(params.at("/segmentSelectors/selectors").isEmpty()).isTrue();
		assertThat(emulator.entity("flows", flow.id()).orElseThrow().get("etag").asString()).isEqualTo(etag);
	}

	@Test
	void flowActionsDisableAndEnableTheFlowWithTheCurrentEtag() {
		Ref flow = createChain("prod").flow();
		assertThat(get(FLOWS + "/flows/" + flow.id()).body().at("/items/0/state").asString()).isEqualTo("enabled");

		Answer disabled = action(flow.id(), "DISABLE", flow.etag());
		assertThat(disabled.status()).isEqualTo(200);
		assertThat(disabled.text("/id")).isEqualTo(flow.id());
		String etag = disabled.text("/etag");
		assertThat(etag).isNotEqualTo(flow.etag()).startsWith("\"");
		JsonNode read = get(FLOWS + "/flows/" + flow.id()).body().at("/items/0");
		assertThat(read.path("state").asString()).isEqualTo("disabled");
		assertThat(read.path("etag").asString()).isEqualTo(etag);

		Answer stale = action(flow.id(), "ENABLE", flow.etag());
		assertThat(stale.status()).isEqualTo(412);
		assertThat(stale.text("/errorMessage")).startsWith("Supplied version=[" + flow.etag() + "]");
		assertThat(request("POST", FLOWS + "/flows/" + flow.id() + "/action?op=ENABLE").send().status())
			.as("no If-Match")
			.isEqualTo(400);
		assertThat(action(flow.id(), "FINALIZE", etag).status()).as("not emulated").isEqualTo(400);
		assertThat(action("no-such-flow", "ENABLE", etag).status()).isEqualTo(404);

		assertThat(action(flow.id(), "enable", etag).status()).as("the tutorials' lower case").isEqualTo(200);
		assertThat(emulator.entity("flows", flow.id()).orElseThrow().path("state").asString()).isEqualTo("enabled");
	}

	@Test
	void concurrentPatchesWithOneEtagLetExactlyOneWin() throws Exception {
		Ref flow = createChain("prod").flow();
		List<Callable<Integer>> attempts = new ArrayList<>();
		for (int i = 0; i < 8; i++) {
			String audience = "aud-" + i;
			attempts.add(() -> patch(flow.id(), flow.etag(), addAudience(audience)).status());
		}
		List<Integer> statuses = new ArrayList<>();
		try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
			for (Future<Integer> result : pool.invokeAll(attempts)) {
				statuses.add(result.get());
			}
		}
		assertThat(statuses).containsOnlyOnce(200).containsOnly(200, 412);
		assertThat(emulator.entity("flows", flow.id())
			.orElseThrow()
			.at("/transformations/0/params/segmentSelectors")
			.get("selectors")
			.size()).isEqualTo(1);
	}

	@Test
	void listsByNameNewestFirstAndDeletes() {
		Ref first = created(post(FLOWS + "/sourceConnections", sourceBody("same_name")));
		Ref second = created(post(FLOWS + "/sourceConnections", sourceBody("same_name")));
		Ref other = created(post(FLOWS + "/sourceConnections", sourceBody("other")));

		Answer byName = get(FLOWS + "/sourceConnections?property=name%3D%3Dsame_name");
		assertThat(field(byName.body().get("items"), "id")).containsExactly(second.id(), first.id());
		assertThat(byName.body().has("_links")).isFalse();
		assertThat(
				field(get(FLOWS + "/sourceConnections?property=name%3D%3Dother,same_name").body().get("items"), "id"))
			.as("a comma separates values, any of which matches")
			.containsExactly(other.id(), second.id(), first.id());
		assertThat(get(FLOWS + "/sourceConnections").body().get("items").size()).isEqualTo(3);
		assertThat(get(FLOWS + "/sourceConnections?property=nameIsNoFilter").status()).isEqualTo(400);
		assertThat(get(FLOWS + "/sourceConnections?property=name%3D%3Dsame%20name").status())
			.as("a value the grammar does not take literally")
			.isEqualTo(400);
		assertThat(get(FLOWS + "/sourceConnections?property=name%3D%3DChurn%20(EU)").status()).isEqualTo(400);

		Answer deleted = request("DELETE", FLOWS + "/sourceConnections/" + first.id()).send();
		assertThat(deleted.status()).isEqualTo(202);
		assertThat(deleted.body()).isNull();
		assertThat(get(FLOWS + "/sourceConnections/" + first.id()).status()).isEqualTo(404);
		assertThat(request("DELETE", FLOWS + "/sourceConnections/" + first.id()).send().status()).isEqualTo(404);
	}

	@Test
	void createsConversionSchemasAndMappingSets() {
		Answer input = post(CONVERSION + "/schemas", """
				{"name":"input","jsonSchema":{"type":"object","properties":{"person":{"type":"object"}}}}""");
		assertThat(input.status()).isEqualTo(200);
		assertThat(input.text("/id")).matches("[0-9a-f]{32}");
		assertThat(input.body().get("version").asInt()).isZero();
		String output = post(CONVERSION + "/schemas", """
				{"name":"output","jsonSchema":"{\\"title\\":\\"defaultschema\\",\\"type\\":\\"object\\"}"}""")
			.text("/id");
		assertThat(get(CONVERSION + "/schemas/" + output).text("/jsonSchema/title")).isEqualTo("defaultschema");
		Answer noSchema = post(CONVERSION + "/schemas", "{\"name\":\"x\"}");
		assertThat(noSchema.status()).isEqualTo(400);
		assertThat(noSchema.text("/detail")).contains("jsonSchema");

		String mappingSet = """
				{"inputSchema":{"id":"IN"},"outputSchema":{"id":"OUT"},"xdmVersion":"1.0","mappings":[
				 {"source":"person.name.firstName","destination":"firstName","sourceType":"ATTRIBUTE"},
				 {"source":"identityMap.Phone_E//.164","destination":"Phone_E_164","sourceType":"ATTRIBUTE"}]}"""
			.replace("IN", input.text("/id"))
			.replace("OUT", output);
		Answer created = post(CONVERSION + "/mappingSets", mappingSet);
		assertThat(created.status()).isEqualTo(200);
		assertThat(created.text("/id")).matches("[0-9a-f]{32}");
		assertThat(created.text("/createdBy")).isEqualTo("emulator@AdobeID");
		assertThat(get(CONVERSION + "/mappingSets/" + created.text("/id")).text("/mappings/1/destination"))
			.isEqualTo("Phone_E_164");

		Answer dotted = post(CONVERSION + "/mappingSets",
				mappingSet.replace("\"destination\":\"firstName\"", "\"destination\":\"person.firstName\""));
		assertThat(dotted.status()).isEqualTo(400);
		assertThat(dotted.text("/detail")).contains("dot");
		assertThat(post(CONVERSION + "/mappingSets", mappingSet.replace(output, "0".repeat(32))).status())
			.isEqualTo(400);
		assertThat(post(CONVERSION + "/mappingSets", mappingSet.replace("ATTRIBUTE", "COLUMN")).status())
			.isEqualTo(400);

		assertThat(request("DELETE", CONVERSION + "/mappingSets/" + created.text("/id")).send().status())
			.isEqualTo(200);
		assertThat(get(CONVERSION + "/mappingSets/" + created.text("/id")).status()).isEqualTo(404);
	}

	@Test
	void runsAppearOncePerAudienceAfterMappingAndPageWithContinuationToken() {
		Ref flow = createChain("prod").flow();
		String etag = patch(flow.id(), flow.etag(),
				"[" + addOp("aud-1") + "," + addOp("aud-2") + "," + addOp("aud-3") + "]")
			.text("/etag");
		String runsOfFlow = FLOWS + "/runs?property=flowId%3D%3D" + flow.id();
		assertThat(get(runsOfFlow).body().get("items").isEmpty()).isTrue();

		patch(flow.id(), etag, """
				[{"op":"add","path":"/transformations/0/params/profileMapping",
				  "value":{"mappingId":"5d21b87871df4f5ea93b436c5e8da224","mappingVersion":0}}]""");
		Answer firstPage = get(runsOfFlow + "&limit=2&orderby=-createdAt");
		assertThat(firstPage.body().get("items").size()).isEqualTo(2);
		JsonNode newest = firstPage.body().at("/items/0");
		assertThat(newest.get("flowId").asString()).isEqualTo(flow.id());
		assertThat(newest.at("/metrics/statusSummary/status").asString()).isEqualTo("success");
		assertThat(newest.at("/metrics/recordSummary/targetSummaries/0/entitySummaries/0/id").asString())
			.isEqualTo("segment:aud-3");
		assertThat(newest.at("/metrics/fileSummary/outputFileCount").asInt()).isEqualTo(1);

		String next = firstPage.text("/_links/next/href");
		assertThat(next).startsWith("/runs?continuationToken=");
		Answer lastPage = get(FLOWS + next);
		assertThat(field(lastPage.body().get("items"), "flowId")).containsExactly(flow.id());
		assertThat(lastPage.body().has("_links")).isFalse();
		String runId = lastPage.text("/items/0/id");
		assertThat(get(FLOWS + "/runs/" + runId).text("/items/0/id")).isEqualTo(runId);
		assertThat(get(FLOWS + "/runs/unknown").status()).isEqualTo(404);
		assertThat(get(runsOfFlow + "&limit=101").status()).isEqualTo(400);
		assertThat(get(FLOWS + "/runs?property=metrics.recordSummary.targetSummaries[].entitySummaries[].id"
				+ "%3D%3Dsegment:aud-1")
			.body()
			.get("items")
			.size()).isEqualTo(1);
	}

	@Test
	void aRunReadShowsWhereItIsNowWhateverFlowChangedLast() {
		emulator.runScript("prod", RunScript.of(Duration.ofMinutes(1), Duration.ofMinutes(1), RunOutcome.SUCCESS));
		String runsOf = FLOWS + "/runs?property=flowId%3D%3D";
		Ref first = mapped(createChain("prod").flow(), "aud-1");
		String firstRun = get(runsOf + first.id()).text("/items/0/id");
		emulator.passTime("prod", Duration.ofMinutes(3));
		Ref second = mapped(createChain("prod").flow(), "aud-2");

		assertThat(get(FLOWS + "/runs/" + firstRun).text("/items/0/metrics/statusSummary/status"))
			.as("read by id: over, though only the second flow changed since it was last read")
			.isEqualTo("success");
		assertThat(get(runsOf + second.id()).text("/items/0/metrics/statusSummary/status")).isEqualTo("Waiting");
		emulator.passTime("prod", Duration.ofMinutes(3));
		JsonNode secondRuns = get(runsOf + second.id()).body().get("items");
		assertThat(field(secondRuns, "flowId")).containsExactly(second.id());
		assertThat(secondRuns.at("/0/metrics/statusSummary/status").asString())
			.as("listed: over, though no flow changed since it was last read")
			.isEqualTo("success");
		assertThat(field(get(runsOf + first.id() + "," + second.id() + "," + first.id() + "&orderby=createdAt").body()
			.get("items"), "flowId")).containsExactly(first.id(), second.id());
		assertThat(
				field(get(runsOf + first.id() + "&property=flowId%3D%3D" + second.id()).body().get("items"), "flowId"))
			.as("two filters on flowId: both hold")
			.isEmpty();
		assertThat(field(get(FLOWS + "/runs?orderby=createdAt").body().get("items"), "flowId"))
			.containsExactly(first.id(), second.id());
	}

	@Test
	void scheduledRunsComeAtTheirTimesExceptThoseSetToGoMissingAndNoneWhileDisabled() {
		emulator.runScript("prod", RunScript.instantSuccess().onSchedule().missing("aud-missing"));
		Ref flow = createChain("prod").flow();
		Instant nextHour = Instant.now().truncatedTo(ChronoUnit.HOURS).plus(Duration.ofHours(1));
		String schedule = """
				{"frequency":"EVERY_3_HOURS","startDate":"DATE","startTime":"TIME"}"""
			.replace("DATE", LocalDate.ofInstant(nextHour, ZoneOffset.UTC).toString())
			.replace("TIME", LocalTime.ofInstant(nextHour, ZoneOffset.UTC).toString());
		String etag = patch(flow.id(), flow.etag(),
				"[" + addOp("aud-on-time", schedule) + "," + addOp("aud-missing", schedule) + "]")
			.text("/etag");
		etag = patch(flow.id(), etag, """
				[{"op":"add","path":"/transformations/0/params/profileMapping",
				  "value":{"mappingId":"5d21b87871df4f5ea93b436c5e8da224","mappingVersion":0}}]""").text("/etag");
		String runsOfFlow = FLOWS + "/runs?property=flowId%3D%3D" + flow.id();
		assertThat(get(runsOfFlow).body().get("items").size()).as("one run each once mapped").isEqualTo(2);

		emulator.passTime("prod", Duration.between(Instant.now(), nextHour).plusMinutes(1));
		JsonNode items = get(runsOfFlow).body().get("items");
		assertThat(items.size()).isEqualTo(3);
		assertThat(items.get(0).at("/metrics/recordSummary/targetSummaries/0/entitySummaries/0/id").asString())
			.isEqualTo("segment:aud-on-time");
		assertThat(items.get(0).get("createdAt").asLong()).as("created at its schedule's time")
			.isEqualTo(nextHour.toEpochMilli());
		assertThat(get(runsOfFlow).body().get("items").size()).as("planned once, however often read").isEqualTo(3);

		emulator.passTime("prod", Duration.ofHours(3));
		assertThat(get(runsOfFlow).body().get("items").size()).isEqualTo(4);
		action(flow.id(), "disable", etag);
		emulator.passTime("prod", Duration.ofHours(3));
		assertThat(get(runsOfFlow).body().get("items").size()).as("none while disabled").isEqualTo(4);
	}

	@Test
	void aRefuseOnceSandboxRefusesItsFirstTargetConnectionOnlyAndNoOtherSandboxes() {
		String sandbox = AdobeEmulator.REFUSE_ONCE + "console";
		Ref base = created(request("POST", FLOWS + "/connections").header("x-sandbox-name", sandbox)
			.body(baseConnectionBody())
			.send());

		Answer refused = request("POST", FLOWS + "/targetConnections").header("x-sandbox-name", sandbox)
			.body(targetConnectionBody(base.id()))
			.send();
		assertThat(refused.status()).isEqualTo(400);
		assertThat(refused.text("/type"))
			.isEqualTo("https://ns.adobe.com/aep/errors/FLOW-" + AdobeEmulator.REFUSED_ONCE_CODE + "-400");
		assertThat(emulator.entities("targetConnections")).as("nothing created").isEmpty();
		created(request("POST", FLOWS + "/targetConnections").header("x-sandbox-name", sandbox)
			.body(targetConnectionBody(base.id()))
			.send());
		assertThat(createChain("prod").target().id()).as("other sandboxes are not refused").isNotBlank();
	}

	@Test
	void keepsEachSandboxApart() {
		Ref flow = createChain("prod").flow();
		assertThat(get(FLOWS + "/flows/" + flow.id()).status()).isEqualTo(200);
		assertThat(request("GET", FLOWS + "/flows/" + flow.id()).header("x-sandbox-name", "dev").send().status())
			.isEqualTo(404);
		assertThat(
				request("GET", FLOWS + "/flows").header("x-sandbox-name", "dev").send().body().get("items").isEmpty())
			.isTrue();
		assertThat(request("PATCH", FLOWS + "/flows/" + flow.id()).header("x-sandbox-name", "dev")
			.header("If-Match", flow.etag())
			.body(addAudience("aud-1"))
			.send()
			.status()).isEqualTo(404);
	}

	@Test
	void testStubsWithAHigherPriorityWinAndEverythingIsJournaled() {
		StubMapping outage = server.stubFor(WireMock.post(urlPathEqualTo(FLOWS + "/sourceConnections"))
			.atPriority(1)
			.willReturn(WireMock.aResponse().withStatus(503)));
		try {
			assertThat(post(FLOWS + "/sourceConnections", sourceBody("src")).status()).isEqualTo(503);
		}
		finally {
			server.removeStub(outage);
		}
		assertThat(post(FLOWS + "/sourceConnections", sourceBody("src")).status()).isEqualTo(201);
		server.verify(2, postRequestedFor(urlPathEqualTo(FLOWS + "/sourceConnections")));
	}

	@Test
	void aThrottleDelaysEveryAnswerAndRefusesCallsBeyondItsCapacity() throws Exception {
		String spec = FLOWS + "/connectionSpecs/" + S3;
		assertThat(emulator.inFlight()).as("off by default").isZero();
		emulator.throttle(Duration.ofMillis(1500), 3);
		try {
			List<Callable<Answer>> calls = new ArrayList<>();
			List<Long> millis = new CopyOnWriteArrayList<>();
			for (int i = 0; i < 5; i++) {
				calls.add(() -> {
					long start = System.nanoTime();
					Answer answer = get(spec);
					millis.add((System.nanoTime() - start) / 1_000_000);
					return answer;
				});
			}
			List<Answer> answers = new ArrayList<>();
			try (ExecutorService pool = Executors.newFixedThreadPool(5)) {
				for (Future<Answer> answer : pool.invokeAll(calls)) {
					answers.add(answer.get());
				}
			}

			assertThat(answers).extracting(Answer::status)
				.containsOnly(200, 429)
				.filteredOn((status) -> status == 200)
				.hasSize(3);
			Answer refused = answers.stream().filter((answer) -> answer.status() == 429).findFirst().orElseThrow();
			assertThat(refused.text("/error_code")).isEqualTo("429001");
			assertThat(refused.text("/message")).isEqualTo("Too many requests");
			assertThat(refused.retryAfter()).isEqualTo("1");
			assertThat(millis).as("every answer, a refusal too, takes the latency").allMatch((took) -> took >= 1500);
			assertThat(emulator.peakInFlight()).isEqualTo(3);
			assertThat(emulator.inFlight()).as("all answered").isZero();
			assertThat(get(spec).status()).as("capacity free again").isEqualTo(200);
			assertThat(emulator.inFlight()).isZero();
		}
		finally {
			emulator.unthrottled();
		}
		assertThat(emulator.inFlight()).isZero();
		assertThat(get(spec).status()).isEqualTo(200);
	}

	// ---- helpers -----------------------------------------------------------------

	private record Ref(String id, String etag) {
	}

	private record Chain(Ref source, Ref base, Ref target, Ref flow) {
	}

	private record Answer(int status, JsonNode body, String retryAfter) {

		String text(String pointer) {
			JsonNode node = (this.body != null) ? this.body.at(pointer) : null;
			return (node != null && node.isValueNode()) ? node.asString() : null;
		}

	}

	/** The flow with one audience and a profile mapping: its run is planned. */
	private Ref mapped(Ref flow, String audienceId) {
		String etag = patch(flow.id(), flow.etag(), "[" + addOp(audienceId) + "]").text("/etag");
		etag = patch(flow.id(), etag, """
				[{"op":"add","path":"/transformations/0/params/profileMapping",
				  "value":{"mappingId":"5d21b87871df4f5ea93b436c5e8da224","mappingVersion":0}}]""").text("/etag");
		return new Ref(flow.id(), etag);
	}

	private Chain createChain(String sandbox) {
		Ref source = created(request("POST", FLOWS + "/sourceConnections").header("x-sandbox-name", sandbox)
			.body(sourceBody("Connect to Profile Store"))
			.send());
		Ref base = created(request("POST", FLOWS + "/connections").header("x-sandbox-name", sandbox)
			.body(baseConnectionBody())
			.send());
		Ref target = created(request("POST", FLOWS + "/targetConnections").header("x-sandbox-name", sandbox)
			.body(targetConnectionBody(base.id()))
			.send());
		Ref flow = created(request("POST", FLOWS + "/flows").header("x-sandbox-name", sandbox)
			.body(flowBody(source.id(), target.id()))
			.send());
		return new Chain(source, base, target, flow);
	}

	private static List<String> field(JsonNode items, String name) {
		return items.valueStream().map((item) -> item.get(name).asString()).toList();
	}

	private static Ref created(Answer answer) {
		assertThat(answer.status()).as("create answered %s", answer.body()).isEqualTo(201);
		return new Ref(answer.text("/id"), answer.text("/etag"));
	}

	private static String sourceBody(String name) {
		return """
				{"name":"NAME","connectionSpec":{"id":"8a9c3494-9708-43d7-ae3f-cda01e5030e1","version":"1.0"}}"""
			.replace("NAME", name);
	}

	private static String baseConnectionBody() {
		return """
				{"name":"S3 base","connectionSpec":{"id":"4fce964d-3f37-408f-9778-e597338a21ee","version":"1.0"},
				 "auth":{"specName":"Access Key","params":{"s3AccessKey":"AKIAIOSFODNN7EXAMPLE",
				  "s3SecretKey":"wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"}}}""";
	}

	private static String targetConnectionBody(String baseId) {
		return """
				{"name":"S3 target","baseConnectionId":"BASE",
				 "connectionSpec":{"id":"4fce964d-3f37-408f-9778-e597338a21ee","version":"1.0"},
				 "params":{"mode":"Server-to-server","bucketName":"acme-audiences","path":"exports/churn",
				  "fileType":"CSV","compression":"GZIP",
				  "csvOptions":{"delimiter":",","quote":"","escape":"\\\\","nullValue":"null","emptyValue":""}}}"""
			.replace("BASE", baseId);
	}

	private static String flowBody(String sourceId, String targetId) {
		return """
				{"name":"Activate churn","flowSpec":{"id":"1a0514a6-33d4-4c7f-aff8-594799c47549","version":"1.0"},
				 "sourceConnectionIds":["SOURCE"],"targetConnectionIds":["TARGET"],
				 "transformations":[{"name":"GeneralTransform","params":{"mandatoryFields":[],"primaryFields":[],
				  "profileMapping":{},"segmentSelectors":{"selectors":[]}}}]}""".replace("SOURCE", sourceId)
			.replace("TARGET", targetId);
	}

	private static String addAudience(String audienceId) {
		return "[" + addOp(audienceId) + "]";
	}

	/** An audience with its own schedule, as JSON. */
	private static String addOp(String audienceId, String schedule) {
		return """
				{"op":"add","path":"/transformations/0/params/segmentSelectors/selectors/-",
				 "value":{"type":"PLATFORM_SEGMENT","value":{"id":"AUDIENCE","name":"Churn risk",
				  "exportMode":"FIRST_FULL_THEN_INCREMENTAL","schedule":SCHEDULE}}}""".replace("AUDIENCE", audienceId)
			.replace("SCHEDULE", schedule);
	}

	private static String addOp(String audienceId) {
		return """
				{"op":"add","path":"/transformations/0/params/segmentSelectors/selectors/-",
				 "value":{"type":"PLATFORM_SEGMENT","value":{"id":"AUDIENCE","name":"Churn risk",
				  "filenameTemplate":"%DESTINATION_NAME%_%SEGMENT_ID%_%DATETIME(YYYYMMdd_HHmmss)%",
				  "exportMode":"DAILY_FULL_EXPORT",
				  "schedule":{"frequency":"ONCE","triggerType":"SCHEDULED","startDate":"2026-12-01","startTime":"23:00"}}}}"""
			.replace("AUDIENCE", audienceId);
	}

	private static String issueToken() {
		return ims("grant_type=client_credentials&client_id=emulator-client-id"
				+ "&client_secret=emulator-client-secret&scope=openid,AdobeID")
			.text("/access_token");
	}

	private static Answer ims(String form) {
		return exchange(HttpRequest.newBuilder(uri(Ims.TOKEN_PATH))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(BodyPublishers.ofString(form))
			.build());
	}

	private Answer get(String path) {
		return request("GET", path).send();
	}

	private Answer post(String path, String json) {
		return request("POST", path).body(json).send();
	}

	private Answer patch(String flowId, String ifMatch, String json) {
		return request("PATCH", FLOWS + "/flows/" + flowId).header("If-Match", ifMatch).body(json).send();
	}

	private Answer action(String flowId, String op, String ifMatch) {
		return request("POST", FLOWS + "/flows/" + flowId + "/action?op=" + op).header("If-Match", ifMatch).send();
	}

	private Request request(String method, String path) {
		return new Request(method, path, this.token);
	}

	private static URI uri(String path) {
		return URI.create("http://localhost:" + server.port() + path);
	}

	private static Answer exchange(HttpRequest request) {
		try {
			var response = http.send(request, BodyHandlers.ofString());
			String body = response.body();
			return new Answer(response.statusCode(), body.isEmpty() ? null : Json.MAPPER.readTree(body),
					response.headers().firstValue("Retry-After").orElse(null));
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/** A request with every header Adobe wants; tests drop or override single ones. */
	private static final class Request {

		private final String method;

		private final String path;

		private final Map<String, String> headers = new LinkedHashMap<>();

		private String body;

		Request(String method, String path, String token) {
			this.method = method;
			this.path = path;
			this.headers.put("Authorization", "Bearer " + token);
			this.headers.put("x-api-key", AdobeEmulator.CLIENT_ID);
			this.headers.put("x-gw-ims-org-id", AdobeEmulator.ORG_ID);
			this.headers.put("x-sandbox-name", "prod");
			this.headers.put("Accept", "application/json");
		}

		Request header(String name, String value) {
			this.headers.put(name, value);
			return this;
		}

		Request without(String name) {
			this.headers.remove(name);
			return this;
		}

		Request body(String json) {
			this.body = json;
			this.headers.putIfAbsent("Content-Type", "application/json");
			return this;
		}

		Answer send() {
			HttpRequest.Builder builder = HttpRequest.newBuilder(uri(this.path))
				.method(this.method,
						(this.body != null) ? BodyPublishers.ofString(this.body) : BodyPublishers.noBody());
			this.headers.forEach(builder::header);
			return exchange(builder.build());
		}

	}

}
