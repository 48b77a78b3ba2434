package com.acme.aepexport.emulator;

import java.util.List;
import java.util.Set;
import java.util.UUID;

import com.acme.aepexport.emulator.Sandbox.Stored;
import com.github.tomakehurst.wiremock.http.RequestMethod;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Data Prep's conversion service ({@code /data/foundation/conversion}): schemas and
 * mapping sets, with the rules the tutorial states for destination mappings.
 */
final class Conversion {

	static final String PREFIX = "/data/foundation/conversion";

	private static final String SCHEMAS = "schemas";

	private static final String MAPPING_SETS = "mappingSets";

	private static final Set<String> SOURCE_TYPES = Set.of("ATTRIBUTE", "EXPRESSION", "STATIC");

	private static final String AUTHOR = "emulator@AdobeID";

	private final MonotonicClock clock;

	Conversion(MonotonicClock clock) {
		this.clock = clock;
	}

	Reply handle(Call call, Sandbox sandbox, List<String> segments) {
		if (segments.isEmpty() || segments.size() > 2) {
			return Reply.notFound();
		}
		String resource = segments.get(0);
		String id = (segments.size() == 2) ? segments.get(1) : null;
		if (!SCHEMAS.equals(resource) && !MAPPING_SETS.equals(resource)) {
			return Reply.notFound();
		}
		if (id == null && call.is(RequestMethod.POST)) {
			return SCHEMAS.equals(resource) ? createSchema(call, sandbox) : createMappingSet(call, sandbox);
		}
		if (id == null && call.is(RequestMethod.GET)) {
			return list(call, sandbox, resource);
		}
		if (id != null && call.is(RequestMethod.GET)) {
			return sandbox.find(resource, id)
				.map((stored) -> Reply.json(200, stored.node().deepCopy()))
				.orElseGet(() -> notFound(resource, id));
		}
		if (id != null && call.is(RequestMethod.DELETE) && MAPPING_SETS.equals(resource)) {
			return sandbox.remove(resource, id).isPresent() ? Reply.empty(200) : notFound(resource, id);
		}
		return Reply.notFound();
	}

	/**
	 * {@code GET /schemas} and {@code GET /mappingSets}: {@code limit} and {@code start}
	 * are required (DP-SCHEMAS, DP-REF), {@code name} filters; newest first, in Data
	 * Prep's {@code {"data": [...], "_page": {...}}} envelope.
	 */
	private static Reply list(Call call, Sandbox sandbox, String resource) {
		int limit;
		int start;
		try {
			limit = Integer.parseInt(call.queryParam("limit"));
			start = Integer.parseInt(call.queryParam("start"));
		}
		catch (NumberFormatException | NullPointerException ex) {
			throw badRequest("limit and start are required integers");
		}
		String name = call.queryParam("name");
		List<JsonNode> matching = sandbox.all(resource)
			.stream()
			.sorted((a, b) -> Long.compare(b.createdAt(), a.createdAt()))
			.map(Stored::node)
			.filter((node) -> name == null || name.equals(Json.text(node.get("name"))))
			.map((node) -> (JsonNode) node.deepCopy())
			.toList();
		ObjectNode page = Json.object();
		page.putArray("data").addAll(matching.stream().skip(start).limit(limit).toList());
		page.putObject("_page").put("count", matching.size()).put("limit", limit);
		return Reply.json(200, page);
	}

	private Reply createSchema(Call call, Sandbox sandbox) {
		JsonNode body = requireObject(call);
		JsonNode jsonSchema = body.get("jsonSchema");
		// Adobe's schema doc sends jsonSchema as a JSON-encoded string, the tutorial as
		// an
		// object: take both.
		if (jsonSchema != null && jsonSchema.isString()) {
			jsonSchema = Json.parse(jsonSchema.stringValue());
		}
		if (jsonSchema == null || !jsonSchema.isObject() || jsonSchema.isEmpty()) {
			throw badRequest("jsonSchema is required: a JSON schema object (or its JSON text)");
		}
		String id = hexId();
		ObjectNode schema = Json.object();
		schema.put("id", id);
		schema.put("version", 0);
		if (body.hasNonNull("name")) {
			schema.set("name", body.get("name").deepCopy());
		}
		schema.set("jsonSchema", jsonSchema.deepCopy());
		sandbox.put(SCHEMAS, id, new Stored(this.clock.millis(), schema));
		return Reply.json(200, schema.deepCopy());
	}

	private Reply createMappingSet(Call call, Sandbox sandbox) {
		ObjectNode mappingSet = (ObjectNode) requireObject(call).deepCopy();
		requireSchema(mappingSet, "inputSchema", sandbox);
		requireSchema(mappingSet, "outputSchema", sandbox);
		JsonNode mappings = mappingSet.path("mappings");
		if (!mappings.isArray() || mappings.isEmpty()) {
			throw badRequest("mappings is required: a non-empty array");
		}
		for (int i = 0; i < mappings.size(); i++) {
			checkMapping(mappings.get(i), "mappings[" + i + "]");
		}
		String id = hexId();
		long now = this.clock.millis();
		ObjectNode summary = Json.object();
		summary.put("id", id);
		summary.put("version", 0);
		summary.put("createdDate", now);
		summary.put("modifiedDate", now);
		summary.put("createdBy", AUTHOR);
		summary.put("modifiedBy", AUTHOR);
		mappingSet.setAll(summary);
		sandbox.put(MAPPING_SETS, id, new Stored(now, mappingSet));
		return Reply.json(200, summary);
	}

	private static void checkMapping(JsonNode mapping, String where) {
		if (!Json.hasText(mapping.get("source")) || !Json.hasText(mapping.get("destination"))) {
			throw badRequest(where + " needs source and destination");
		}
		String sourceType = Json.text(mapping.get("sourceType"));
		if (!SOURCE_TYPES.contains(sourceType)) {
			throw badRequest(where + ".sourceType must be one of ATTRIBUTE, EXPRESSION, STATIC, was " + sourceType);
		}
		String destination = mapping.get("destination").stringValue();
		if (destination.contains(".")) {
			throw badRequest(
					where + ".destination must not contain a dot (use e.g. personalEmail_address), was " + destination);
		}
	}

	private static void requireSchema(JsonNode mappingSet, String field, Sandbox sandbox) {
		String id = Json.text(mappingSet.path(field).get("id"));
		if (id == null || !sandbox.exists(SCHEMAS, id)) {
			throw badRequest(field + ".id must name an existing conversion schema, was " + id);
		}
	}

	private static JsonNode requireObject(Call call) {
		JsonNode body = call.json();
		if (body == null || !body.isObject()) {
			throw badRequest("The request body must be a JSON object");
		}
		return body;
	}

	private static String hexId() {
		return UUID.randomUUID().toString().replace("-", "");
	}

	private static Rejected badRequest(String detail) {
		return Reply.problem(400, "https://ns.adobe.com/aep/errors/CONVERSION-1000-400", "Bad Request", detail)
			.rejection();
	}

	private static Reply notFound(String collection, String id) {
		return Reply.problem(404, "https://ns.adobe.com/aep/errors/CONVERSION-1003-404", "Not Found",
				"No " + collection + " entity with id " + id);
	}

}
