package com.acme.aepexport.api;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Where a person signs in at an OAuth 2.0 issuer and where the code is exchanged for a
 * token, read from the issuer's metadata as Spring Security reads an issuer-uri: OpenID
 * Connect Discovery ({@code {issuer}/.well-known/openid-configuration}), else RFC 8414
 * ({@code /.well-known/oauth-authorization-server{issuer path}}). Endpoints differ from
 * one identity provider to the next, so they are never guessed from the issuer's URL.
 *
 * @param authorizationEndpoint where Swagger UI sends the person's browser
 * @param tokenEndpoint where Swagger UI exchanges the code (and the PKCE verifier)
 */
record AuthorizationServer(URI authorizationEndpoint, URI tokenEndpoint) {

	private static final Duration TIMEOUT = Duration.ofSeconds(5);

	/**
	 * Reads the issuer's metadata.
	 * @throws IllegalStateException when no metadata document answers, or the one that
	 * does is for another issuer or names no endpoints
	 */
	static AuthorizationServer of(URI issuer, JsonMapper json) {
		List<String> refused = new ArrayList<>();
		HttpClient http = HttpClient.newBuilder()
			.connectTimeout(TIMEOUT)
			.followRedirects(HttpClient.Redirect.NORMAL)
			.build();
		for (URI metadata : metadataLocations(issuer)) {
			try {
				HttpResponse<String> answer = http.send(
						HttpRequest.newBuilder(metadata).timeout(TIMEOUT).header("Accept", "application/json").build(),
						HttpResponse.BodyHandlers.ofString());
				if (answer.statusCode() != 200) {
					refused.add(metadata + " answered " + answer.statusCode());
					continue;
				}
				return read(issuer, metadata, json.readTree(answer.body()));
			}
			catch (IOException | JacksonException ex) {
				refused.add(metadata + ": " + ex);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException("Interrupted while reading " + metadata, ex);
			}
		}
		throw new IllegalStateException("No authorization server metadata for the issuer " + issuer + " ("
				+ String.join("; ", refused) + "): check exports.security.swagger-ui.issuer-uri");
	}

	/** OpenID Connect's location first, then RFC 8414's. */
	private static List<URI> metadataLocations(URI issuer) {
		String path = (issuer.getRawPath() != null) ? issuer.getRawPath().replaceAll("/+$", "") : "";
		URI root = issuer.resolve("/");
		return List.of(URI.create(issuer.toString().replaceAll("/+$", "") + "/.well-known/openid-configuration"),
				root.resolve("/.well-known/oauth-authorization-server" + path));
	}

	private static AuthorizationServer read(URI issuer, URI metadata, JsonNode document) {
		// RFC 8414 §3.3: a document for another issuer must not be used.
		String named = document.path("issuer").asString("");
		if (!named.replaceAll("/+$", "").equals(issuer.toString().replaceAll("/+$", ""))) {
			throw new IllegalStateException(metadata + " is the metadata of the issuer '" + named + "', not " + issuer);
		}
		String authorization = document.path("authorization_endpoint").asString("");
		String token = document.path("token_endpoint").asString("");
		if (authorization.isBlank() || token.isBlank()) {
			throw new IllegalStateException(metadata + " names no authorization_endpoint or token_endpoint");
		}
		return new AuthorizationServer(URI.create(authorization), URI.create(token));
	}

}
