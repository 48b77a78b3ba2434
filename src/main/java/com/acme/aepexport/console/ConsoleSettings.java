package com.acme.aepexport.console;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import jakarta.validation.Valid;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import com.acme.aepexport.export.Credentials;

/**
 * The console: how often its pages refresh, and how people sign in to it while security
 * is on.
 *
 * @param refresh how often the list and an export's status are read again; an export's
 * runs, which are Adobe's, half as often
 * @param signIn the issuer people sign in at
 */
@Validated
@ConfigurationProperties("exports.console")
public record ConsoleSettings(@DefaultValue("5s") Duration refresh, @Valid @DefaultValue SignIn signIn) {

	public ConsoleSettings {
		if (refresh.compareTo(Duration.ofSeconds(1)) < 0) {
			throw new IllegalArgumentException("exports.console.refresh must be at least 1s, was " + refresh);
		}
	}

	/**
	 * The console signs a person in at this issuer (authorization code with PKCE) when
	 * both the issuer and a client are named; the access token it gets is checked as the
	 * API checks a bearer token, and its claims say who the person is and what they may
	 * do. Without them, the console takes bearer tokens only (for scripts), as the API
	 * does.
	 *
	 * @param issuerUri the OAuth 2.0 or OpenID Connect issuer of the callers' tokens; its
	 * endpoints are read from its metadata when the first person signs in
	 * @param clientId the client registered there for the console, with the redirect URI
	 * {@code https://<host>/login/oauth2/code/console}
	 * @param clientSecret the client's secret, for a confidential client; none for a
	 * public one (PKCE either way)
	 * @param scopes the scopes asked for; none given, {@code exports:read} and
	 * {@code exports:write}
	 */
	public record SignIn(URI issuerUri, String clientId, String clientSecret, List<String> scopes) {

		public SignIn {
			if (issuerUri != null && (clientId == null || clientId.isBlank())) {
				throw new IllegalArgumentException("exports.console.sign-in.client-id is required with an issuer-uri: "
						+ "the client the console signs people in as");
			}
			scopes = (scopes == null || scopes.isEmpty()) ? List.of("exports:read", "exports:write")
					: List.copyOf(scopes);
		}

		boolean enabled() {
			return this.issuerUri != null;
		}

		/** Never the client's secret: settings are printed when they cannot be bound. */
		@Override
		public String toString() {
			return "SignIn[issuerUri=" + this.issuerUri + ", clientId=" + this.clientId + ", clientSecret="
					+ ((this.clientSecret != null) ? Credentials.REDACTED : null) + ", scopes=" + this.scopes + "]";
		}

	}

}
