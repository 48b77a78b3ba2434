package com.acme.aepexport.api;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.RestTestClient;

import com.acme.aepexport.AepExportFacadeApplication;
import com.acme.aepexport.support.AdobeJournal;
import com.acme.aepexport.support.IntegrationTest;
import com.acme.aepexport.support.LocalInfrastructure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Only callers with a valid token and the right scope get in, and each sees only their
 * own exports unless they are an admin.
 */
class SecurityIT extends IntegrationTest {

	@Test
	void noTokenOrABadTokenIs401WithAProblem() {
		JsonNode problem = bearing(null).get()
			.uri("/exports")
			.exchange()
			.expectStatus()
			.isUnauthorized()
			.expectHeader()
			.valueMatches(HttpHeaders.WWW_AUTHENTICATE, "Bearer.*")
			.expectHeader()
			.contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody(JsonNode.class)
			.returnResult()
			.getResponseBody();
		assertThat(problem.path("type").asString())
			.isEqualTo("https://aep-export-facade.acme.com/problems/unauthorized");

		// Another character in the middle of the signature (the last one carries unused
		// bits: changing it may leave the signature valid).
		String signed = token(CALLER, "exports:read");
		int at = signed.lastIndexOf('.') + 10;
		String forged = signed.substring(0, at) + ((signed.charAt(at) == 'A') ? 'B' : 'A') + signed.substring(at + 1);
		bearing(forged).get().uri("/exports").exchange().expectStatus().isUnauthorized();
	}

	@Test
	void aTokenForAnotherAudienceOrNamingNoOneIs401NotA500() {
		bearing(LocalInfrastructure.tokenFor("another-service", CALLER, "exports:read")).get()
			.uri("/exports")
			.exchange()
			.expectStatus()
			.isUnauthorized();
		JsonNode problem = bearing(
				LocalInfrastructure.tokenFor("aep-export-facade", null, "exports:read", "exports:write"))
			.post()
			.uri("/exports")
			.contentType(MediaType.APPLICATION_JSON)
			.body(example("AMAZON_S3", newSandbox()))
			.exchange()
			.expectStatus()
			.isUnauthorized()
			.expectBody(JsonNode.class)
			.returnResult()
			.getResponseBody();
		assertThat(problem.path("type").asString())
			.isEqualTo("https://aep-export-facade.acme.com/problems/unauthorized");
	}

	/** A plan needs what starting the export needs: exports:write. */
	@Test
	void aPlanWithoutTheWriteScopeIs403AndReachesNoAdobe() {
		String sandbox = newSandbox();
		String body = example("AMAZON_S3", sandbox).toString();

		JsonNode problem = bearing(token(CALLER, "exports:read")).post()
			.uri("/exports/plan")
			.contentType(MediaType.APPLICATION_JSON)
			.body(body)
			.exchange()
			.expectStatus()
			.isForbidden()
			.expectBody(JsonNode.class)
			.returnResult()
			.getResponseBody();

		assertThat(problem.path("type").asString()).isEqualTo("https://aep-export-facade.acme.com/problems/forbidden");
		assertThat(AdobeJournal.of(this.adobe, sandbox).calls()).isEmpty();
		bearing(null).post()
			.uri("/exports/plan")
			.contentType(MediaType.APPLICATION_JSON)
			.body(body)
			.exchange()
			.expectStatus()
			.isUnauthorized();
		bearing(token(CALLER, "exports:write")).post()
			.uri("/exports/plan")
			.contentType(MediaType.APPLICATION_JSON)
			.body(body)
			.exchange()
			.expectStatus()
			.isOk();
	}

	@Test
	void aMissingScopeIs403AndNothingIsStarted() {
		String sandbox = newSandbox();
		JsonNode problem = bearing(token(CALLER, "exports:read")).post()
			.uri("/exports")
			.contentType(MediaType.APPLICATION_JSON)
			.body(example("AMAZON_S3", sandbox).toString())
			.exchange()
			.expectStatus()
			.isForbidden()
			.expectBody(JsonNode.class)
			.returnResult()
			.getResponseBody();

		assertThat(problem.path("type").asString()).isEqualTo("https://aep-export-facade.acme.com/problems/forbidden");
		assertThat(AdobeJournal.of(this.adobe, sandbox).calls()).isEmpty();
		bearing(token(CALLER, "exports:write")).get().uri("/exports").exchange().expectStatus().isForbidden();
	}

