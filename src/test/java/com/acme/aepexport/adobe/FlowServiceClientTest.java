package com.acme.aepexport.adobe;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.util.unit.DataSize;
import org.springframework.web.reactive.function.client.WebClient;

import com.acme.aepexport.export.Destination;
import com.acme.aepexport.export.DestinationType;
import com.acme.aepexport.export.ExportSpec;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The Adobe client's call policy over real HTTP: headers, IMS tokens, status mapping,
 * error bodies, retries of reads only, timeouts.
 */
class FlowServiceClientTest {

	private static final String FLOWS = "/data/foundation/flowservice/flows";

	private static final String TOKEN = "/ims/token/v3";

	private static final Sandbox SANDBOX = new Sandbox("dev");

	private static final WireMockServer adobe = new WireMockServer(WireMockConfiguration.options().dynamicPort());

	private FlowServiceClient flowService;

	private SimpleMeterRegistry meters;

	@BeforeAll
	static void startAdobe() {
		adobe.start();
	}

	@AfterAll
	static void stopAdobe() {
		adobe.stop();
	}

	@BeforeEach
	void freshAdobe() {
		adobe.resetAll();
		this.meters = new SimpleMeterRegistry();
		this.flowService = client(this.meters);
	}

	@Test
	void aDataflowAdobeAnswersNoItemForIsNotFoundAsA404Is() {
		givenTokens("tok1");
		// FS-REF documents no 404 for GET /flows/{id}: an empty list says it as well.
		adobe.stubFor(get(urlPathEqualTo(FLOWS + "/none")).willReturn(okJson("{\"items\": []}")));
		adobe.stubFor(get(urlPathEqualTo(FLOWS + "/gone")).willReturn(aResponse().withStatus(404)));
		adobe.stubFor(get(urlPathEqualTo(FLOWS + "/refused")).willReturn(aResponse().withStatus(403)));

		assertThat(this.flowService.findFlow(SANDBOX, "none")).isEmpty();
		assertThat(this.flowService.findFlow(SANDBOX, "gone")).isEmpty();
		assertThatExceptionOfType(AdobeCallFailed.class).isThrownBy(() -> this.flowService.findFlow(SANDBOX, "refused"))
			.satisfies((failed) -> assertThat(failed.httpStatus()).isEqualTo(403));
	}

	@Test
	void aTargetConnectionIsReadInEitherDocumentsShapeAndAnAccountWithoutItsCredentials() {
		givenTokens("tok1");
		String connections = "/data/foundation/flowservice";
		// FS-REF's shape: no baseConnectionId, the spec a bare id.
		adobe.stubFor(get(connections + "/targetConnections/t1").willReturn(
				okJson("""
						{"items": [{"id": "t1", "etag": "\\"t-e1\\"", "connectionSpec": "4fce964d-3f37-408f-9778-e597338a21ee",
						  "inheritedAttributes": {"baseConnection": {"id": "b1"}},
						  "params": {"bucketName": "acme", "path": "exports", "fileType": "JSON", "compression": "NONE"}}]}""")));
		adobe.stubFor(get(connections + "/connections/b1").willReturn(
				okJson("""
						{"items": [{"id": "b1", "etag": "\\"b-e1\\"", "connectionSpec": {"id": "4fce964d", "version": "1.0"},
						  "auth": {"specName": "Access Key", "params": {"s3AccessKey": "AKIA", "s3SecretKey": "very-secret"}},
						  "encryption": {"specName": "File Encryption", "params": {"encryptionAlgo": "PGP/GPG", "publicKey": "cGdw"}}}]}""")));

		AdobeConnection target = this.flowService.targetConnection(SANDBOX, "t1");
		AdobeConnection account = this.flowService.baseConnection(SANDBOX, "b1");

		assertThat(target.etag()).isEqualTo("\"t-e1\"");
		assertThat(target.connectionSpecId()).isEqualTo("4fce964d-3f37-408f-9778-e597338a21ee");
		assertThat(target.baseConnectionId()).isEqualTo("b1");
		assertThat(target.destination(DestinationType.AMAZON_S3))
			.isEqualTo(new Destination.AmazonS3("acme", "exports", null));
		assertThat(target.file(account.pgpPublicKey())).isEqualTo(
				new ExportSpec.FileSettings(ExportSpec.FileFormat.JSON, ExportSpec.Compression.NONE, null, "cGdw"));
		assertThat(account.connectionSpecId()).isEqualTo("4fce964d");
		assertThat(account.etag()).isEqualTo("\"b-e1\"");
	}

