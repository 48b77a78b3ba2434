package com.acme.aepexport.console;

import java.io.Serializable;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.core.user.OAuth2User;

/**
 * A person signed in to the console, as the access token they signed in with says: the
 * caller it names (the owner of the exports they start through the API), its scopes, and
 * when it expires, which ends the sign-in too (the console is never more permissive than
 * the token).
 *
 * @param caller what {@code Caller.idOf} reads from the token
 * @param expiresAt the token's {@code exp}; {@code null} when it has none
 */
record SignedIn(String caller, List<GrantedAuthority> scopes, Instant expiresAt) implements OAuth2User, Serializable {

	SignedIn {
		scopes = List.copyOf(scopes);
	}

	@Override
	public String getName() {
		return this.caller;
	}

	@Override
	public Collection<? extends GrantedAuthority> getAuthorities() {
		return this.scopes;
	}

	/** Nothing else of the token is kept: what the console needs is above. */
	@Override
	public Map<String, Object> getAttributes() {
		return Map.of();
	}

	boolean expired(Instant now) {
		return this.expiresAt != null && !now.isBefore(this.expiresAt);
	}

}
