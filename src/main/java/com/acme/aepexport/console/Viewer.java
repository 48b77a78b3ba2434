package com.acme.aepexport.console;

import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;

import com.acme.aepexport.api.Caller;
import com.acme.aepexport.export.ExportFilter;

/**
 * Who looks at the console, and what they may do there: the API's {@link Caller} (whose
 * exports they see), and whether they hold the scope to act.
 *
 * @param mayAct whether the action buttons are theirs ({@code exports:write} or
 * {@code exports:admin}); the security chain refuses the actions otherwise anyway
 * @param signedIn whether they signed in here (a session they can sign out of), rather
 * than sending a bearer token or, with security off, nothing
 */
record Viewer(Caller caller, boolean mayAct, boolean signedIn) {

	/** No one signed in, while security is on: may see nothing, and is no admin. */
	static final Viewer NOBODY = new Viewer(new Caller("", false), false, false);

	public boolean known() {
		return this != NOBODY;
	}

	/**
	 * @param securityEnabled {@code exports.security.enabled}: without it, everyone may
	 * do everything, as with the API
	 */
	static Viewer of(Authentication authentication, boolean securityEnabled) {
		if (!securityEnabled) {
			return new Viewer(Caller.of(authentication), true, false);
		}
		if (authentication == null || authentication instanceof AnonymousAuthenticationToken) {
			// Only the pages open to all (signed out) get here.
			return NOBODY;
		}
		Caller caller = Caller.of(authentication);
		Set<String> scopes = authentication.getAuthorities()
			.stream()
			.map(GrantedAuthority::getAuthority)
			.collect(Collectors.toSet());
		return new Viewer(caller, scopes.contains(Caller.SCOPE_WRITE) || scopes.contains(Caller.SCOPE_ADMIN),
				authentication instanceof OAuth2AuthenticationToken);
	}

	public boolean admin() {
		return this.caller.admin();
	}

	boolean mayAccess(String owner) {
		return this.caller.mayAccess(owner);
	}

	/**
	 * The exports listed: an admin's choice of owner (everyone's by default), anyone
	 * else's own only.
	 */
	ExportFilter filter(ListFilter filter) {
		String owner = admin() ? blankToNull(filter.owner()) : this.caller.id();
		return new ExportFilter(owner, filter.status(), filter.destinationType(), blankToNull(filter.name()));
	}

	private static String blankToNull(String text) {
		return (text == null || text.isBlank()) ? null : text.strip();
	}

}
