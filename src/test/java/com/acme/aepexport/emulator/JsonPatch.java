package com.acme.aepexport.emulator;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * RFC 6902 JSON Patch with the operations Flow Service accepts: {@code add},
 * {@code replace} and {@code remove}, op names in any case. All or nothing: the patch is
 * applied to a copy, and any bad operation rejects the whole request.
 */
final class JsonPatch {

	/** Top-level fields Flow Service owns; a patch may not touch them. */
	private static final Set<String> OWNED = Set.of("id", "etag", "createdAt", "updatedAt");

	private JsonPatch() {
	}

	static ObjectNode apply(ObjectNode document, JsonNode operations) {
		ObjectNode result = document.deepCopy();
		for (int i = 0; i < operations.size(); i++) {
			applyOne(result, operations.get(i), "operation " + i);
		}
		return result;
	}

	private static void applyOne(ObjectNode document, JsonNode operation, String where) {
		if (!operation.isObject()) {
			throw Rejected.flowBadRequest(where + " must be an object with op and path");
		}
		String op = Json.text(operation.get("op"));
		String path = Json.text(operation.get("path"));
		op = (op != null) ? op.toLowerCase(Locale.ROOT) : null;
		if (!"add".equals(op) && !"replace".equals(op) && !"remove".equals(op)) {
			throw Rejected.flowBadRequest(where + ": op must be add, replace or remove, was " + operation.get("op"));
		}
		List<String> tokens = pointer(path);
		if (tokens == null) {
			throw Rejected.flowBadRequest(where + ": path must be a JSON pointer below the root, was " + path);
		}
		if (OWNED.contains(tokens.get(0))) {
			throw Rejected.flowBadRequest(where + ": " + path + " is managed by Flow Service and cannot be patched");
		}
		JsonNode value = operation.get("value");
		if (!"remove".equals(op) && value == null) {
			throw Rejected.flowBadRequest(where + ": " + op + " needs a value");
		}
		JsonNode parent = document;
		for (String token : tokens.subList(0, tokens.size() - 1)) {
			parent = child(parent, token);
			if (parent == null || !(parent instanceof ObjectNode || parent instanceof ArrayNode)) {
				throw missing(where, path);
			}
		}
		String last = tokens.get(tokens.size() - 1);
		if (parent instanceof ObjectNode object) {
			applyToObject(object, op, last, value, where, path);
		}
		else {
			applyToArray((ArrayNode) parent, op, last, value, where, path);
		}
	}

	private static void applyToObject(ObjectNode object, String op, String name, JsonNode value, String where,
			String path) {
		if (!"add".equals(op) && !object.has(name)) {
			throw missing(where, path);
		}
		if ("remove".equals(op)) {
			object.remove(name);
		}
		else {
			object.set(name, value.deepCopy());
		}
	}

	private static void applyToArray(ArrayNode array, String op, String token, JsonNode value, String where,
			String path) {
		if ("add".equals(op) && "-".equals(token)) {
			array.add(value.deepCopy());
			return;
		}
		int index = index(token);
		int limit = "add".equals(op) ? array.size() : array.size() - 1;
		if (index < 0 || index > limit) {
			throw missing(where, path);
		}
		switch (op) {
			case "add" -> array.insert(index, value.deepCopy());
			case "replace" -> array.set(index, value.deepCopy());
			default -> array.remove(index);
		}
	}

	private static JsonNode child(JsonNode parent, String token) {
		if (parent instanceof ObjectNode object) {
			return object.get(token);
		}
		int index = index(token);
		return (index >= 0 && index < parent.size()) ? parent.get(index) : null;
	}

	private static Rejected missing(String where, String path) {
		return Rejected.flowBadRequest(where + ": path " + path + " does not exist on the entity");
	}

	/** The pointer's unescaped tokens, or {@code null} unless it starts with '/'. */
	private static List<String> pointer(String path) {
		if (path == null || !path.startsWith("/")) {
			return null;
		}
		List<String> tokens = new ArrayList<>();
		for (String raw : path.substring(1).split("/", -1)) {
			tokens.add(raw.replace("~1", "/").replace("~0", "~"));
		}
		return tokens;
	}

	private static int index(String token) {
		return token.matches("0|[1-9][0-9]{0,8}") ? Integer.parseInt(token) : -1;
	}

}
