package com.acme.aepexport.console;

import java.io.IOException;
import java.time.Clock;
import java.util.List;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.registration.ClientRegistrations;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserRequest;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserService;
import org.springframework.security.oauth2.client.web.HttpSessionOAuth2AuthorizedClientRepository;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.user.OAuth2User;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.web.BearerTokenAuthenticationEntryPoint;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.csrf.CsrfException;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.security.web.csrf.CsrfTokenRepository;
import org.springframework.security.web.csrf.HttpSessionCsrfTokenRepository;
import org.springframework.security.web.savedrequest.HttpSessionRequestCache;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.HtmlUtils;

import com.acme.aepexport.api.ApiSettings;
import com.acme.aepexport.api.Caller;

/**
 * Who may use the console, ahead of the API's own chain: the same scopes as the API
 * ({@code exports:read} to see, {@code exports:write} to act, {@code exports:admin} for
 * both on every owner's exports), read from the same kind of token, checked by the same
 * decoder (signature, audience, a caller named).
 * <p>
 * A person signs in at the issuer of {@code exports.console.sign-in} (authorization code
 * with PKCE); the console then keeps a session, which ends when the token it was opened
 * with expires. Because a session cookie goes with every request the browser sends, the
 * actions (POSTs) need the session's CSRF token, which every form carries. A script may
 * send a bearer token instead, as to the API: no session, and no CSRF token needed, since
 * a browser never adds that header by itself. With {@code exports.security.enabled=false}
 * (local runs) the console, like the API, lets everyone in.
 */
@Configuration(proxyBeanMethods = false)
class ConsoleSecurity {

	static final String REGISTRATION = "console";

	/** htmx marks its own requests: they get a status to act on, never a redirect. */
	static final String HTMX = "HX-Request";

	private static final Logger log = LoggerFactory.getLogger(ConsoleSecurity.class);

	/**
	 * Scripts and styles of our own only (htmx and Chart.js from their WebJars), no
	 * inline script, no framing.
	 */
	private static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; "
			+ "style-src 'self'; img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; "
			+ "frame-ancestors 'none'; form-action 'self'";

	private static final RequestMatcher BEARER = (request) -> request.getHeader(HttpHeaders.AUTHORIZATION) != null;

	@Bean
	@Order(Ordered.HIGHEST_PRECEDENCE + 100)
	SecurityFilterChain consoleChain(HttpSecurity http, ApiSettings api, ConsoleSettings console,
			ObjectProvider<JwtDecoder> decoders, ObjectProvider<JwtAuthenticationConverter> converters, Clock clock)
			throws Exception {
		http.securityMatcher("/console", "/console/**", "/webjars/**", "/oauth2/authorization/" + REGISTRATION,
				"/login/oauth2/code/" + REGISTRATION)
			.httpBasic(AbstractHttpConfigurer::disable)
			.formLogin(AbstractHttpConfigurer::disable)
			.headers(
					(headers) -> headers.contentSecurityPolicy((csp) -> csp.policyDirectives(CONTENT_SECURITY_POLICY)));
		if (!api.security().enabled()) {
			// As the API: everyone is an admin with every scope (SecurityConfiguration
			// logs it).
			http.csrf(AbstractHttpConfigurer::disable)
				.logout(AbstractHttpConfigurer::disable)
				.authorizeHttpRequests((requests) -> requests.anyRequest().permitAll());
			return http.build();
		}
		JwtDecoder decoder = Caller.requiredDecoder(decoders);
		ConsoleSettings.SignIn signIn = console.signIn();
		HttpSessionRequestCache returnTo = new HttpSessionRequestCache();
		// Only a page is worth coming back to after signing in, never a fragment.
		returnTo.setRequestMatcher((request) -> HttpMethod.GET.matches(request.getMethod())
				&& request.getHeader(HTMX) == null && request.getHeader(HttpHeaders.AUTHORIZATION) == null);
		http.authorizeHttpRequests((requests) -> requests.dispatcherTypeMatchers(DispatcherType.ERROR)
			.permitAll()
			.requestMatchers("/console/assets/**", "/webjars/**", "/console/signed-out")
			.permitAll()
			.requestMatchers(HttpMethod.GET, "/console", "/console/**")
			.hasAnyAuthority(Caller.SCOPE_READ, Caller.SCOPE_ADMIN)
			.requestMatchers(HttpMethod.POST, "/console/**")
			.hasAnyAuthority(Caller.SCOPE_WRITE, Caller.SCOPE_ADMIN)
			.anyRequest()
			.denyAll())
			.oauth2ResourceServer((resourceServer) -> resourceServer.jwt(Customizer.withDefaults()))
			.csrf((csrf) -> csrf.ignoringRequestMatchers(BEARER).csrfTokenRepository(new SessionTokens()))
			.requestCache((cache) -> cache.requestCache(returnTo))
			.logout((logout) -> logout.logoutUrl("/console/sign-out").logoutSuccessUrl("/console/signed-out"))
			.exceptionHandling((exceptions) -> exceptions.authenticationEntryPoint(new SignInFirst(signIn))
				.accessDeniedHandler(new MissingScope()));
		if (signIn.enabled()) {
			http.oauth2Login((login) -> login.clientRegistrationRepository(new Registration(signIn))
				.authorizedClientRepository(new HttpSessionOAuth2AuthorizedClientRepository())
				.userInfoEndpoint((userInfo) -> userInfo
					.userService(new TokenClaims(decoder, converters.getIfAvailable(JwtAuthenticationConverter::new))))
				.defaultSuccessUrl("/console")
				.failureHandler((request, response, failure) -> {
					log.warn("Console sign-in failed: {}", failure.getMessage());
					response.sendRedirect(request.getContextPath() + "/console/signed-out?failed");
				})).addFilterBefore(new SignInExpiry(clock), AnonymousAuthenticationFilter.class);
		}
		return http.build();
	}

