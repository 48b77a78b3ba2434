package com.acme.aepexport.api;

import java.net.URI;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.notFound;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Swagger UI's sign-in endpoints come from the issuer's own metadata, over real HTTP.
 */
class AuthorizationServerTest {

	private static final WireMockServer idp = new WireMockServer(WireMockConfiguration.options().dynamicPort());

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@BeforeAll
	static void start() {
		idp.start();
	}

	@AfterAll
	static void stop() {
		idp.stop();
	}

	@BeforeEach
	void reset() {
		idp.resetAll();
	}

	@Test
	void anOpenIdConnectIssuerIsReadFromItsDiscoveryDocument() {
		URI issuer = URI.create(idp.baseUrl() + "/realms/acme");
		idp.stubFor(get("/realms/acme/.well-known/openid-configuration")
			.willReturn(okJson(metadata(issuer, "/realms/acme/protocol/openid-connect"))));

		AuthorizationServer server = AuthorizationServer.of(issuer, JSON);

		assertThat(server.authorizationEndpoint())
			.isEqualTo(URI.create(idp.baseUrl() + "/realms/acme/protocol/openid-connect/auth"));
		assertThat(server.tokenEndpoint())
			.isEqualTo(URI.create(idp.baseUrl() + "/realms/acme/protocol/openid-connect/token"));
	}

	@Test
	void anIssuerWithoutOpenIdConnectIsReadFromItsRfc8414Metadata() {
		URI issuer = URI.create(idp.baseUrl() + "/tenant/");
		idp.stubFor(get("/tenant/.well-known/openid-configuration").willReturn(notFound()));
		idp.stubFor(get("/.well-known/oauth-authorization-server/tenant")
			.willReturn(okJson(metadata(issuer, "/tenant/oauth2"))));

		assertThat(AuthorizationServer.of(issuer, JSON).tokenEndpoint())
			.isEqualTo(URI.create(idp.baseUrl() + "/tenant/oauth2/token"));
	}

	@Test
	void metadataOfAnotherIssuerOrNoneAtAllIsRefusedNamingTheIssuer() {
		URI issuer = URI.create(idp.baseUrl() + "/realms/acme");
		idp.stubFor(get("/realms/acme/.well-known/openid-configuration")
			.willReturn(okJson(metadata(URI.create("https://elsewhere.example.com"), "/x"))));
		assertThatIllegalStateException().isThrownBy(() -> AuthorizationServer.of(issuer, JSON))
			.withMessageContaining("https://elsewhere.example.com")
			.withMessageContaining(issuer.toString());

		URI unknown = URI.create(idp.baseUrl() + "/realms/none");
		assertThatIllegalStateException().isThrownBy(() -> AuthorizationServer.of(unknown, JSON))
			.withMessageContaining(unknown.toString())
			.withMessageContaining("404")
			.withMessageContaining("exports.security.swagger-ui.issuer-uri");
	}

	private static String metadata(URI issuer, String endpoints) {
		return """
				{"issuer": "%s", "authorization_endpoint": "%s/auth", "token_endpoint": "%s/token",
				 "jwks_uri": "%s/certs", "code_challenge_methods_supported": ["S256"]}""".formatted(issuer,
				idp.baseUrl() + endpoints, idp.baseUrl() + endpoints, idp.baseUrl() + endpoints);
	}

}