	@Test
	void aCreateSendsAdobesHeadersAndReturnsTheIdAndTheQuotedEtag() {
		givenTokens("tok1");
		adobe.stubFor(post(FLOWS).willReturn(created("f1", "e1")));

		AdobeRef flow = this.flowService.createFlow(SANDBOX, flowRequest());

		assertThat(flow).isEqualTo(new AdobeRef("f1", "\"e1\""));
		adobe.verify(postRequestedFor(urlPathEqualTo(TOKEN))
			.withHeader("Content-Type", WireMock.containing("application/x-www-form-urlencoded"))
			.withFormParam("grant_type", equalTo("client_credentials"))
			.withFormParam("client_id", equalTo("client"))
			.withFormParam("client_secret", equalTo("secret"))
			.withFormParam("scope", equalTo("openid,AdobeID")));
		adobe.verify(postRequestedFor(urlPathEqualTo(FLOWS)).withHeader("Authorization", equalTo("Bearer tok1"))
			.withHeader("x-api-key", equalTo("client"))
			.withHeader("x-gw-ims-org-id", equalTo("ORG@AdobeOrg"))
			.withHeader("x-sandbox-name", equalTo("dev"))
			.withHeader("Accept", equalTo("application/json"))
			.withHeader("Content-Type", equalTo("application/json"))
			.withRequestBody(WireMock.equalToJson("""
					{"name": "f", "flowSpec": {"id": "1a0514a6-33d4-4c7f-aff8-594799c47549", "version": "1.0"},
					 "sourceConnectionIds": ["s"], "targetConnectionIds": ["t"],
					 "transformations": [{"name": "GeneralTransform", "params": {"segmentSelectors": {"selectors": []},
					   "profileMapping": {}, "mandatoryFields": [], "primaryFields": []}}]}""")));
	}

	@Test
	void oneTokenServesManyCalls() {
		givenTokens("tok1");
		adobe.stubFor(post(FLOWS).willReturn(created("f1", "e1")));

		this.flowService.createFlow(SANDBOX, flowRequest());
		this.flowService.createFlow(SANDBOX, flowRequest());

		adobe.verify(1, postRequestedFor(urlPathEqualTo(TOKEN)));
	}

	@Test
	void aTokenAboutToExpireIsReplacedBeforeUse() {
		givenTokensLasting(Duration.ofMinutes(2), "tok1", "tok2");
		adobe.stubFor(post(FLOWS).willReturn(created("f1", "e1")));

		this.flowService.createFlow(SANDBOX, flowRequest());
		this.flowService.createFlow(SANDBOX, flowRequest());

		adobe.verify(2, postRequestedFor(urlPathEqualTo(TOKEN)));
		adobe.verify(postRequestedFor(urlPathEqualTo(FLOWS)).withHeader("Authorization", equalTo("Bearer tok2")));
	}

	@Test
	void a401RefreshesTheTokenOnceAndReplaysTheCall() {
		givenTokens("stale", "fresh");
		adobe.stubFor(post(FLOWS).withHeader("Authorization", equalTo("Bearer stale"))
			.willReturn(aResponse().withStatus(401)
				.withHeader("Content-Type", "application/json")
				.withBody("{\"error_code\": \"401013\", \"message\": \"Oauth token is not valid\"}")));
		adobe.stubFor(post(FLOWS).withHeader("Authorization", equalTo("Bearer fresh")).willReturn(created("f1", "e1")));

		AdobeRef flow = this.flowService.createFlow(SANDBOX, flowRequest());

		assertThat(flow.id()).isEqualTo("f1");
		adobe.verify(2, postRequestedFor(urlPathEqualTo(TOKEN)));
		adobe.verify(2, postRequestedFor(urlPathEqualTo(FLOWS)));
	}