	@Test
	void anotherOwnersExportIsNotFoundNorListedNorResumable() {
		String mine = startExport(example("DATA_LANDING_ZONE", newSandbox()));
		RestTestClient other = bearing(token("someone-else", "exports:read", "exports:write"));

		other.get().uri("/exports/{id}", mine).exchange().expectStatus().isNotFound();
		other.post().uri("/exports/{id}/resume", mine).exchange().expectStatus().isNotFound();
		JsonNode theirList = other.get()
			.uri("/exports?size=100")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(JsonNode.class)
			.returnResult()
			.getResponseBody();
		assertThat(theirList.path("items").findValuesAsString("id")).doesNotContain(mine);
		assertThat(getExport(mine).path("id").asString()).isEqualTo(mine);
		assertThat(this.jdbc.queryForObject("select owner from export where id = ?::uuid", String.class, mine))
			.isEqualTo(CALLER);
	}

	@Test
	void anAdminSeesAndListsEveryOwnersExports() {
		String mine = startExport(example("DATA_LANDING_ZONE", newSandbox()));
		RestTestClient admin = bearing(token("operator", "exports:admin"));

		admin.get().uri("/exports/{id}", mine).exchange().expectStatus().isOk();
		JsonNode all = admin.get()
			.uri("/exports?size=100")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(JsonNode.class)
			.returnResult()
			.getResponseBody();
		assertThat(all.path("items").findValuesAsString("id")).contains(mine);
	}

	@Test
	void theApiDocumentNeedsNoToken() {
		bearing(null).get().uri("/v3/api-docs").exchange().expectStatus().isOk();
		bearing(null).get().uri("/swagger-ui/index.html").exchange().expectStatus().isOk();
	}

	/**
	 * The kubelet and Prometheus call without a token; nothing else of the actuator is
	 * open, on its port or the API's.
	 */
	@Test
	void theActuatorsPortServesHealthInfoAndMetricsWithoutATokenAndNothingElse() {
		RestTestClient anonymous = management(null);
		for (String open : new String[] { "/actuator/health", "/actuator/health/readiness", "/actuator/info",
				"/actuator/prometheus" }) {
			anonymous.get().uri(open).exchange().expectStatus().isOk();
		}
		anonymous.get().uri("/actuator/env").exchange().expectStatus().isUnauthorized();
		management(token(CALLER, "exports:admin")).get().uri("/actuator/env").exchange().expectStatus().isForbidden();
		// The API's port (what the Ingress serves) has no actuator at all.
		bearing(null).get().uri("/actuator/health").exchange().expectStatus().isNotFound();
		bearing(null).get().uri("/actuator/prometheus").exchange().expectStatus().isNotFound();
	}

	@Test
	void theServiceRefusesToStartWithoutAWayToCheckTokens() {
		Map<String, Object> properties = new HashMap<>(LocalInfrastructure.properties());
		properties.remove("spring.security.oauth2.resourceserver.jwt.public-key-location");
		properties.put("server.port", "0");
		properties.put("management.server.port", "0");

		assertThatThrownBy(() -> new SpringApplicationBuilder(AepExportFacadeApplication.class).properties(properties)
			.run()
			.close()).hasStackTraceContaining("Callers cannot be authenticated")
			.hasStackTraceContaining("exports.security.enabled=false");
	}

	private RestTestClient bearing(String token) {
		return on(this.port, token);
	}

	private RestTestClient management(String token) {
		return on(this.managementPort, token);
	}

	private static RestTestClient on(int port, String token) {
		RestTestClient.Builder<?> client = RestTestClient.bindToServer().baseUrl("http://localhost:" + port);
		if (token != null) {
			client.defaultHeader(HttpHeaders.AUTHORIZATION, "Bearer " + token);
		}
		return client.build();
	}

}
