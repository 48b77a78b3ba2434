package com.acme.aepexport.adobe;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads Adobe's error bodies, which come in several shapes (adobe-api-notes.md §4.5):
 * gateway {@code {error_code, message}}, Flow Service {@code {type, title, status,
 * report{detailed-message}, errorMessage, errorDetails}}, older {@code {errorMessage,
 * errorDetails}}, {@code {type, status, title, detail}}, and IMS {@code {error,
 * error_description}}.
 */
final class AdobeErrors {

	/** Adobe documents no rate limits; these statuses are treated as passing trouble. */
	private static final Set<Integer> TRANSIENT_STATUSES = Set.of(408, 429, 500, 502, 503, 504);

	private static final Pattern CODE_IN_TYPE = Pattern.compile("([A-Z]+-\\d+-\\d{3})$");

	private static final int MAX_MESSAGE_LENGTH = 500;

	private AdobeErrors() {
	}

	static boolean isTransient(int status) {
		return TRANSIENT_STATUSES.contains(status);
	}

	static AdobeCallFailed failure(JsonMapper json, String operation, int status, String body) {
		return failure(json, operation, status, body, null);
	}

	static AdobeCallFailed failure(JsonMapper json, String operation, int status, String body, Duration retryAfter) {
		JsonNode error = parse(json, body);
		String code = firstText(error, "error_code", "code", "error");
		if (code == null) {
			Matcher matcher = CODE_IN_TYPE.matcher(error.path("type").asString(""));
			code = matcher.find() ? matcher.group(1) : null;
		}
		String message = firstText(error.path("report"), "detailed-message");
		if (message == null) {
			message = firstText(error, "errorMessage", "message", "detail", "error_description", "title");
		}
		if (message == null) {
			message = body.isBlank() ? "no details given" : body;
		}
		return new AdobeCallFailed(operation, status, code, truncate(message), isTransient(status), retryAfter, null);
	}

	/**
	 * {@code Retry-After} as seconds or as an HTTP date (RFC 9110 §10.2.3); anything else
	 * is ignored.
	 */
	static Duration retryAfter(String header, Instant now) {
		if (header == null || header.isBlank()) {
			return null;
		}
		String value = header.trim();
		try {
			return Duration.ofSeconds(Math.max(0, Long.parseLong(value)));
		}
		catch (NumberFormatException notSeconds) {
			try {
				Instant at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
				return at.isAfter(now) ? Duration.between(now, at) : Duration.ZERO;
			}
			catch (DateTimeParseException notADate) {
				return null;
			}
		}
	}

	private static JsonNode parse(JsonMapper json, String body) {
		try {
			return body.isBlank() ? json.missingNode() : json.readTree(body);
		}
		catch (JacksonException ex) {
			return json.missingNode();
		}
	}

	private static String firstText(JsonNode node, String... fields) {
		for (String field : fields) {
			JsonNode value = node.path(field);
			if (value.isString() || value.isNumber()) {
				String text = value.asString();
				if (!text.isBlank()) {
					return text;
				}
			}
		}
		return null;
	}

	private static String truncate(String message) {
		return (message.length() <= MAX_MESSAGE_LENGTH) ? message : message.substring(0, MAX_MESSAGE_LENGTH) + "…";
	}

}
