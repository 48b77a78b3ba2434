package com.acme.aepexport.emulator;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

import tools.jackson.databind.JsonNode;

/**
 * The small part of JSON Schema that Adobe's auth and target specs use: required, string,
 * pattern, enum, oneOf-of-consts, base64 content and nested objects. A required property
 * marked {@code conditional} is skipped: Adobe decides those from the flow spec or a
 * sibling value.
 */
final class SchemaCheck {

	private static final Map<String, Pattern> PATTERNS = new ConcurrentHashMap<>();

	private SchemaCheck() {
	}

	static List<String> problems(JsonNode schema, JsonNode value, String where) {
		List<String> problems = new ArrayList<>();
		checkObject(schema, value, where, problems);
		return problems;
	}

	private static void checkObject(JsonNode schema, JsonNode value, String where, List<String> problems) {
		if (!value.isObject()) {
			problems.add(where + " must be an object");
			return;
		}
		JsonNode properties = schema.path("properties");
		for (JsonNode required : schema.path("required")) {
			String name = Json.text(required);
			if (properties.path(name).has("conditional")) {
				continue;
			}
			JsonNode present = value.get(name);
			if (present == null || present.isNull() || (present.isString() && present.stringValue().isBlank())) {
				problems.add(where + "." + name + " is required");
			}
		}
		for (Map.Entry<String, JsonNode> property : properties.properties()) {
			JsonNode present = value.get(property.getKey());
			if (present != null && !present.isNull()) {
				checkValue(property.getValue(), present, where + "." + property.getKey(), problems);
			}
		}
	}

	private static void checkValue(JsonNode schema, JsonNode value, String where, List<String> problems) {
		String type = Json.text(schema.get("type"));
		if ("object".equals(type)) {
			checkObject(schema, value, where, problems);
			return;
		}
		if ("string".equals(type)) {
			if (!value.isString()) {
				problems.add(where + " must be a string");
				return;
			}
			String text = value.stringValue();
			String pattern = Json.text(schema.get("pattern"));
			if (pattern != null && !PATTERNS.computeIfAbsent(pattern, Pattern::compile).matcher(text).find()) {
				problems.add(where + " does not match the pattern " + pattern);
			}
			if ("base64".equals(Json.text(schema.get("contentEncoding"))) && !isBase64(text)) {
				problems.add(where + " must be base64 encoded");
			}
		}
		JsonNode allowed = schema.get("enum");
		if (allowed != null && allowed.isArray() && !contains(allowed, value)) {
			problems.add(where + " must be one of " + allowed + ", was " + value);
		}
		JsonNode oneOf = schema.get("oneOf");
		if (oneOf != null && oneOf.isArray() && !contains(oneOf.findValues("const"), value)) {
			problems.add(where + " must be one of " + oneOf.findValues("const") + ", was " + value);
		}
	}

	private static boolean contains(Iterable<JsonNode> candidates, JsonNode value) {
		for (JsonNode candidate : candidates) {
			if (candidate.equals(value)) {
				return true;
			}
		}
		return false;
	}

	private static boolean isBase64(String text) {
		try {
			Base64.getDecoder().decode(text.replaceAll("\\s", ""));
			return !text.isBlank();
		}
		catch (IllegalArgumentException ex) {
			return false;
		}
	}

}
