package com.acme.aepexport.export;

import java.util.List;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.node.StringNode;

/**
 * A caller's request, as the export's history records it: who sent it, and the body they
 * sent with its secrets left out (credentials, the PGP key: the edge knows where they are
 * in its own bodies).
 *
 * @param caller the caller's subject
 * @param body the body, secrets left out; {@code null} for a request without one
 */
public record CallerRequest(String caller, JsonNode body) {

	public CallerRequest {
		if (caller == null || caller.isBlank()) {
			throw new IllegalArgumentException("a request needs a caller");
		}
	}

	/** A request without a body ({@code POST …/pause}, {@code DELETE}). */
	public static CallerRequest by(String caller) {
		return new CallerRequest(caller, null);
	}

	/**
	 * The same request, every string of its body that holds one of {@code secrets}
	 * written {@value Credentials#REDACTED}: should the edge have missed a place a secret
	 * can be, the history still never holds it.
	 */
	CallerRequest without(List<String> secrets) {
		List<String> held = secrets.stream().filter((secret) -> secret != null && !secret.isEmpty()).toList();
		if (this.body == null || held.isEmpty()) {
			return this;
		}
		return new CallerRequest(this.caller, redacted(this.body.deepCopy(), held));
	}

	private static JsonNode redacted(JsonNode node, List<String> secrets) {
		if (node instanceof ObjectNode object) {
			for (String name : List.copyOf(object.propertyNames())) {
				object.set(name, redacted(object.get(name), secrets));
			}
		}
		else if (node instanceof ArrayNode array) {
			for (int i = 0; i < array.size(); i++) {
				array.set(i, redacted(array.get(i), secrets));
			}
		}
		else if (node.isString() && secrets.stream().anyMatch(node.asString()::contains)) {
			return StringNode.valueOf(Credentials.REDACTED);
		}
		return node;
	}

}
