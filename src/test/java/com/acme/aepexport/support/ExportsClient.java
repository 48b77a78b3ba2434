package com.acme.aepexport.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.UUID;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.core.io.ClassPathResource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.RestTestClient;

import static org.awaitility.Awaitility.await;

/**
 * {@code /exports} of a service instance the test started itself (a child JVM or a
 * context of its own), over real HTTP.
 */
public final class ExportsClient {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final String baseUrl;

	private final RestTestClient api;

	/** Who the tests call as. */
	public static final String CALLER = "it-caller";

	/** Calls as {@link #CALLER}, allowed to read and start exports. */
	public ExportsClient(String baseUrl) {
		this(baseUrl, CALLER);
	}

	/** Calls as {@code caller}, allowed to read and start exports. */
	public ExportsClient(String baseUrl, String caller) {
		this.baseUrl = baseUrl;
		this.api = RestTestClient.bindToServer()
			.baseUrl(baseUrl)
			.defaultHeader(HttpHeaders.AUTHORIZATION,
					"Bearer " + LocalInfrastructure.token(caller, "exports:read", "exports:write"))
			.requestInterceptor(new ContractCheck())
			.build();
	}

	public String baseUrl() {
		return this.baseUrl;
	}

	public RestTestClient api() {
		return this.api;
	}

	/** A sandbox of the test's own, so Adobe's journal can be told apart. */
	public static String newSandbox(String prefix) {
		return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
	}

	/**
	 * A Swagger example body ({@code src/main/resources/openapi/examples}) in a sandbox.
	 */
	public static ObjectNode example(String name, String sandbox) {
		try {
			ObjectNode body = (ObjectNode) JSON
				.readTree(new ClassPathResource("openapi/examples/" + name + ".json").getInputStream());
			body.put("sandbox", sandbox);
			return body;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** {@code POST /exports}, expecting 202; returns the new export's id. */
	public String startExport(JsonNode body) {
		JsonNode accepted = this.api.post()
			.uri("/exports")
			.contentType(MediaType.APPLICATION_JSON)
			.body(body.toString())
			.exchange()
			.expectStatus()
			.isAccepted()
			.expectHeader()
			.valueMatches("Location", "/exports/[0-9a-f-]{36}")
			.expectBody(JsonNode.class)
			.returnResult()
			.getResponseBody();
		return accepted.path("id").asString();
	}

	public JsonNode getExport(String id) {
		return this.api.get()
			.uri("/exports/" + id)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(JsonNode.class)
			.returnResult()
			.getResponseBody();
	}

	/** Polls {@code GET /exports/{id}} until the export is SUCCEEDED or FAILED. */
	public JsonNode awaitFinished(String id, Duration atMost) {
		return await().atMost(atMost)
			.pollInterval(Duration.ofMillis(200))
			.until(() -> getExport(id), ExportsClient::isFinished);
	}

	public static boolean isFinished(JsonNode export) {
		String status = export.path("status").asString();
		return status.equals("SUCCEEDED") || status.equals("FAILED");
	}

	/** The step of an export representation with this name. */
	public static JsonNode step(JsonNode export, String name) {
		for (JsonNode step : export.path("steps")) {
			if (step.path("name").asString().equals(name)) {
				return step;
			}
		}
		throw new AssertionError("No step " + name + " in " + export);
	}

}
