package com.acme.aepexport.emulator;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import com.github.tomakehurst.wiremock.http.RequestMethod;
import tools.jackson.databind.node.ObjectNode;

/**
 * Adobe IMS, OAuth server-to-server only: {@code POST /ims/token/v3} with client
 * credentials. Tokens really expire after the configured lifetime.
 */
final class Ims {

	static final String TOKEN_PATH = "/ims/token/v3";

	private static final SecureRandom RANDOM = new SecureRandom();

	private final Map<String, Instant> expiryByToken = new ConcurrentHashMap<>();

	private final AtomicInteger issued = new AtomicInteger();

	private volatile Duration lifetime;

	Ims(Duration lifetime) {
		this.lifetime = lifetime;
	}

	void lifetime(Duration lifetime) {
		if (lifetime.isNegative() || lifetime.isZero()) {
			throw new IllegalArgumentException("Token lifetime must be positive, was " + lifetime);
		}
		this.lifetime = lifetime;
	}

	Reply token(Call call) {
		if (!call.is(RequestMethod.POST)) {
			return Reply.notFound();
		}
		// IMS takes the fields in the form body or in the query string; the body wins.
		Map<String, List<String>> fields = new HashMap<>(call.query());
		fields.putAll(Call.parseForm(call.body()));
		String grantType = first(fields, "grant_type");
		String clientId = first(fields, "client_id");
		String clientSecret = first(fields, "client_secret");
		String scope = first(fields, "scope");
		if (isBlank(grantType) || isBlank(clientId) || isBlank(clientSecret) || isBlank(scope)) {
			return error(400, "invalid_request", null);
		}
		if (!"client_credentials".equals(grantType)) {
			return error(400, "unsupported_grant_type", null);
		}
		if (!AdobeEmulator.CLIENT_ID.equals(clientId) || !AdobeEmulator.CLIENT_SECRET.equals(clientSecret)) {
			return error(401, "invalid_client", "invalid client_id parameter");
		}
		Duration current = this.lifetime;
		String token = newToken();
		this.expiryByToken.put(token, Instant.now().plus(current));
		this.issued.incrementAndGet();
		ObjectNode body = Json.object();
		body.put("access_token", token);
		body.put("token_type", "bearer");
		body.put("expires_in", current.toSeconds());
		return Reply.json(200, body);
	}

	boolean accepts(String token) {
		Instant expiry = this.expiryByToken.get(token);
		return expiry != null && Instant.now().isBefore(expiry);
	}

	void revokeAll() {
		this.expiryByToken.clear();
	}

	int issued() {
		return this.issued.get();
	}

	private static Reply error(int status, String error, String description) {
		ObjectNode body = Json.object();
		body.put("error", error);
		if (description != null) {
			body.put("error_description", description);
		}
		return Reply.json(status, body);
	}

	private static String newToken() {
		byte[] bytes = new byte[48];
		RANDOM.nextBytes(bytes);
		return "emulator." + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

	private static String first(Map<String, List<String>> fields, String name) {
		List<String> values = fields.get(name);
		return (values == null || values.isEmpty()) ? null : values.get(0);
	}

	private static boolean isBlank(String value) {
		return value == null || value.isBlank();
	}

}