	/**
	 * CSRF tokens in the session, as by default, except for a bearer token's requests:
	 * they need none, and a script reading pages would otherwise leave a session behind
	 * each time a form is drawn.
	 */
	private static final class SessionTokens implements CsrfTokenRepository {

		private final HttpSessionCsrfTokenRepository session = new HttpSessionCsrfTokenRepository();

		@Override
		public CsrfToken generateToken(HttpServletRequest request) {
			return this.session.generateToken(request);
		}

		@Override
		public void saveToken(CsrfToken token, HttpServletRequest request, HttpServletResponse response) {
			if (!BEARER.matches(request)) {
				this.session.saveToken(token, request, response);
			}
		}

		@Override
		public CsrfToken loadToken(HttpServletRequest request) {
			return this.session.loadToken(request);
		}

	}

	/**
	 * The console's client at the issuer, read from its metadata when the first person
	 * signs in, not at start: an identity provider that is away keeps nobody from the
	 * API.
	 */
	private static final class Registration implements ClientRegistrationRepository {

		private final ConsoleSettings.SignIn signIn;

		private volatile ClientRegistration registration;

		Registration(ConsoleSettings.SignIn signIn) {
			this.signIn = signIn;
		}

		@Override
		public ClientRegistration findByRegistrationId(String registrationId) {
			if (!REGISTRATION.equals(registrationId)) {
				return null;
			}
			ClientRegistration found = this.registration;
			if (found == null) {
				found = read();
				this.registration = found;
			}
			return found;
		}

		private ClientRegistration read() {
			boolean publicClient = this.signIn.clientSecret() == null || this.signIn.clientSecret().isBlank();
			// No openid scope: the person is who the access token says, as for the API;
			// an ID token or user info would say nothing the API goes by.
			return ClientRegistrations.fromIssuerLocation(this.signIn.issuerUri().toString())
				.registrationId(REGISTRATION)
				.clientId(this.signIn.clientId())
				.clientSecret(publicClient ? null : this.signIn.clientSecret())
				.clientAuthenticationMethod(
						publicClient ? ClientAuthenticationMethod.NONE : ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
				.authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
				.redirectUri("{baseUrl}/login/oauth2/code/{registrationId}")
				.scope(this.signIn.scopes())
				.clientSettings(ClientRegistration.ClientSettings.builder().requireProofKey(true).build())
				.build();
		}

	}

