package com.acme.aepexport.console;

import java.io.IOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import com.github.tomakehurst.wiremock.WireMockServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.client.RestTestClient;

import com.acme.aepexport.emulator.AdobeEmulator;
import com.acme.aepexport.export.StepName;
import com.acme.aepexport.support.ExportsClient;
import com.acme.aepexport.support.IntegrationTest;
import com.acme.aepexport.support.LocalInfrastructure;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The console with security on, as people and scripts use it: the API's owner rules and
 * scopes hold (another owner's export is neither listed nor reachable; without
 * {@code exports:write} there are no buttons and the actions are refused), the list's
 * filter narrows it, the pages show what the export is, and a person signs in at the
 * issuer with PKCE and acts with the session's CSRF token.
 */
class ConsoleIT extends IntegrationTest {

	private static final String ISSUER_PATH = "/realms/acme";

	private static final String TOKEN_PATH = ISSUER_PATH + "/protocol/openid-connect/token";

	/** The identity provider people sign in at: its metadata and its token endpoint. */
	private static final WireMockServer idp = startIdp();

	private static final String[] ACTIONS = { "resume", "activations", "pause", "unpause", "delete" };

	@DynamicPropertySource
	static void signIn(DynamicPropertyRegistry registry) {
		registry.add("exports.console.sign-in.issuer-uri", () -> idp.baseUrl() + ISSUER_PATH);
		registry.add("exports.console.sign-in.client-id", () -> "aep-console");
		// The identity provider's server takes webhooks too.
		registry.add("exports.webhooks.allow-http", () -> "true");
		registry.add("exports.webhooks.allowed-hosts", () -> "localhost");
	}

	@AfterAll
	static void stopIdp() {
		idp.stop();
	}

	@Test
	void anotherOwnersExportIsNeitherListedNorReachable() {
		String sandbox = newSandbox();
		String mine = startExport(named(example("DATA_LANDING_ZONE", sandbox), sandbox + "-mine"));
		assertThat(awaitFinished(mine).path("status").asString()).isEqualTo("SUCCEEDED");
		String other = token("someone-else", "exports:read", "exports:write");

		assertThat(page(other, "/console?name=" + sandbox)).contains("0 exports").doesNotContain(mine);
		assertThat(page(other, "/console/exports?name=" + sandbox)).doesNotContain(mine);
		for (String uri : List.of("/console/exports/" + mine, "/console/exports/" + mine + "/live",
				"/console/exports/" + mine + "/runs")) {
			console(other).get().uri(uri).exchange().expectStatus().isNotFound();
		}
		// htmx polling a page it may no longer see is told to stop (its own 286).
		console(other).get()
			.uri("/console/exports/{id}/live", mine)
			.header(ConsoleSecurity.HTMX, "true")
			.exchange()
			.expectStatus()
			.isEqualTo(ConsoleErrors.STOP_POLLING)
			.expectBody(String.class)
			.value((body) -> assertThat(body).contains("no longer").doesNotContain(mine, "<html"));
		for (String action : ACTIONS) {
			console(other).post()
				.uri("/console/exports/{id}/{action}", mine, action)
				.exchange()
				.expectStatus()
				.isNotFound();
		}
		assertThat(getExport(mine).path("status").asString()).as("nothing was done to it").isEqualTo("SUCCEEDED");
		assertThat(getExport(mine).at("/dataflow/state").asString()).isEqualTo("ENABLED");

		assertThat(page(token(CALLER, "exports:read"), "/console?name=" + sandbox)).contains(mine);
		String admin = token("operator", "exports:admin");
		assertThat(page(admin, "/console?owner=" + CALLER + "&name=" + sandbox)).contains(mine);
		assertThat(page(admin, "/console?owner=someone-else&name=" + sandbox)).doesNotContain(mine);
		assertThat(page(admin, "/console/exports/" + mine)).contains(CALLER);
	}

