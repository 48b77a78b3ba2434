package com.acme.aepexport.support;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import com.github.tomakehurst.wiremock.WireMockServer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import com.acme.aepexport.emulator.AdobeEmulator;

import static com.acme.aepexport.support.AdobeJournal.FLOW_SERVICE;

/**
 * Someone else working on the same Adobe org (a colleague in Adobe's UI, another
 * service): it changes our entities over real HTTP, through WireMock, with a token of its
 * own. Its requests carry {@link StepCalls#OTHER_CLIENT}, so that fault stubs and counts
 * of the service's calls leave them out.
 */
public final class OtherAdobeClient {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final EmulatorHttp http;

	private final String baseUrl;

	public OtherAdobeClient(WireMockServer adobe) {
		this.baseUrl = adobe.baseUrl();
		this.http = new EmulatorHttp(this.baseUrl);
	}

	/**
	 * Adds an audience to a flow, with the flow's current etag.
	 * @return the flow's etag after the change
	 */
	public String addAudience(String sandbox, JsonNode flow, String audienceId) {
		ObjectNode schedule = JSON.createObjectNode()
			.put("frequency", "DAILY")
			.put("triggerType", "SCHEDULED")
			.put("startDate", "2026-12-01")
			.put("startTime", "23:00");
		ObjectNode value = JSON.createObjectNode()
			.put("id", audienceId)
			.put("name", "Added by someone else")
			.put("exportMode", "DAILY_FULL_EXPORT");
		value.set("schedule", schedule);
		ArrayNode patch = JSON.createArrayNode();
		patch.addObject()
			.put("op", "add")
			.put("path", "/transformations/0/params/segmentSelectors/selectors/-")
			.putObject("value")
			.put("type", "PLATFORM_SEGMENT")
			.set("value", value);
		HttpResponse<String> answer = send(
				HttpRequest.newBuilder(URI.create(this.baseUrl + FLOW_SERVICE + "/flows/" + flow.path("id").asString()))
					.method("PATCH", HttpRequest.BodyPublishers.ofString(patch.toString()))
					.header("Authorization", "Bearer " + token())
					.header("x-api-key", AdobeEmulator.CLIENT_ID)
					.header("x-gw-ims-org-id", AdobeEmulator.ORG_ID)
					.header("x-sandbox-name", sandbox)
					.header("Content-Type", "application/json")
					.header("If-Match", flow.path("etag").asString())
					.header(StepCalls.OTHER_CLIENT, "true")
					.build());
		if (answer.statusCode() != 200) {
			throw new AssertionError("Someone else's PATCH of flow " + flow.path("id").asString() + " got "
					+ answer.statusCode() + ": " + answer.body());
		}
		return JSON.readTree(answer.body()).path("etag").asString();
	}

	private String token() {
		return this.http.token();
	}

	private HttpResponse<String> send(HttpRequest request) {
		return this.http.send(request);
	}

}
