package com.acme.aepexport.api;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import jakarta.validation.Validation;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.core.io.ClassPathResource;

import com.acme.aepexport.export.Credentials;
import com.acme.aepexport.export.Destination;
import com.acme.aepexport.export.DestinationType;
import com.acme.aepexport.export.DestinationTypeNames;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RequestReaderTest {

	private static final JsonMapper JSON = JsonMapper.builder().addModule(new DestinationTypeNames()).build();

	private final RequestReader reader = new RequestReader(JSON, Validation.buildDefaultValidatorFactory());

	@Test
	void aDestinationIsReadAsTheRecordOfItsTypeWithItsCredentials() throws IOException {
		JsonNode body = example("SFTP_SSH_KEY");

		ExportRequest request = this.reader.read(body, ExportRequest.class);

		assertThat(request.destination())
			.isEqualTo(new Destination.Sftp("/incoming/audiences", new Credentials.Sftp("sftp.acme.example", "aep",
					null, body.at("/destination/credentials/sshKey").asString())));
	}

	@Test
	void anUnknownTypeIsRefusedNamingEveryRow() throws IOException {
		ObjectNode body = example("AMAZON_S3");
		((ObjectNode) body.path("destination")).put("type", "DROPBOX");

		assertThatThrownBy(() -> this.reader.read(body, ExportRequest.class)).isInstanceOfSatisfying(
				InvalidRequest.class,
				(invalid) -> assertThat(invalid.problems()).containsExactly(new FieldProblem("destination.type",
						"must be one of [AMAZON_S3, AZURE_BLOB, ADLS_GEN2, DATA_LANDING_ZONE, GOOGLE_CLOUD_STORAGE, SFTP]")));
	}

	/**
	 * An idempotency key's fingerprint is keyed on the credentials too, written as they
	 * were before destinations held them: a retry with other credentials is another
	 * request, and a fingerprint stored before still matches.
	 */
	@Test
	void theCanonicalRequestHoldsTheCredentialsAsTheyWereSent() throws IOException {
		for (DestinationType type : DestinationType.values()) {
			JsonNode sent = example(type.name());

			String canonical = new String(this.reader.canonical(this.reader.read(sent, ExportRequest.class)),
					StandardCharsets.UTF_8);

			JsonNode destination = JSON.readTree(canonical).path("destination");
			if (type == DestinationType.DATA_LANDING_ZONE) {
				assertThat(destination.has("credentials")).isFalse();
			}
			else {
				assertThat(destination.path("credentials").propertyNames()).as(type.name())
					.doesNotContain("kind")
					.containsAll(sent.path("destination").path("credentials").propertyNames());
				sent.path("destination")
					.path("credentials")
					.properties()
					.forEach((field) -> assertThat(destination.path("credentials").path(field.getKey()))
						.isEqualTo(field.getValue()));
			}
			assertThat(canonical).startsWith("{\"name\":")
				.contains("\"destination\":{\"type\":\"" + type.name() + "\"");
		}
	}

	@Test
	void theCanonicalDestinationIsWrittenAsTheRequestRecordsWroteIt() throws IOException {
		JsonNode sent = example("SFTP_SSH_KEY");

		String canonical = new String(this.reader.canonical(this.reader.read(sent, ExportRequest.class)),
				StandardCharsets.UTF_8);

		assertThat(canonical).contains("\"destination\":{\"type\":\"SFTP\",\"path\":\"/incoming/audiences\","
				+ "\"credentials\":{\"domain\":\"sftp.acme.example\",\"username\":\"aep\",\"password\":null,"
				+ "\"sshKey\":\"" + sent.at("/destination/credentials/sshKey").asString() + "\"}}");
	}

	private static ObjectNode example(String name) throws IOException {
		try (InputStream body = new ClassPathResource("openapi/examples/" + name + ".json").getInputStream()) {
			return (ObjectNode) JSON.readTree(body);
		}
	}

}