	@Test
	void a401AfterTheRefreshIsAFailureNotALoop() {
		givenTokens("tok1", "tok2", "tok3");
		adobe.stubFor(post(FLOWS).willReturn(aResponse().withStatus(401)
			.withHeader("Content-Type", "application/json")
			.withBody("{\"error_code\": \"401013\", \"message\": \"Oauth token is not valid\"}")));

		assertThatExceptionOfType(AdobeCallFailed.class)
			.isThrownBy(() -> this.flowService.createFlow(SANDBOX, flowRequest()))
			.satisfies((failed) -> {
				assertThat(failed.httpStatus()).isEqualTo(401);
				assertThat(failed.adobeCode()).isEqualTo("401013");
				assertThat(failed.retryable()).isFalse();
			});
		adobe.verify(2, postRequestedFor(urlPathEqualTo(FLOWS)));
	}

	@ParameterizedTest(name = "{0} {1}")
	@CsvSource(delimiter = '|',
			textBlock = """
					403 | {"error_code": "403003", "message": "Api Key is invalid"} | 403003 | Api Key is invalid
					404 | {"type": "https://ns.adobe.com/aep/errors/FLOW-1439-404", "title": "Resource not found", "status": 404, "report": {"detailed-message": "The requested flows resource is not found."}, "errorMessage": "not found"} | FLOW-1439-404 | The requested flows resource is not found.
					412 | {"errorMessage": "Supplied version=[x] does not match", "errorDetails": "Supplied version=[x] does not match"} | | Supplied version=[x] does not match
					400 | {"type": "/placeholder/type/uri", "status": 400, "title": "BadRequestError", "detail": "A valid content-type must be specified"} | | A valid content-type must be specified
					500 | <html>oops</html> | | <html>oops</html>
					""")
	void everyShapeOfAdobeErrorIsRead(int status, String body, String code, String message) {
		givenTokens("tok1");
		adobe.stubFor(post(FLOWS).willReturn(aResponse().withStatus(status).withBody(body)));

		assertThatExceptionOfType(AdobeCallFailed.class)
			.isThrownBy(() -> this.flowService.createFlow(SANDBOX, flowRequest()))
			.satisfies((failed) -> {
				assertThat(failed.httpStatus()).isEqualTo(status);
				assertThat(failed.adobeCode()).isEqualTo(code);
				assertThat(failed.adobeMessage()).isEqualTo(message);
				assertThat(failed.retryable()).isEqualTo(status >= 500);
				assertThat(failed.operation()).isEqualTo("POST " + FLOWS);
			});
	}

	@Test
	void aTransientFaultIsARetryableFailureCarryingRetryAfterAndTheClientNeverRepeatsACall() {
		givenTokens("tok1");
		adobe.stubFor(post(FLOWS).willReturn(aResponse().withStatus(429).withHeader("Retry-After", "7")));
		adobe.stubFor(get("/data/foundation/flowservice/connectionSpecs/s3").willReturn(aResponse().withStatus(503)));

		assertThatExceptionOfType(AdobeCallFailed.class)
			.isThrownBy(() -> this.flowService.createFlow(SANDBOX, flowRequest()))
			.satisfies((failed) -> {
				assertThat(failed.retryable()).isTrue();
				assertThat(failed.retryAfter()).contains(Duration.ofSeconds(7));
			});
		assertThatExceptionOfType(AdobeCallFailed.class)
			.isThrownBy(() -> this.flowService.connectionSpec(SANDBOX, "s3"))
			.satisfies((failed) -> assertThat(failed.retryAfter()).isEmpty());

		adobe.verify(1, postRequestedFor(urlPathEqualTo(FLOWS)));
		adobe.verify(1, getRequestedFor(urlPathEqualTo("/data/foundation/flowservice/connectionSpecs/s3")));
	}