	@Test
	void withoutTheWriteScopeTheButtonsAreAbsentAndTheActionsRefused() {
		String id = startExport(example("AMAZON_S3", AdobeEmulator.REFUSE_ONCE + newSandbox()));
		assertThat(awaitFinished(id).path("status").asString()).isEqualTo("FAILED");
		String reader = token(CALLER, "exports:read");

		assertThat(page(reader, "/console/exports/" + id)).contains("FAILED")
			.doesNotContain("id=\"action-")
			.doesNotContain("hx-post");
		for (String action : ACTIONS) {
			console(reader).post()
				.uri("/console/exports/{id}/{action}", id, action)
				.header(ConsoleSecurity.HTMX, "true")
				.exchange()
				.expectStatus()
				.isForbidden();
		}
		assertThat(getExport(id).path("status").asString()).as("nothing was done to it").isEqualTo("FAILED");

		String writer = token(CALLER, "exports:read", "exports:write");
		assertThat(page(writer, "/console/exports/" + id)).contains("id=\"action-resume\"", "id=\"action-delete\"")
			.doesNotContain("id=\"action-pause\"", "id=\"action-export-now\"");
		String resumed = console(writer).post()
			.uri("/console/exports/{id}/resume", id)
			.header(ConsoleSecurity.HTMX, "true")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.returnResult()
			.getResponseBody();
		assertThat(resumed).contains("Resumed").contains("id=\"live\"").doesNotContain("<html");
		assertThat(awaitFinished(id).path("status").asString()).isEqualTo("SUCCEEDED");

		// The API's 409, told where the buttons are.
		String again = console(writer).post()
			.uri("/console/exports/{id}/resume", id)
			.header(ConsoleSecurity.HTMX, "true")
			.exchange()
			.expectStatus()
			.isEqualTo(409)
			.expectBody(String.class)
			.returnResult()
			.getResponseBody();
		assertThat(again).contains("class=\"notice refused\"").contains("SUCCEEDED");
	}

