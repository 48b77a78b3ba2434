package com.acme.aepexport.emulator;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.github.tomakehurst.wiremock.http.HttpHeader;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.RequestMethod;
import tools.jackson.databind.JsonNode;

/**
 * The parts of an HTTP request the emulator looks at.
 */
record Call(RequestMethod method, String path, Map<String, List<String>> query, Request request) {

	static Call of(Request request) {
		String url = request.getUrl();
		int question = url.indexOf('?');
		String path = (question < 0) ? url : url.substring(0, question);
		String query = (question < 0) ? "" : url.substring(question + 1);
		return new Call(request.getMethod(), path, parseForm(query), request);
	}

	/**
	 * Parses {@code a=1&b=2} (query strings and form bodies); a value may contain '='.
	 */
	static Map<String, List<String>> parseForm(String encoded) {
		Map<String, List<String>> values = new LinkedHashMap<>();
		if (encoded == null || encoded.isBlank()) {
			return values;
		}
		for (String pair : encoded.split("&")) {
			if (pair.isEmpty()) {
				continue;
			}
			int equals = pair.indexOf('=');
			String key = decode((equals < 0) ? pair : pair.substring(0, equals));
			String value = (equals < 0) ? "" : decode(pair.substring(equals + 1));
			values.computeIfAbsent(key, (k) -> new ArrayList<>()).add(value);
		}
		return values;
	}

	/** Decodes %-escapes and '+'; text with a malformed escape is taken as it is. */
	private static String decode(String text) {
		try {
			return URLDecoder.decode(text, StandardCharsets.UTF_8);
		}
		catch (IllegalArgumentException ex) {
			return text;
		}
	}

	boolean is(RequestMethod expected) {
		return this.method.equals(expected);
	}

	String header(String name) {
		HttpHeader header = this.request.header(name);
		return (header != null && header.isPresent()) ? header.firstValue() : null;
	}

	String queryParam(String name) {
		List<String> values = this.query.get(name);
		return (values == null || values.isEmpty()) ? null : values.get(0);
	}

	List<String> queryParams(String name) {
		return this.query.getOrDefault(name, List.of());
	}

	String body() {
		String body = this.request.getBodyAsString();
		return (body != null) ? body : "";
	}

	boolean hasBody() {
		return !body().isBlank();
	}

	/** The body as JSON, or {@code null} when there is none or it is not JSON. */
	JsonNode json() {
		return Json.parse(body());
	}

	/**
	 * The decoded path segments after {@code prefix}, or {@code null} when the path is
	 * not under it.
	 */
	List<String> segmentsAfter(String prefix) {
		if (!this.path.equals(prefix) && !this.path.startsWith(prefix + "/")) {
			return null;
		}
		return Arrays.stream(this.path.substring(prefix.length()).split("/"))
			.filter((segment) -> !segment.isEmpty())
			.map(Call::decode)
			.toList();
	}

}
