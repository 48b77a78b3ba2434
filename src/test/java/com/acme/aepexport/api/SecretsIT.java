package com.acme.aepexport.api;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import com.acme.aepexport.support.IntegrationTest;

import static com.acme.aepexport.support.AdobeJournal.FLOW_SERVICE;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Submitted secrets reach Adobe and nowhere else: not a log line, not an answer of ours,
 * not a row in any table (credentials are stored encrypted and deleted once Adobe holds
 * them) — not even when Adobe quotes one in an error.
 */
@ExtendWith(OutputCaptureExtension.class)
class SecretsIT extends IntegrationTest {

	private static final SecureRandom random = new SecureRandom();

	@Test
	void noSubmittedSecretIsLoggedReturnedOrStored(CapturedOutput output) {
		List<String> secrets = new ArrayList<>();
		List<String> answers = new ArrayList<>();
		List<String> exports = new ArrayList<>();
		for (String example : List.of("AMAZON_S3", "AZURE_BLOB", "ADLS_GEN2", "GOOGLE_CLOUD_STORAGE", "SFTP",
				"SFTP_SSH_KEY")) {
			ObjectNode body = withFreshSecrets(example(example, newSandbox()), secrets);
			JsonNode accepted = postJson("/exports", body.toString(), 202);
			answers.add(accepted.toString());
			exports.add(accepted.path("id").asString());
		}
		for (String id : exports) {
			JsonNode finished = awaitFinished(id);
			assertThat(finished.path("status").asString()).as(finished.toString()).isEqualTo("SUCCEEDED");
			answers.add(finished.toString());
			assertThat(this.jdbc.queryForObject("select count(*) from export_credential where export_id = ?::uuid",
					Integer.class, id))
				.as("the credentials are deleted once the base connection exists")
				.isZero();
		}
		answers.add(getJson("/exports?size=100", 200).toString());
		answers.add(getJson("/destinations", 200).toString());
		answers.add(getJson("/v3/api-docs", 200).toString());

		String everything = String.join("\n", answers) + "\n" + output.getAll() + "\n" + dumpOfEveryTable();
		for (String secret : secrets) {
			assertThat(everything).doesNotContain(secret);
		}
		assertThat(secrets).hasSize(8);
	}

	@Test
	void aSecretAdobeQuotesInAnErrorIsBlankedOut(CapturedOutput output) {
		List<String> secrets = new ArrayList<>();
		String sandbox = newSandbox();
		ObjectNode body = withFreshSecrets(example("AMAZON_S3", sandbox), secrets);
		String secretKey = secrets.get(1);
		this.adobe.stubFor(post(urlPathEqualTo(FLOW_SERVICE + "/connections")).atPriority(1)
			.withHeader("x-sandbox-name", equalTo(sandbox))
			.willReturn(aResponse().withStatus(400)
				.withHeader("Content-Type", "application/json")
				.withBody("{\"errorMessage\": \"Invalid credentials: s3SecretKey " + secretKey
						+ " was refused\", \"errorDetails\": \"\"}")));

		String id = postJson("/exports", body.toString(), 202).path("id").asString();
		JsonNode failed = awaitFinished(id);

		assertThat(failed.path("status").asString()).isEqualTo("FAILED");
		assertThat(failed.path("error").path("message").asString())
			.isEqualTo("Invalid credentials: s3SecretKey [redacted] was refused");
		assertThat(output.getAll() + failed + dumpOfEveryTable()).doesNotContain(secretKey);
	}

	/**
	 * Replaces the example's credentials with values never seen before, and remembers
	 * them.
	 */
	private static ObjectNode withFreshSecrets(ObjectNode body, List<String> secrets) {
		ObjectNode credentials = (ObjectNode) body.path("destination").path("credentials");
		Map<String, String> fresh = Map.of("accessKeyId", random("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", 20),
				"secretAccessKey", random("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", 40),
				"connectionString", "DefaultEndpointsProtocol=https;AccountKey=" + random("abcdef0123456789", 32),
				"servicePrincipalKey", random("abcdef0123456789", 32), "password", random("abcdef0123456789", 24),
				"sshKey", Base64.getEncoder().encodeToString(random("abcdef0123456789", 48).getBytes()));
		fresh.forEach((field, value) -> {
			if (credentials.has(field)) {
				credentials.put(field, value);
				secrets.add(value);
			}
		});
		return body;
	}

	private static String random(String alphabet, int length) {
		StringBuilder text = new StringBuilder();
		for (int i = 0; i < length; i++) {
			text.append(alphabet.charAt(random.nextInt(alphabet.length())));
		}
		return text.toString();
	}

	/** Every row of every table of ours, as text. */
	private String dumpOfEveryTable() {
		StringBuilder dump = new StringBuilder();
		for (String table : this.jdbc.queryForList(
				"select table_name from information_schema.tables where table_schema = 'public'", String.class)) {
			this.jdbc.queryForList("select * from " + table)
				.forEach((row) -> dump.append(table).append(row).append('\n'));
		}
		return dump.toString();
	}

}