	@Test
	void anEntityIsLookedUpByTheIdsItWasMadeFromPageByPageAndAdoptedOnlyUnderItsExactName() {
		givenTokens("tok1");
		adobe.stubFor(get(urlPathEqualTo(FLOWS)).withQueryParam("continuationToken", absent()).willReturn(okJson("""
				{"items": [{"id": "f3", "name": "Churn, weekly (EU) - dataflow [x]"},
				           {"id": "f2", "name": "Churn_dataflow_x2", "etag": "\\"e2\\""}],
				 "_links": {"next": {"href": "/flows?continuationToken=page2"}}}""")));
		adobe.stubFor(
				get(urlPathEqualTo(FLOWS)).withQueryParam("continuationToken", equalTo("page2")).willReturn(okJson("""
						{"items": [null, {"id": "f1", "name": "Churn_dataflow_x", "etag": "\\"e1\\""}]}""")));

		assertThat(this.flowService.findFlow(SANDBOX, "t-1", Set.of("Churn_dataflow_x")))
			.contains(new AdobeRef("f1", "\"e1\""));
		assertThat(this.flowService.findFlow(SANDBOX, "t-1", Set.of("Churn, weekly (EU) - dataflow [x]")))
			.contains(new AdobeRef("f3", null));
		assertThat(this.flowService.findFlow(SANDBOX, "t-1", Set.of("another"))).isEmpty();
		adobe.verify(5, getRequestedFor(urlPathEqualTo(FLOWS)).withQueryParam("property",
				equalTo("targetConnectionIds[]==t-1")));
	}

