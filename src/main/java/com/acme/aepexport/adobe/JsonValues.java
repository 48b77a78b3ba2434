package com.acme.aepexport.adobe;

import java.math.BigInteger;
import java.util.List;
import java.util.regex.Pattern;

import tools.jackson.databind.JsonNode;

/**
 * Lenient reads of values in Adobe's answers, where a field may be absent, null, of
 * another type than documented, or out of range: each gives {@code null} (or nothing)
 * then, and the caller decides whether it can do without.
 */
final class JsonValues {

	/**
	 * The longest id or etag of Adobe's we keep, and show callers (our contract promises
	 * it): Adobe's are UUIDs, quoted or not, or shorter. One that is longer, or holds
	 * other than printable ASCII, is no id of Adobe's.
	 */
	static final int MAX_ID_LENGTH = 256;

	/** The longest continuation token of Adobe's we pass on (inside our own). */
	static final int MAX_TOKEN_LENGTH = 1024;

	private static final Pattern PRINTABLE_ASCII = Pattern.compile("[!-~]+");

	private JsonValues() {
	}

	/** A non-blank string, or {@code null}. */
	static String text(JsonNode node) {
		return (node.isString() && !node.stringValue().isBlank()) ? node.stringValue() : null;
	}

	/**
	 * An id or etag of Adobe's as it is, or {@code null} for none.
	 * @throws AdobeCallFailed when it is longer than {@value #MAX_ID_LENGTH} characters
	 * or holds other than printable ASCII
	 */
	static String id(String value, String operation, String field) {
		return checked(value, MAX_ID_LENGTH, operation, field);
	}

	/**
	 * A continuation token of Adobe's as it is, or {@code null} for none.
	 * @throws AdobeCallFailed when it is longer than {@value #MAX_TOKEN_LENGTH}
	 * characters or holds other than printable ASCII
	 */
	static String token(String value, String operation, String field) {
		return checked(value, MAX_TOKEN_LENGTH, operation, field);
	}

	private static String checked(String value, int maxLength, String operation, String field) {
		if (value != null && (value.length() > maxLength || !PRINTABLE_ASCII.matcher(value).matches())) {
			throw AdobeCallFailed.unusable(operation, field,
					"is longer than " + maxLength + " characters, or not printable ASCII: none of Adobe's is");
		}
		return value;
	}

	/** A count: a {@link #number} that is not negative; otherwise {@code null}. */
	static Long count(JsonNode node) {
		Long value = number(node);
		return (value != null && value >= 0) ? value : null;
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
