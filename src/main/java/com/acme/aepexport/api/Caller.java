package com.acme.aepexport.api;

import java.util.Optional;
import java.util.stream.Stream;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;

/**
 * Who is calling: the owner recorded on the exports they start, and whether they may see
 * and act on every owner's exports. The API and the console ask the same question of the
 * same token: a bearer token's claims, or those of the token a person signed in to the
 * console with (its {@code OAuth2AuthenticationToken} is named as that token's caller).
 */
public record Caller(String id, boolean admin) {

	public static final String SCOPE_READ = "SCOPE_exports:read";

	public static final String SCOPE_WRITE = "SCOPE_exports:write";

	public static final String SCOPE_ADMIN = "SCOPE_exports:admin";

	/** Every caller when authentication is turned off (local runs). */
	static final Caller ANONYMOUS = new Caller("anonymous", true);

	/**
	 * The token's subject; a client-credentials token without one is known by its client
	 * id.
	 */
	public static Caller of(Authentication authentication) {
		if (authentication instanceof OAuth2AuthenticationToken signedIn) {
			// The console's sign-in names its principal after the token's caller, from
			// the
			// token's claims (idOf), and grants the token's scopes.
			return new Caller(signedIn.getName(), isAdmin(authentication));
		}
		if (authentication == null || !(authentication.getPrincipal() instanceof Jwt jwt)) {
			return ANONYMOUS;
		}
		// Tokens that name no one are refused before they get here (a 401).
		String id = idOf(jwt).orElseThrow(() -> new IllegalStateException("The token names no subject and no client"));
		return new Caller(id, isAdmin(authentication));
	}

	private static boolean isAdmin(Authentication authentication) {
		return authentication.getAuthorities()
			.stream()
			.anyMatch((authority) -> SCOPE_ADMIN.equals(authority.getAuthority()));
	}

	/**
	 * The decoder Spring Boot configured to check callers' tokens, for the API's and the
	 * console's security when it is on.
	 * @throws IllegalStateException when none is configured: the service does not start
	 */
	public static JwtDecoder requiredDecoder(ObjectProvider<JwtDecoder> decoders) {
		JwtDecoder decoder = decoders.getIfAvailable();
		if (decoder == null) {
			throw new IllegalStateException("Callers cannot be authenticated: set "
					+ "spring.security.oauth2.resourceserver.jwt.issuer-uri (or jwk-set-uri, or public-key-location), "
					+ "or exports.security.enabled=false for a local run");
		}
		return decoder;
	}

	/** The token's subject, else its client id, else its authorized party. */
	public static Optional<String> idOf(Jwt jwt) {
		return Stream.of(jwt.getSubject(), jwt.getClaimAsString("client_id"), jwt.getClaimAsString("azp"))
			.filter((candidate) -> candidate != null && !candidate.isBlank())
			.findFirst();
	}

	/** Whether this caller may see (and act on) an export of that owner. */
	public boolean mayAccess(String owner) {
		return this.admin || this.id.equals(owner);
	}

	/** The owner to list exports of: everyone's for an admin. */
	public String listedOwner() {
		return this.admin ? null : this.id;
	}

}
