package com.acme.aepexport.api;

import java.util.Map;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.security.OAuthFlow;
import io.swagger.v3.oas.models.security.OAuthFlows;
import io.swagger.v3.oas.models.security.Scopes;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.properties.SwaggerUiOAuthProperties;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Swagger UI gets its own token when {@code exports.security.swagger-ui.issuer-uri} is
 * set (see {@link ApiSettings.SwaggerUi}): the OpenAPI document offers an OAuth2 scheme,
 * authorization code flow with the issuer's endpoints, beside the bearer token, and
 * Swagger UI's {@code initOAuth} names the client and asks for PKCE. Without the setting
 * none of this exists and the document is the committed contract.
 */
@Configuration(proxyBeanMethods = false)
class SwaggerUiLogin {

	private static final String OAUTH2 = "oauth2";

	/** What Swagger UI's dialog says of our scopes; another is shown by its name. */
	private static final Map<String, String> DESCRIPTIONS = Map.of("exports:read", "Read your exports", "exports:write",
			"Start, change, resume and delete your exports", "exports:admin", "Read and act on every caller's exports");

	private final ApiSettings.SwaggerUi login;

	/**
	 * springdoc's {@code springdoc.swagger-ui.oauth.*}, from our settings: a public
	 * client, so PKCE takes the place of a secret, which a page cannot keep.
	 */
	SwaggerUiLogin(ApiSettings settings, ObjectProvider<SwaggerUiOAuthProperties> swaggerUi) {
		this.login = settings.security().swaggerUi();
		if (this.login.issuerUri() != null) {
			swaggerUi.ifAvailable((oauth) -> {
				oauth.setClientId(this.login.clientId());
				oauth.setScopes(this.login.scopes());
				oauth.setUsePkceWithAuthorizationCodeGrant(true);
			});
		}
	}

	@Bean
	OpenApiCustomizer swaggerUiLoginScheme(JsonMapper json) {
		return (this.login.issuerUri() != null) ? new Scheme(this.login, json) : (openApi) -> {
		};
	}

	/**
	 * Reads the issuer's endpoints when the document is first built, not at start: an
	 * identity provider that is away then does not keep the service from starting; the
	 * document fails (500) until it answers, and is then built once.
	 */
	private static final class Scheme implements OpenApiCustomizer {

		private final ApiSettings.SwaggerUi login;

		private final JsonMapper json;

		private volatile AuthorizationServer server;

		Scheme(ApiSettings.SwaggerUi login, JsonMapper json) {
			this.login = login;
			this.json = json;
		}

		@Override
		public void customise(OpenAPI openApi) {
			AuthorizationServer endpoints = this.server;
			if (endpoints == null) {
				endpoints = AuthorizationServer.of(this.login.issuerUri(), this.json);
				this.server = endpoints;
			}
			Scopes scopes = new Scopes();
			this.login.scopes().forEach((scope) -> scopes.addString(scope, DESCRIPTIONS.getOrDefault(scope, scope)));
			openApi.getComponents()
				.addSecuritySchemes(OAUTH2, new SecurityScheme().type(SecurityScheme.Type.OAUTH2)
					.description("Sign in at " + this.login.issuerUri() + " (authorization code with PKCE): the token "
							+ "is the bearer token the API checks, with the same scopes.")
					.flows(new OAuthFlows().authorizationCode(
							new OAuthFlow().authorizationUrl(endpoints.authorizationEndpoint().toString())
								.tokenUrl(endpoints.tokenEndpoint().toString())
								.scopes(scopes))));
			// Either scheme authorizes a call.
			openApi.addSecurityItem(new SecurityRequirement().addList(OAUTH2, this.login.scopes()));
		}

	}

}
