package com.acme.aepexport.adobe;

import java.math.BigInteger;
import java.util.List;

import tools.jackson.databind.JsonNode;

/**
 * Lenient reads of values in Adobe's answers, where a field may be absent, null, of
 * another type than documented, or out of range: each gives {@code null} (or nothing)
 * then, and the caller decides whether it can do without.
 */
final class JsonValues {

	private JsonValues() {
	}

	/** A non-blank string, or {@code null}. */
	static String text(JsonNode node) {
		return (node.isString() && !node.stringValue().isBlank()) ? node.stringValue() : null;
	}

	/**
	 * A count, version or epoch time: an integral JSON number or a string of digits
	 * (Adobe sends some numbers as strings) that fits a {@code long}; otherwise
	 * {@code null}.
	 */
	static Long number(JsonNode node) {
		BigInteger value = null;
		if (node.isIntegralNumber()) {
			value = node.bigIntegerValue();
		}
		else if (node.isString() && node.stringValue().matches("-?\\d{1,19}")) {
			value = new BigInteger(node.stringValue());
		}
		return (value != null && value.bitLength() < Long.SIZE) ? value.longValue() : null;
	}

	/**
	 * The elements of an array, a lone object as one element (Adobe's examples do both).
	 */
	static List<JsonNode> elements(JsonNode node) {
		return node.isArray() ? node.valueStream().toList() : node.isObject() ? List.of(node) : List.of();
	}

}
