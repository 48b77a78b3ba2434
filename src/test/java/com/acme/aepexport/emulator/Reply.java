package com.acme.aepexport.emulator;

import java.util.Collection;
import java.util.UUID;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;

/**
 * One emulated answer: a status and an optional JSON body, in one of the error shapes
 * Adobe's services use.
 */
record Reply(int status, JsonNode body) {

	static Reply json(int status, JsonNode body) {
		return new Reply(status, body);
	}

	static Reply empty(int status) {
		return new Reply(status, null);
	}

	/** Flow Service's envelope for single entities and lists: {@code {"items":[…]}}. */
	static Reply items(Collection<? extends JsonNode> items) {
		ObjectNode body = Json.object();
		ArrayNode array = body.putArray("items");
		items.forEach(array::add);
		return json(200, body);
	}

	/** The Adobe I/O gateway's shape: {@code {"error_code","message"}}. */
	static Reply gateway(int status, String code, String message) {
		ObjectNode body = Json.object();
		body.put("error_code", code);
		body.put("message", message);
		return json(status, body);
	}

	static Reply notFound() {
		return gateway(404, "404050", "Not Found");
	}

	/**
	 * Flow Service's current error shape, {@code type} ending in FLOW-{code}-{status}.
	 */
	static Reply flowError(int status, int code, String title, String message) {
		ObjectNode body = Json.object();
		body.put("type", "https://ns.adobe.com/aep/errors/FLOW-" + code + "-" + status);
		body.put("title", title);
		body.put("status", status);
		ObjectNode report = body.putObject("report");
		report.put("detailed-message", message);
		report.put("request-id", UUID.randomUUID().toString());
		body.put("errorMessage", message);
		body.put("errorDetails", message);
		return json(status, body);
	}

	static Reply flowBadRequest(String message) {
		return flowError(400, 1000, "Bad request", message);
	}

	static Reply flowNotFound(String collection, String id) {
		return flowError(404, 1439, "Resource not found", "The requested " + collection + " resource " + id
				+ " is not found. Verify the resource ID before trying again.");
	}

	/**
	 * The {@code {"type","title","status","detail"}} shape (Data Prep, content-type
	 * errors).
	 */
	static Reply problem(int status, String type, String title, String detail) {
		ObjectNode body = Json.object();
		body.put("type", type);
		body.put("title", title);
		body.put("status", status);
		body.put("detail", detail);
		return json(status, body);
	}

	Rejected rejection() {
		return new Rejected(this);
	}

	ResponseDefinition toResponseDefinition() {
		ResponseDefinitionBuilder response = aResponse().withStatus(this.status);
		if (this.body != null) {
			response.withHeader("Content-Type", "application/json").withBody(Json.write(this.body));
		}
		return response.build();
	}

}
