package com.acme.aepexport.lifecycle;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.EntityExchangeResult;
import org.springframework.test.web.servlet.client.RestTestClient;

import com.acme.aepexport.export.CredentialVault;
import com.acme.aepexport.export.ExportService;
import com.acme.aepexport.support.IntegrationTest;
import com.acme.aepexport.support.LocalInfrastructure;
import com.acme.aepexport.support.ServiceContext;

import static com.acme.aepexport.support.AdobeJournal.FLOW_SERVICE;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;
import static org.awaitility.Awaitility.await;

/**
 * Credentials are kept only while they may still be needed: until the base connection
 * holds them, until the export is deleted, or until a failed export has waited for a
 * resume long enough. A key rotation keeps idempotency working, and a key that is not the
 * one its id stood for stops the service from starting.
 */
class CredentialsLifecycleIT extends IntegrationTest {

	@Autowired
	private ExportService exports;

	@Autowired
	private CredentialVault vault;

	@Test
	void theCredentialsOfAnExportThatFailedBeforeItsBaseConnectionGoWithItsDelete() {
		String id = failedBeforeTheBaseConnection();
		assertThat(storedCredentials(id)).isEqualTo(1);

		this.api.delete().uri("/exports/{id}", id).exchange().expectStatus().isAccepted();

		assertThat(storedCredentials(id)).isZero();
		await().atMost(Duration.ofSeconds(15))
			.until(() -> getExport(id).path("status").asString(), (status) -> status.equals("DELETED"));
	}

	@Test
	void aFailedExportKeepsItsCredentialsForItsRetentionThenCannotBeResumed() {
		String id = failedBeforeTheBaseConnection();
		this.vault.purgeOfFailedExports();
		assertThat(storedCredentials(id)).as("within the retention").isEqualTo(1);

		this.jdbc.update("update export set updated_at = now() - interval '8 days' where id = ?::uuid", id);
		this.vault.purgeOfFailedExports();

		assertThat(storedCredentials(id)).isZero();
		JsonNode problem = this.api.post()
			.uri("/exports/{id}/resume", id)
			.exchange()
			.expectStatus()
			.isEqualTo(409)
			.expectBody(JsonNode.class)
			.returnResult()
			.getResponseBody();
		assertThat(problem.path("detail").asString()).contains("credentials were deleted")
			.contains("start a new export");
	}

	/**
	 * After a rotation (a new key under a new id, the old one among the previous keys), a
	 * retry of a request made before it is still known for what it is.
	 */
	@Test
	void anIdempotentRetryAfterAKeyRotationAnswersTheExportTheFirstRequestMade() {
		String key = "rotation-" + UUID.randomUUID();
		String body = example("DATA_LANDING_ZONE", newSandbox()).toString();
		String first = postIdempotently(this.api, key, body).getResponseBody().path("id").asString();

		Map<String, String> rotated = new HashMap<>(LocalInfrastructure.properties());
		String oldKey = rotated.get("exports.credentials.encryption-key");
		rotated.put("exports.credentials.encryption-key", newKey());
		rotated.put("exports.credentials.key-id", "rotated-" + UUID.randomUUID().toString().substring(0, 8));
		rotated.put("exports.credentials.previous-keys.default", oldKey);
		rotated.put("server.port", "0");
		try (ServiceContext afterRotation = ServiceContext.start(rotated)) {
			EntityExchangeResult<JsonNode> retry = postIdempotently(afterRotation.client().api(), key, body);

			assertThat(retry.getResponseBody().path("id").asString()).isEqualTo(first);
			assertThat(retry.getResponseHeaders().getFirst("Idempotent-Replayed")).isEqualTo("true");
		}
	}

	@Test
	void aKeyThatIsNotTheOneItsIdStoodForStopsTheServiceFromStarting() {
		Map<String, String> wrong = new HashMap<>(LocalInfrastructure.properties());
		wrong.put("exports.credentials.encryption-key", newKey());
		wrong.put("server.port", "0");

		assertThatException().isThrownBy(() -> ServiceContext.start(wrong).close())
			.havingRootCause()
			.withMessageContaining("the key configured with id 'default' is not the key that id stood for");
	}

	private String failedBeforeTheBaseConnection() {
		String sandbox = newSandbox();
		this.adobe.stubFor(post(urlPathEqualTo(FLOW_SERVICE + "/connections")).atPriority(1)
			.withHeader("x-sandbox-name", equalTo(sandbox))
			.willReturn(aResponse().withStatus(400)
				.withHeader("Content-Type", "application/json")
				.withBody("{\"errorMessage\": \"refused\"}")));
		String id = startExport(example("AMAZON_S3", sandbox));
		assertThat(awaitFinished(id).path("status").asString()).isEqualTo("FAILED");
		return id;
	}

	private int storedCredentials(String id) {
		return this.jdbc.queryForObject("select count(*) from export_credential where export_id = ?::uuid",
				Integer.class, id);
	}

	private static EntityExchangeResult<JsonNode> postIdempotently(RestTestClient api, String key, String body) {
		return api.post()
			.uri("/exports")
			.header("Idempotency-Key", key)
			.contentType(MediaType.APPLICATION_JSON)
			.body(body)
			.exchange()
			.expectStatus()
			.isAccepted()
			.expectBody(JsonNode.class)
			.returnResult();
	}

	private static String newKey() {
		byte[] key = new byte[32];
		new SecureRandom().nextBytes(key);
		return Base64.getEncoder().encodeToString(key);
	}

}
