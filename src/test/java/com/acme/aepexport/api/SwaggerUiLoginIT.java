package com.acme.aepexport.api;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.test.web.servlet.client.RestTestClient;

import com.acme.aepexport.support.LocalInfrastructure;
import com.acme.aepexport.support.ServiceContext;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * With an issuer configured, a person can sign in from Swagger UI and try calls with
 * security on: the served document offers the issuer's authorization code flow, and
 * Swagger UI asks for the token with PKCE as the configured client. (Without one, the
 * served document is the committed contract: {@code OpenApiContractIT}.)
 */
class SwaggerUiLoginIT {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	/** The identity provider: only its metadata is read, by the service. */
	private static final WireMockServer idp = new WireMockServer(WireMockConfiguration.options().dynamicPort());

	private static ServiceContext service;

	private static RestTestClient anonymous;

	@BeforeAll
	static void startTheServiceWithAnIssuer() {
		idp.start();
		idp.stubFor(get("/realms/acme/.well-known/openid-configuration").willReturn(okJson("""
				{"issuer": "%1$s/realms/acme",
				 "authorization_endpoint": "%1$s/realms/acme/protocol/openid-connect/auth",
				 "token_endpoint": "%1$s/realms/acme/protocol/openid-connect/token",
				 "jwks_uri": "%1$s/realms/acme/protocol/openid-connect/certs"}""".formatted(idp.baseUrl()))));
		Map<String, String> properties = new LinkedHashMap<>(LocalInfrastructure.properties());
		properties.put("server.port", "0");
		properties.put("exports.security.swagger-ui.issuer-uri", idp.baseUrl() + "/realms/acme");
		properties.put("exports.security.swagger-ui.client-id", "aep-swagger-ui");
		service = ServiceContext.start(properties);
		anonymous = RestTestClient.bindToServer().baseUrl(service.baseUrl()).build();
	}

	@AfterAll
	static void stop() {
		if (service != null) {
			service.close();
		}
		idp.stop();
	}

	@Test
	void theDocumentOffersTheIssuersAuthorizationCodeFlowBesideTheBearerToken() {
		JsonNode document = JSON.readTree(text("/v3/api-docs"));

		JsonNode oauth2 = document.at("/components/securitySchemes/oauth2");
		assertThat(oauth2.path("type").asString()).isEqualTo("oauth2");
		JsonNode flow = oauth2.at("/flows/authorizationCode");
		assertThat(flow.path("authorizationUrl").asString())
			.isEqualTo(idp.baseUrl() + "/realms/acme/protocol/openid-connect/auth");
		assertThat(flow.path("tokenUrl").asString())
			.isEqualTo(idp.baseUrl() + "/realms/acme/protocol/openid-connect/token");
		assertThat(flow.path("scopes").propertyNames()).containsExactly("exports:read", "exports:write");
		assertThat(oauth2.at("/flows").propertyNames()).as("no implicit flow, no password flow")
			.containsExactly("authorizationCode");
		// Either scheme authorizes a call: Swagger UI sends the token of the one it has.
		assertThat(document.path("security").findValues("oauth2")).singleElement()
			.satisfies((scopes) -> assertThat(scopes.valueStream().map(JsonNode::asString))
				.containsExactly("exports:read", "exports:write"));
		assertThat(document.path("security").findValues("bearer")).hasSize(1);
		assertThat(document.at("/components/securitySchemes/bearer/scheme").asString()).isEqualTo("bearer");
	}

	@Test
	void swaggerUiSignsInAsTheConfiguredClientWithPkce() {
		// springdoc writes springdoc.swagger-ui.oauth.* into Swagger UI's initializer, as
		// ui.initOAuth({...}); /v3/api-docs/swagger-config holds where the IdP sends the
		// person back.
		Matcher initOAuth = Pattern.compile("ui\\.initOAuth\\(\\s*(\\{.*?\\})\\s*\\)", Pattern.DOTALL)
			.matcher(text("/swagger-ui/swagger-initializer.js"));
		assertThat(initOAuth.find()).as("Swagger UI's initializer calls initOAuth").isTrue();
		JsonNode oauth = JSON.readTree(initOAuth.group(1));
		assertThat(oauth.path("clientId").asString()).isEqualTo("aep-swagger-ui");
		assertThat(oauth.path("usePkceWithAuthorizationCodeGrant").asBoolean()).isTrue();
		assertThat(oauth.path("scopes").asString()).isEqualTo("exports:read exports:write");
		assertThat(oauth.has("clientSecret")).isFalse();

		JsonNode config = JSON.readTree(text("/v3/api-docs/swagger-config"));
		assertThat(config.path("oauth2RedirectUrl").asString()).endsWith("/swagger-ui/oauth2-redirect.html");
		anonymous.get().uri("/swagger-ui/oauth2-redirect.html").exchange().expectStatus().isOk();
	}

	/**
	 * Read when the document is asked for: an identity provider away stops nothing else.
	 */
	@Test
	void anIssuerWhoseMetadataCannotBeReadFailsTheDocumentNotTheService() {
		Map<String, String> properties = new LinkedHashMap<>(LocalInfrastructure.properties());
		properties.put("server.port", "0");
		properties.put("exports.security.swagger-ui.issuer-uri", idp.baseUrl() + "/realms/gone");
		properties.put("exports.security.swagger-ui.client-id", "aep-swagger-ui");
		try (ServiceContext withoutIssuer = ServiceContext.start(properties)) {
			RestTestClient.bindToServer()
				.baseUrl(withoutIssuer.baseUrl())
				.build()
				.get()
				.uri("/v3/api-docs")
				.exchange()
				.expectStatus()
				.isEqualTo(500);
			withoutIssuer.client().api().get().uri("/destinations").exchange().expectStatus().isOk();
		}
	}

	@Test
	void anIssuerWithoutAClientStopsTheServiceFromStarting() {
		Map<String, String> properties = new LinkedHashMap<>(LocalInfrastructure.properties());
		properties.put("server.port", "0");
		properties.put("exports.security.swagger-ui.issuer-uri", idp.baseUrl() + "/realms/acme");

		assertThatException().isThrownBy(() -> ServiceContext.start(properties).close())
			.havingRootCause()
			.withMessageContaining("exports.security.swagger-ui.client-id");
	}

	private static String text(String uri) {
		return anonymous.get()
			.uri(uri)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.returnResult()
			.getResponseBody();
	}

}