	/**
	 * The person is the caller the access token names, with its scopes: the token is
	 * decoded and checked as the API checks a bearer token, so one the API would refuse
	 * signs no one in.
	 */
	private record TokenClaims(JwtDecoder decoder,
			JwtAuthenticationConverter converter) implements OAuth2UserService<OAuth2UserRequest, OAuth2User> {

		@Override
		public OAuth2User loadUser(OAuth2UserRequest request) {
			Jwt jwt;
			try {
				jwt = this.decoder.decode(request.getAccessToken().getTokenValue());
			}
			catch (JwtException ex) {
				throw new OAuth2AuthenticationException(new OAuth2Error(OAuth2ErrorCodes.INVALID_TOKEN,
						"The issuer's access token is not one the API accepts: " + ex.getMessage(), null), ex);
			}
			String caller = Caller.idOf(jwt)
				.orElseThrow(() -> new OAuth2AuthenticationException(
						new OAuth2Error(OAuth2ErrorCodes.INVALID_TOKEN, "The token names no caller", null)));
			List<GrantedAuthority> scopes = List.copyOf(this.converter.convert(jwt).getAuthorities());
			return new SignedIn(caller, scopes, jwt.getExpiresAt());
		}

	}

	/**
	 * A sign-in ends when its token expires: the scopes it granted may have been taken
	 * away since, and the console's polling would otherwise keep the session alive for
	 * ever.
	 */
	private static final class SignInExpiry extends OncePerRequestFilter {

		private final Clock clock;

		SignInExpiry(Clock clock) {
			this.clock = clock;
		}

		@Override
		protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
				throws ServletException, IOException {
			Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
			if (authentication instanceof OAuth2AuthenticationToken token
					&& token.getPrincipal() instanceof SignedIn signedIn && signedIn.expired(this.clock.instant())) {
				SecurityContextHolder.clearContext();
				HttpSession session = request.getSession(false);
				if (session != null) {
					session.invalidate();
				}
			}
			chain.doFilter(request, response);
		}

	}

	/**
	 * Someone not signed in: a page is sent to the issuer to sign in (and back), an htmx
	 * request is told to reload the page (it cannot follow the issuer's redirect), and
	 * anyone else gets the API's {@code 401} for a bearer token.
	 */
	private static final class SignInFirst implements AuthenticationEntryPoint {

		private final BearerTokenAuthenticationEntryPoint bearer = new BearerTokenAuthenticationEntryPoint();

		private final ConsoleSettings.SignIn signIn;

		SignInFirst(ConsoleSettings.SignIn signIn) {
			this.signIn = signIn;
		}

		@Override
		public void commence(HttpServletRequest request, HttpServletResponse response,
				org.springframework.security.core.AuthenticationException ex) throws IOException {
			if (request.getHeader(HTMX) != null) {
				response.setHeader("HX-Refresh", "true");
				response.setStatus(HttpStatus.UNAUTHORIZED.value());
				return;
			}
			if (this.signIn.enabled() && request.getHeader(HttpHeaders.AUTHORIZATION) == null) {
				response.sendRedirect(request.getContextPath() + "/oauth2/authorization/" + REGISTRATION);
				return;
			}
			this.bearer.commence(request, response, ex);
			page(response, "Sign-in needed",
					this.signIn.enabled() ? "The bearer token was not accepted."
							: "Send a bearer token, or set exports.console.sign-in.issuer-uri and client-id so that "
									+ "people can sign in here.");
		}

	}

	/** Signed in, without the scope this needs, or a form without its CSRF token. */
	private static final class MissingScope implements AccessDeniedHandler {

		@Override
		public void handle(HttpServletRequest request, HttpServletResponse response,
				org.springframework.security.access.AccessDeniedException ex) throws IOException {
			response.setStatus(HttpStatus.FORBIDDEN.value());
			if (ex instanceof CsrfException) {
				page(response, "Form expired", "This page is older than your sign-in: reload it and try again.");
				return;
			}
			page(response, "Not allowed", "Seeing exports needs the scope exports:read, acting on them exports:write "
					+ "(or exports:admin). Your sign-in has neither for this.");
		}

	}

	/** A short page of its own: the templates need a controller, and none ran. */
	private static void page(HttpServletResponse response, String title, String text) throws IOException {
		response.setContentType(MediaType.TEXT_HTML_VALUE);
		response.setCharacterEncoding("UTF-8");
		response.getWriter()
			.write("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>"
					+ HtmlUtils.htmlEscape(title) + " · AEP export console</title></head><body><main><h1>"
					+ HtmlUtils.htmlEscape(title) + "</h1><p role=\"alert\">" + HtmlUtils.htmlEscape(text)
					+ "</p><p><a href=\"/console\">Exports</a></p></main></body></html>");
	}

}