	@Test
	void anExportsPageListsTheWebhookDeliveriesOfItsEventsOnly() {
		String owner = "console-hooks-" + UUID.randomUUID();
		String writer = token(owner, "exports:read", "exports:write");
		idp.stubFor(post("/hooks").willReturn(okJson("{}")));
		as(writer).post()
			.uri("/webhooks")
			.contentType(MediaType.APPLICATION_JSON)
			.body("{\"url\": \"" + idp.baseUrl() + "/hooks\", \"events\": [\"export.failed\", \"export.succeeded\"]}")
			.exchange()
			.expectStatus()
			.isCreated();
		ExportsClient client = new ExportsClient("http://localhost:" + this.port, owner);
		String failing = client.startExport(example("AMAZON_S3", AdobeEmulator.REFUSE_ONCE + newSandbox()));
		String other = client.startExport(example("AMAZON_S3", newSandbox()));
		assertThat(client.awaitFinished(failing, Duration.ofSeconds(30)).path("status").asString()).isEqualTo("FAILED");
		assertThat(client.awaitFinished(other, Duration.ofSeconds(30)).path("status").asString())
			.isEqualTo("SUCCEEDED");

		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(page(writer, "/console/exports/" + failing)).contains("export.failed")
				.contains("delivery-DELIVERED")
				.doesNotContain("export.succeeded"));
		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(page(writer, "/console/exports/" + other)).contains("export.succeeded")
				.doesNotContain("export.failed"));
	}

	@Test
	void theListFiltersByStatusDestinationAndNameAndItsFragmentTheSame() {
		String run = newSandbox();
		String ok = startExport(named(example("AZURE_BLOB", run), run + "-ok"));
		String failing = startExport(named(example("AMAZON_S3", AdobeEmulator.REFUSE_ONCE + run), run + "-failing"));
		assertThat(awaitFinished(ok).path("status").asString()).isEqualTo("SUCCEEDED");
		assertThat(awaitFinished(failing).path("status").asString()).isEqualTo("FAILED");
		String reader = token(CALLER, "exports:read");

		assertThat(page(reader, "/console?status=FAILED&name=" + run)).contains(failing).doesNotContain(ok);
		assertThat(page(reader, "/console?destinationType=AZURE_BLOB&name=" + run)).contains(ok)
			.doesNotContain(failing);
		assertThat(page(reader, "/console?name=" + run.toUpperCase() + "-OK")).as("any part, any case")
			.contains(ok)
			.doesNotContain(failing);
		assertThat(page(reader, "/console?status=SUCCEEDED&destinationType=AMAZON_S3&name=" + run)).doesNotContain(ok,
				failing);
		assertThat(page(reader, "/console?status=NOT_A_STATUS&name=" + run)).as("a value not offered filters nothing")
			.contains(ok, failing);

		// What htmx polls: the same rows, without the page around them, polling the same
		// filter.
		String rows = page(reader, "/console/exports?status=FAILED&name=" + run);
		assertThat(rows).contains(failing)
			.doesNotContain(ok)
			.doesNotContain("<html")
			.contains("hx-get=\"/console/exports?status=FAILED&amp;name=" + run + "\"");
	}

	@Test
	void theExportsPageShowsItsStepsAudiencesAndRunsAndItsStatusRefreshesOnlyWhenItChanged() {
		String sandbox = newSandbox();
		ObjectNode body = example("AMAZON_S3", sandbox);
		String id = startExport(body);
		JsonNode export = awaitFinished(id);
		assertThat(export.path("status").asString()).isEqualTo("SUCCEEDED");
		String reader = token(CALLER, "exports:read");

		String page = page(reader, "/console/exports/" + id);
		assertThat(page).contains(body.path("name").asString(), "SUCCEEDED", "Amazon S3");
		for (StepName step : StepName.values()) {
			assertThat(page).contains("data-step=\"" + step + "\"");
		}
		assertThat(page).as("the dataflow's Adobe id, on its bar").contains(export.path("flowId").asString());
		assertThat(page).contains(body.at("/audiences/0/id").asString());
		JsonNode runs = getJson("/exports/" + id + "/runs", 200);
		assertThat(runs.path("items").size()).isPositive();
		assertThat(page).contains("data-chart=").contains(runs.at("/items/0/runId").asString());
		assertThat(page).contains("Webhook deliveries");
		String history = page.substring(page.indexOf("id=\"history-heading\""),
				page.indexOf("id=\"deliveries-heading\""));
		assertThat(history).as("its history: the creation, by its caller, applied")
			.contains("CREATED", CALLER, "APPLIED");

		Matcher version = Pattern.compile("data-version=\"(\\d+)\"").matcher(page);
		assertThat(version.find()).isTrue();
		long shown = Long.parseLong(version.group(1));
		console(reader).get()
			.uri("/console/exports/{id}/live?version={version}", id, shown)
			.exchange()
			.expectStatus()
			.isNoContent();
		assertThat(page(reader, "/console/exports/" + id + "/live?version=" + (shown - 1))).contains("SUCCEEDED")
			.doesNotContain("<html");

		// An action through the console changes what the API shows, and what the page
		// shows.
		String paused = console(token(CALLER, "exports:read", "exports:write")).post()
			.uri("/console/exports/{id}/pause", id)
			.header(ConsoleSecurity.HTMX, "true")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.returnResult()
			.getResponseBody();
		assertThat(paused).contains("Paused").contains("DISABLED").contains("id=\"action-unpause\"");
		assertThat(getExport(id).at("/dataflow/state").asString()).isEqualTo("DISABLED");
		console(reader).get()
			.uri("/console/exports/{id}/live?version={version}", id, shown)
			.exchange()
			.expectStatus()
			.isOk();
	}

	@Test
	void aPersonSignsInAtTheIssuerWithPkceAndActsWithTheSessionsCsrfToken() throws Exception {
		String id = startExport(example("AMAZON_S3", AdobeEmulator.REFUSE_ONCE + newSandbox()));
		assertThat(awaitFinished(id).path("status").asString()).isEqualTo("FAILED");
		Browser browser = new Browser();

		HttpResponse<String> first = browser.get("/console/exports/" + id);
		assertThat(first.statusCode()).isEqualTo(302);
		assertThat(location(first)).endsWith("/oauth2/authorization/console");
		URI authorize = URI.create(location(browser.get(location(first))));
		assertThat(authorize.toString()).startsWith(idp.baseUrl() + ISSUER_PATH + "/protocol/openid-connect/auth?");
		Map<String, String> asked = query(authorize);
		assertThat(asked).containsEntry("response_type", "code")
			.containsEntry("client_id", "aep-console")
			.containsEntry("scope", "exports:read exports:write")
			.containsEntry("code_challenge_method", "S256")
			.containsKeys("code_challenge", "state", "redirect_uri");

		String code = issue(token(CALLER, "exports:read", "exports:write"));
		HttpResponse<String> back = browser
			.get(asked.get("redirect_uri") + "?code=" + code + "&state=" + encode(asked.get("state")));
		assertThat(back.statusCode()).isEqualTo(302);
		assertThat(location(back)).as("back to the page asked for").contains("/console/exports/" + id);
		idp.verify(postRequestedFor(urlPathEqualTo(TOKEN_PATH)).withRequestBody(containing("code=" + code))
			.withRequestBody(containing("code_verifier="))
			.withRequestBody(containing("client_id=aep-console")));

		HttpResponse<String> page = browser.get("/console/exports/" + id);
		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.body()).contains(CALLER, "Sign out", "id=\"action-resume\"");

		HttpResponse<String> forged = browser.post("/console/exports/" + id + "/resume", Map.of());
		assertThat(forged.statusCode()).as("no CSRF token: refused").isEqualTo(403);
		assertThat(getExport(id).path("status").asString()).isEqualTo("FAILED");

		String csrf = csrfToken(page.body());
		HttpResponse<String> resumed = browser.post("/console/exports/" + id + "/resume", Map.of("_csrf", csrf));
		assertThat(resumed.statusCode()).as("a form sent without htmx goes back to the page").isEqualTo(302);
		assertThat(location(resumed)).endsWith("/console/exports/" + id);
		assertThat(browser.get(location(resumed)).body()).contains("Resumed");
		assertThat(awaitFinished(id).path("status").asString()).isEqualTo("SUCCEEDED");

		String stillValid = csrfToken(browser.get("/console/exports/" + id).body());
		HttpResponse<String> signedOut = browser.post("/console/sign-out", Map.of("_csrf", stillValid));
		assertThat(location(signedOut)).endsWith("/console/signed-out");
		assertThat(browser.get(location(signedOut)).body()).contains("Signed out").doesNotContain(CALLER, "(admin)");
		assertThat(location(browser.get("/console"))).as("signed out: sign in again")
			.endsWith("/oauth2/authorization/console");
	}

	@Test
	void aTokenTheApiRefusesSignsNoOneInAndASignInEndsWithItsToken() throws Exception {
		HttpResponse<String> refused = new Browser()
			.signIn(LocalInfrastructure.tokenFor("another-service", CALLER, "exports:read"));
		assertThat(location(refused)).endsWith("/console/signed-out?failed");

		Browser readOnly = new Browser();
		assertThat(readOnly.signIn(token(CALLER, "exports:read")).statusCode()).isEqualTo(302);
		assertThat(readOnly.get("/console").body()).contains("(read only)").doesNotContain("id=\"action-");

		// Past its expiry (within the minute of clock skew a token is still accepted
		// for).
		Browser expiring = new Browser();
		expiring.signIn(LocalInfrastructure.tokenExpiring(Instant.now().minusSeconds(20), CALLER, "exports:read"));
		HttpResponse<String> poll = expiring.get("/console/exports", ConsoleSecurity.HTMX, "true");
		assertThat(poll.statusCode()).as("htmx is told to reload the page").isEqualTo(401);
		assertThat(poll.headers().firstValue("HX-Refresh")).hasValue("true");
		assertThat(location(expiring.get("/console"))).endsWith("/oauth2/authorization/console");
	}

	private RestTestClient console(String token) {
		// Not the API's client: its answers are checked against the API's contract.
		return RestTestClient.bindToServer()
			.baseUrl("http://localhost:" + this.port)
			.defaultHeader(HttpHeaders.AUTHORIZATION, "Bearer " + token)
			.build();
	}

	private String page(String token, String uri) {
		return text(console(token), uri);
	}

	private static ObjectNode named(ObjectNode export, String name) {
		return export.put("name", name);
	}

	/** The issuer's token endpoint answers this code with this access token. */
	private static String issue(String accessToken) {
		String code = UUID.randomUUID().toString();
		idp.stubFor(post(urlPathEqualTo(TOKEN_PATH)).withRequestBody(containing("code=" + code))
			.willReturn(okJson("""
					{"access_token": "%s", "token_type": "Bearer", "expires_in": 3600, "scope": "exports:read"}"""
				.formatted(accessToken))));
		return code;
	}

	private static String csrfToken(String page) {
		Matcher token = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(page);
		assertThat(token.find()).as("the form carries the session's CSRF token").isTrue();
		return token.group(1);
	}

	private static String location(HttpResponse<?> response) {
		return response.headers().firstValue(HttpHeaders.LOCATION).orElseThrow();
	}

	private static Map<String, String> query(URI uri) {
		return Arrays.stream(uri.getRawQuery().split("&"))
			.map((pair) -> pair.split("=", 2))
			.collect(Collectors.toMap((pair) -> URLDecoder.decode(pair[0], StandardCharsets.UTF_8),
					(pair) -> URLDecoder.decode(pair[1], StandardCharsets.UTF_8)));
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

	private static WireMockServer startIdp() {
		WireMockServer server = new WireMockServer(options().dynamicPort());
		server.start();
		server.stubFor(get(ISSUER_PATH + "/.well-known/openid-configuration").willReturn(okJson("""
				{"issuer": "%1$s%2$s",
				 "authorization_endpoint": "%1$s%2$s/protocol/openid-connect/auth",
				 "token_endpoint": "%1$s%2$s/protocol/openid-connect/token",
				 "jwks_uri": "%1$s%2$s/protocol/openid-connect/certs",
				 "response_types_supported": ["code"],
				 "subject_types_supported": ["public"],
				 "id_token_signing_alg_values_supported": ["RS256"],
				 "code_challenge_methods_supported": ["S256"]}""".formatted(server.baseUrl(), ISSUER_PATH))));
		return server;
	}

	/** A person's browser: cookies kept, redirects shown rather than followed. */
	private final class Browser {

		private final HttpClient http = HttpClient.newBuilder()
			.cookieHandler(new CookieManager(null, CookiePolicy.ACCEPT_ALL))
			.followRedirects(HttpClient.Redirect.NEVER)
			.build();

		HttpResponse<String> get(String uri, String... headers) throws IOException, InterruptedException {
			HttpRequest.Builder request = HttpRequest.newBuilder(absolute(uri)).GET();
			if (headers.length > 0) {
				request.headers(headers);
			}
			return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
		}

		HttpResponse<String> post(String uri, Map<String, String> form) throws IOException, InterruptedException {
			String body = form.entrySet()
				.stream()
				.map((field) -> encode(field.getKey()) + "=" + encode(field.getValue()))
				.collect(Collectors.joining("&"));
			return this.http.send(HttpRequest.newBuilder(absolute(uri))
				.header("Content-Type", "application/x-www-form-urlencoded")
				.POST(HttpRequest.BodyPublishers.ofString(body))
				.build(), HttpResponse.BodyHandlers.ofString());
		}

		/**
		 * Signs in as the issuer would let a person with this access token: the console
		 * sends them to the issuer, which sends them back with a code.
		 * @return the console's answer to the way back
		 */
		HttpResponse<String> signIn(String accessToken) throws IOException, InterruptedException {
			URI authorize = URI.create(location(get("/oauth2/authorization/console")));
			Map<String, String> asked = query(authorize);
			return get(
					asked.get("redirect_uri") + "?code=" + issue(accessToken) + "&state=" + encode(asked.get("state")));
		}

		private URI absolute(String uri) {
			return URI.create(uri.startsWith("http") ? uri : "http://localhost:" + ConsoleIT.this.port + uri);
		}

	}

}
