package com.acme.aepexport.api;

import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.util.List;

import com.github.benmanes.caffeine.cache.Ticker;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.MethodParameter;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.resource.web.BearerTokenAuthenticationEntryPoint;
import org.springframework.security.oauth2.server.resource.web.access.BearerTokenAccessDeniedHandler;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Callers authenticate with a JWT (OAuth2 resource server, Spring's own
 * {@code spring.security.oauth2.resourceserver.jwt.*} configuration). Scopes:
 * {@code exports:read} for reads, {@code exports:write} for changes,
 * {@code exports:admin} for both on every owner's exports. The service refuses to start
 * without a way to check tokens, unless {@code exports.security.enabled=false} says so
 * (local runs; logged).
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration implements WebMvcConfigurer {

	private static final Logger log = LoggerFactory.getLogger(SecurityConfiguration.class);

	/**
	 * Probes, the metrics Prometheus scrapes (counts and timings, no export's data), and
	 * the API's documentation.
	 */
	private static final String[] PUBLIC = { "/actuator/health", "/actuator/health/**", "/actuator/info",
			"/actuator/prometheus", "/v3/api-docs", "/v3/api-docs/**", "/v3/api-docs.yaml", "/swagger-ui.html",
			"/swagger-ui/**" };

	@Bean
	SecurityFilterChain apiSecurity(HttpSecurity http, ApiSettings settings, ObjectProvider<JwtDecoder> decoder,
			JsonMapper json, Clock clock, MeterRegistry meters) throws Exception {
		http.csrf(AbstractHttpConfigurer::disable)
			.httpBasic(AbstractHttpConfigurer::disable)
			.formLogin(AbstractHttpConfigurer::disable)
			.logout(AbstractHttpConfigurer::disable)
			.sessionManagement((sessions) -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS));
		if (!settings.security().enabled()) {
			log.warn("exports.security.enabled=false: callers are NOT authenticated and every caller sees every "
					+ "export. For local runs only.");
			http.authorizeHttpRequests((requests) -> requests.anyRequest().permitAll());
			return http.build();
		}
		JwtDecoder configured = Caller.requiredDecoder(decoder);
		ProblemResponses problems = new ProblemResponses(json);
		// The error dispatch renders the failure of a request that was already let in (or
		// refused): denying it would turn every 500 into a 403.
		http.authorizeHttpRequests((requests) -> requests.dispatcherTypeMatchers(DispatcherType.ERROR)
			.permitAll()
			.requestMatchers(PUBLIC)
			.permitAll()
			.requestMatchers(HttpMethod.GET, "/exports", "/exports/**", "/destinations", "/webhooks", "/webhooks/**")
			.hasAnyAuthority(Caller.SCOPE_READ, Caller.SCOPE_ADMIN)
			.requestMatchers(HttpMethod.POST, "/exports", "/exports/**", "/webhooks", "/webhooks/**")
			.hasAnyAuthority(Caller.SCOPE_WRITE, Caller.SCOPE_ADMIN)
			.requestMatchers(HttpMethod.PATCH, "/exports/**")
			.hasAnyAuthority(Caller.SCOPE_WRITE, Caller.SCOPE_ADMIN)
			.requestMatchers(HttpMethod.DELETE, "/exports/**", "/webhooks/**")
			.hasAnyAuthority(Caller.SCOPE_WRITE, Caller.SCOPE_ADMIN)
			.anyRequest()
			.denyAll())
			.oauth2ResourceServer((resourceServer) -> resourceServer
				.jwt((jwt) -> jwt.decoder(new VerifiedTokens(configured, clock, Ticker.systemTicker(), meters)))
				.authenticationEntryPoint(problems::unauthorized)
				.accessDeniedHandler(problems::forbidden))
			.exceptionHandling((exceptions) -> exceptions.authenticationEntryPoint(problems::unauthorized)
				.accessDeniedHandler(problems::forbidden));
		return http.build();
	}

	/**
	 * A token that names no one (no {@code sub}, {@code client_id} or {@code azp}) is
	 * invalid, a {@code 401}: every export has an owner. Spring Boot adds this to the
	 * checks of the decoder it configures (signature, expiry, issuer, and the
	 * {@code spring.security.oauth2.resourceserver.jwt.audiences} when set).
	 */
	@Bean
	OAuth2TokenValidator<Jwt> tokenNamesItsCaller() {
		return (jwt) -> Caller.idOf(jwt).isPresent() ? OAuth2TokenValidatorResult.success()
				: OAuth2TokenValidatorResult.failure(new OAuth2Error(OAuth2ErrorCodes.INVALID_TOKEN,
						"The token names no subject (sub) and no client (client_id, azp)", null));
	}

	/** Controllers take a {@link Caller} parameter: who is calling. */
	@Override
	public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
		resolvers.add(new HandlerMethodArgumentResolver() {

			@Override
			public boolean supportsParameter(MethodParameter parameter) {
				return parameter.getParameterType() == Caller.class;
			}

			@Override
			public Object resolveArgument(MethodParameter parameter, ModelAndViewContainer container,
					NativeWebRequest request, WebDataBinderFactory binders) {
				return Caller.of(SecurityContextHolder.getContext().getAuthentication());
			}

		});
	}

	/**
	 * 401 and 403 as RFC 9457 problems, with the {@code WWW-Authenticate} header of RFC
	 * 6750 that Spring's bearer-token handlers set.
	 */
	private static final class ProblemResponses {

		private final BearerTokenAuthenticationEntryPoint bearerEntryPoint = new BearerTokenAuthenticationEntryPoint();

		private final BearerTokenAccessDeniedHandler bearerDenied = new BearerTokenAccessDeniedHandler();

		private final JsonMapper json;

		ProblemResponses(JsonMapper json) {
			this.json = json;
		}

		void unauthorized(HttpServletRequest request, HttpServletResponse response, AuthenticationException ex)
				throws IOException {
			this.bearerEntryPoint.commence(request, response, ex);
			write(response, HttpStatus.UNAUTHORIZED, ProblemTypes.UNAUTHORIZED, "Authentication required",
					"Send a valid bearer token (a JWT) in the Authorization header.");
		}

		void forbidden(HttpServletRequest request, HttpServletResponse response, AccessDeniedException ex)
				throws IOException {
			this.bearerDenied.handle(request, response, ex);
			write(response, HttpStatus.FORBIDDEN, ProblemTypes.FORBIDDEN, "Missing scope",
					"Reads need the scope exports:read, changes exports:write (or exports:admin).");
		}

		private void write(HttpServletResponse response, HttpStatus status, URI type, String title, String detail)
				throws IOException {
			response.setStatus(status.value());
			response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
			this.json.writeValue(response.getOutputStream(), ProblemHandler.problem(status, type, title, detail));
		}

	}

}
