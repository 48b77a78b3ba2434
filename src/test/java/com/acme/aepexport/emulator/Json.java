package com.acme.aepexport.emulator;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The emulator's JSON helpers (Jackson 3; WireMock's shaded Jackson stays out of it).
 */
final class Json {

	static final JsonMapper MAPPER = JsonMapper.builder().build();

	private Json() {
	}

	static ObjectNode object() {
		return MAPPER.createObjectNode();
	}

	static ArrayNode array() {
		return MAPPER.createArrayNode();
	}

	/** The node's string value, or {@code null} when it is absent or not a string. */
	static String text(JsonNode node) {
		return (node != null && node.isString()) ? node.stringValue() : null;
	}

	static boolean hasText(JsonNode node) {
		String text = text(node);
		return text != null && !text.isBlank();
	}

	/** The parsed document, or {@code null} when the text is blank or not JSON. */
	static JsonNode parse(String text) {
		if (text == null || text.isBlank()) {
			return null;
		}
		try {
			return MAPPER.readTree(text);
		}
		catch (JacksonException ex) {
			return null;
		}
	}

	static String write(JsonNode node) {
		return MAPPER.writeValueAsString(node);
	}

	static JsonNode resource(String location) {
		try (InputStream in = Json.class.getClassLoader().getResourceAsStream(location)) {
			if (in == null) {
				throw new IllegalStateException("Missing emulator fixture " + location);
			}
			return MAPPER.readTree(in);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