	@Test
	void noFilterIsBuiltFromAValueAdobeWouldMisread() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.flowService.findFlow(SANDBOX, "t-1,t-2", Set.of("any")));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.flowService.findBaseConnection(SANDBOX, "spec==x", Set.of("any")));
		adobe.verify(0, getRequestedFor(urlPathEqualTo(FLOWS)));
	}

	@Test
	void connectionSpecsAreReadOncePerIdAndTheCacheCountsItsHitsAndMisses() {
		givenTokens("tok1");
		adobe.stubFor(get("/data/foundation/flowservice/connectionSpecs/s3")
			.willReturn(okJson("{\"items\": [{\"id\": \"s3\", \"name\": \"Amazon S3\"}]}")));

		this.flowService.connectionSpec(SANDBOX, "s3");
		this.flowService.connectionSpec(new Sandbox("other"), "s3");

		adobe.verify(1, getRequestedFor(urlPathEqualTo("/data/foundation/flowservice/connectionSpecs/s3")));
		// what an operator's hit rate is made of
		assertThat(this.meters.get("cache.gets")
			.tags("cache", "connection-specs", "result", "miss")
			.functionCounter()
			.count()).isEqualTo(1);
		assertThat(this.meters.get("cache.gets")
			.tags("cache", "connection-specs", "result", "hit")
			.functionCounter()
			.count()).isEqualTo(1);
		assertThat(this.meters.get("cache.size").tags("cache", "connection-specs").gauge().value()).isEqualTo(1);
	}

	@Test
	void noAnswerInTimeIsARetryableFailureWithoutStatus() {
		givenTokens("tok1");
		adobe.stubFor(post(FLOWS).willReturn(created("f1", "e1").withFixedDelay(4500)));

		assertThatExceptionOfType(AdobeCallFailed.class)
			.isThrownBy(() -> this.flowService.createFlow(SANDBOX, flowRequest()))
			.satisfies((failed) -> {
				assertThat(failed.httpStatus()).isNull();
				assertThat(failed.retryable()).isTrue();
				assertThat(failed.adobeMessage()).contains("no answer within");
			});
	}

	@Test
	void aCallerWaitsForAConnectionSpecNoLongerThanTheCallerTimeout() {
		givenTokens("tok1");
		adobe.stubFor(get("/data/foundation/flowservice/connectionSpecs/slow")
			.willReturn(okJson("{\"items\": [{\"id\": \"slow\"}]}").withFixedDelay(2800)));

		long start = System.nanoTime();
		assertThatExceptionOfType(AdobeCallFailed.class)
			.isThrownBy(() -> this.flowService.connectionSpec(SANDBOX, "slow", Duration.ofSeconds(2)))
			.satisfies((failed) -> assertThat(failed.timedOut()).isTrue());
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(2700));

		assertThat(this.flowService.connectionSpec(SANDBOX, "slow").id()).as("the workflow waits its read timeout")
			.isEqualTo("slow");
	}

	@Test
	void aPatchSendsTheQuotedEtagAndReadsItBackWhenAdobeAnswersABare202() {
		givenTokens("tok1");
		adobe.stubFor(patch(urlPathEqualTo(FLOWS + "/f1")).willReturn(aResponse().withStatus(202)));
		adobe.stubFor(
				get(FLOWS + "/f1").willReturn(okJson("{\"items\": [{\"id\": \"f1\", \"etag\": \"\\\"e2\\\"\"}]}")));

		AdobeRef patched = this.flowService.patchFlow(SANDBOX, new AdobeRef("f1", "\"e1\""),
				FlowPatch.mandatoryFields(null, List.of("GAID")));

		assertThat(patched).isEqualTo(new AdobeRef("f1", "\"e2\""));
		adobe.verify(patchRequestedFor(urlPathEqualTo(FLOWS + "/f1")).withHeader("If-Match", equalTo("\"e1\""))
			.withRequestBody(WireMock.equalToJson("""
					[{"op": "add", "path": "/transformations/0/params/mandatoryFields", "value": ["GAID"]}]""")));
	}

	/**
	 * FS-REF answers a target connection's PATCH with {@code {"items": [...]}}; a flow's
	 * shape {@code {id, etag}} and a bare 202 (the etag read back) are taken too.
	 */
	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			200 | {"items": [{"id": "t1", "etag": "\\"e2\\""}]}
			200 | {"id": "t1", "etag": "\\"e2\\""}
			202 |
			""")
	void aTargetConnectionsManifestIsPatchedWithItsEtagAndItsNewEtagKept(int status, String answer) {
		givenTokens("tok1");
		String target = "/data/foundation/flowservice/targetConnections/t1";
		adobe.stubFor(patch(urlPathEqualTo(target)).willReturn((answer != null)
				? aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(answer)
				: aResponse().withStatus(status)));
		adobe.stubFor(get(target).willReturn(okJson("""
				{"items": [{"id": "t1", "etag": "\\"e2\\"", "params": {"includeFileManifest": true}}]}""")));

		AdobeRef patched = this.flowService.patchTargetConnection(SANDBOX, new AdobeRef("t1", "\"e1\""),
				TargetConnectionPatch.fileManifest(null, true));

		assertThat(patched).isEqualTo(new AdobeRef("t1", "\"e2\""));
		adobe.verify(patchRequestedFor(urlPathEqualTo(target)).withHeader("If-Match", equalTo("\"e1\""))
			.withRequestBody(WireMock.equalToJson("""
					[{"op": "add", "path": "/params/includeFileManifest", "value": true}]""")));
		AdobeConnection read = this.flowService.targetConnection(SANDBOX, "t1");
		assertThat(read.writesFileManifest()).isTrue();
		assertThat(TargetConnectionPatch.fileManifest(read, true).isEmpty()).as("nothing to send").isTrue();
		assertThat(TargetConnectionPatch.fileManifest(read, false))
			.hasToString("[PatchOperation[op=add, path=/params/includeFileManifest, value=false]]");
	}

	@Test
	void aFlowIsEnabledOrDisabledByAnActionWithItsEtagAndNoBodyAndItsStateIsRead() {
		givenTokens("tok1");
		adobe.stubFor(post(urlPathEqualTo(FLOWS + "/f1/action"))
			.willReturn(okJson("{\"id\": \"f1\", \"etag\": \"\\\"e2\\\"\"}")));
		adobe.stubFor(get(FLOWS + "/f1")
			.willReturn(okJson("{\"items\": [{\"id\": \"f1\", \"etag\": \"\\\"e2\\\"\", \"state\": \"disabled\"}]}")));

		AdobeRef disabled = this.flowService.setFlowEnabled(SANDBOX, new AdobeRef("f1", "\"e1\""), false);

		assertThat(disabled).isEqualTo(new AdobeRef("f1", "\"e2\""));
		adobe.verify(postRequestedFor(urlPathEqualTo(FLOWS + "/f1/action")).withQueryParam("op", equalTo("DISABLE"))
			.withQueryParam("subOp", absent())
			.withHeader("If-Match", equalTo("\"e1\""))
			.withHeader("Content-Type", absent())
			.withRequestBody(WireMock.absent()));
		Flow flow = this.flowService.flow(SANDBOX, "f1");
		assertThat(flow.isDisabled()).isTrue();
		assertThat(flow.isEnabled()).isFalse();
	}

	/**
	 * Ids and etags are kept and shown to our callers, whose contract bounds them: one
	 * that is no id of Adobe's (longer than any, or not printable ASCII) is an unusable
	 * answer, never stored.
	 */
	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			{"id": "%s", "etag": "\\"e1\\""}   | id
			{"id": "f1", "etag": "\\"%s\\""}   | etag
			{"id": "f 1", "etag": "\\"e1\\""}  | id
			""")
	void anIdOrEtagLongerThanAnyOfAdobesIsAnUnusableAnswer(String template, String field) {
		givenTokens("tok1");
		adobe.stubFor(post(FLOWS).willReturn(aResponse().withStatus(201)
			.withHeader("Content-Type", "application/json")
			.withBody(template.formatted("x".repeat(JsonValues.MAX_ID_LENGTH + 1)))));

		assertThatExceptionOfType(AdobeCallFailed.class)
			.isThrownBy(() -> this.flowService.createFlow(SANDBOX, flowRequest()))
			.satisfies((failed) -> {
				assertThat(failed.retryable()).isFalse();
				assertThat(failed.adobeMessage()).startsWith("Adobe's answer cannot be used: " + field + " ");
			});
	}

	@Test
	void anIdOfAdobesMayBeAsLongAsTheBound() {
		givenTokens("tok1");
		String id = "x".repeat(JsonValues.MAX_ID_LENGTH);
		adobe.stubFor(post(FLOWS).willReturn(created(id, "e1")));

		assertThat(this.flowService.createFlow(SANDBOX, flowRequest())).isEqualTo(new AdobeRef(id, "\"e1\""));
	}

	/**
	 * A run is read leniently, within what our callers are promised: a negative count is
	 * none, an audience id longer than any is left out, a run whose id is no id of
	 * Adobe's cannot be shown, and neither can a page whose continuation token is longer
	 * than any of Adobe's.
	 */
	@Test
	void aRunsCountsAudiencesIdAndTokenAreHeldToTheBoundsCallersAreGiven() {
		givenTokens("tok1");
		String runs = "/data/foundation/flowservice/runs";
		adobe.stubFor(get(urlPathEqualTo(runs)).withQueryParam("property", equalTo("flowId==ok")).willReturn(okJson("""
				{"items": [{"id": "r1", "metrics": {
				   "recordSummary": {"inputRecordCount": -1, "outputRecordCount": 5,
				     "targetSummaries": [{"entitySummaries": [{"id": "segment:a1"}, {"id": "segment:%s"}]}]},
				   "fileSummary": {"outputFileCount": "-2"}}}]}""".formatted("a".repeat(257)))));
		adobe.stubFor(get(urlPathEqualTo(runs)).withQueryParam("property", equalTo("flowId==long-id"))
			.willReturn(okJson("{\"items\": [{\"id\": \"%s\"}]}".formatted("r".repeat(257)))));
		adobe.stubFor(get(urlPathEqualTo(runs)).withQueryParam("property", equalTo("flowId==long-token"))
			.willReturn(okJson("""
					{"items": [], "_links": {"next": {"href": "/runs?continuationToken=%s"}}}"""
				.formatted("t".repeat(1025)))));

		FlowRun run = this.flowService.runs(SANDBOX, new RunsQuery("ok", 20, null, null, null)).runs().getFirst();
		assertThat(run.records().received()).isNull();
		assertThat(run.records().activated()).isEqualTo(5);
		assertThat(run.files()).isNull();
		assertThat(run.audienceIds()).containsExactly("a1");
		assertThatExceptionOfType(AdobeCallFailed.class)
			.isThrownBy(() -> this.flowService.runs(SANDBOX, new RunsQuery("long-id", 20, null, null, null)))
			.satisfies((failed) -> assertThat(failed.adobeMessage()).contains("items[0].id"));
		assertThatExceptionOfType(AdobeCallFailed.class)
			.isThrownBy(() -> this.flowService.runs(SANDBOX, new RunsQuery("long-token", 20, null, null, null)))
			.satisfies((failed) -> assertThat(failed.adobeMessage()).contains("_links.next.href"));
	}

	@Test
	void theSettingsNeverShowTheClientSecret() {
		assertThat(settings().toString()).doesNotContain("secret").contains("[redacted]");
	}

	private static FlowServiceClient client(SimpleMeterRegistry meters) {
		AdobeHttp http = new AdobeClientConfiguration().adobeHttp(WebClient.builder(), settings(),
				JsonMapper.builder().build(), Clock.systemUTC(), new AdobeConcurrency(settings().concurrency(), meters),
				meters);
		return new FlowServiceClient(http, settings(), meters);
	}

	/**
	 * Tokens are replaced five minutes before they expire; connection specs are cached.
	 */
	private static AdobeSettings settings() {
		return new AdobeSettings(new AdobeSettings.Platform(URI.create(adobe.baseUrl())),
				new AdobeSettings.Ims(URI.create(adobe.baseUrl() + TOKEN), Duration.ofMinutes(5)), "client", "secret",
				List.of("openid", "AdobeID"), "ORG@AdobeOrg", "prod",
				new AdobeSettings.Http(Duration.ofSeconds(1), Duration.ofSeconds(3), Duration.ofSeconds(2)),
				new AdobeSettings.Retry(3, Duration.ofMinutes(1), Duration.ofSeconds(1), Duration.ofSeconds(30), 2.0,
						0.5, Duration.ofMinutes(5)),
				new AdobeSettings.Caches(Duration.ofHours(1), Duration.ofMinutes(10), Duration.ofSeconds(30),
						DataSize.ofMegabytes(16)),
				new AdobeSettings.Concurrency(8, 1, 64, 0.9, Duration.ofSeconds(5), Duration.ofSeconds(30), 0,
						Duration.ofSeconds(5), Duration.ofSeconds(30)));
	}

	/** IMS hands out these tokens, valid for a day, one per request, in order. */
	private static void givenTokens(String... tokens) {
		givenTokensLasting(Duration.ofSeconds(86399), tokens);
	}

	private static void givenTokensLasting(Duration lifetime, String... tokens) {
		String state = Scenario.STARTED;
		for (int i = 0; i < tokens.length; i++) {
			String next = (i + 1 < tokens.length) ? "token-" + (i + 1) : state;
			adobe.stubFor(post(TOKEN).inScenario("tokens")
				.whenScenarioStateIs(state)
				.willReturn(okJson("{\"access_token\": \"" + tokens[i]
						+ "\", \"token_type\": \"bearer\", \"expires_in\": " + lifetime.toSeconds() + "}"))
				.willSetStateTo(next));
			state = next;
		}
	}

	private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder created(String id, String etag) {
		return aResponse().withStatus(201)
			.withHeader("Content-Type", "application/json")
			.withBody("{\"id\": \"" + id + "\", \"etag\": \"\\\"" + etag + "\\\"\"}");
	}

	private static FlowRequest flowRequest() {
		return new FlowRequest("f", null, SpecRef.of("1a0514a6-33d4-4c7f-aff8-594799c47549"), List.of("s"),
				List.of("t"), List.of(FlowRequest.Transformation.emptyGeneralTransform()));
	}

}
