package com.acme.aepexport.export;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.core.io.ClassPathResource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The destination table: each {@link DestinationType} row has its own record and an
 * example body, and a destination is stored under its row's name without its credentials.
 */
class DestinationTypeTest {

	@Test
	void everyRowHasARecordOfItsOwnAndEveryRecordARow() {
		List<Class<?>> records = Arrays.stream(DestinationType.values())
			.<Class<?>>map(DestinationType::record)
			.toList();

		assertThat(records).doesNotContainNull()
			.doesNotHaveDuplicates()
			.containsExactlyInAnyOrder(Destination.class.getPermittedSubclasses());
	}

	@Test
	void everyRowHasAnExampleBodyOfItsType() throws IOException {
		for (DestinationType type : DestinationType.values()) {
			JsonNode destination = example(type.name()).path("destination");

			assertThat(destination.path("type").asString()).as(type.name()).isEqualTo(type.name());
			assertThat(ExportSpecJson.MAPPER.treeToValue(destination, Destination.class)).as(type.name())
				.isInstanceOf(type.record())
				.extracting(Destination::type)
				.isEqualTo(type);
		}
	}

	@Test
	void aDestinationIsStoredUnderItsRowsNameWithoutItsCredentials() throws IOException {
		for (DestinationType type : DestinationType.values()) {
			Destination sent = ExportSpecJson.MAPPER.treeToValue(example(type.name()).path("destination"),
					Destination.class);

			String stored = ExportSpecJson.MAPPER.writeValueAsString(sent);
			Destination read = ExportSpecJson.MAPPER.readValue(stored, Destination.class);

			assertThat(sent.credentials()).as(type.name()).isNotNull();
			assertThat(stored).as(type.name())
				.contains("\"type\":\"" + type.name() + "\"")
				.doesNotContain("credentials");
			sent.credentials().secrets().forEach((secret) -> assertThat(stored).doesNotContain(secret));
			assertThat(read.type()).isEqualTo(type);
			assertThat(read.path()).isEqualTo(sent.path());
			assertThat(read.credentials())
				.isEqualTo((type == DestinationType.DATA_LANDING_ZONE) ? Credentials.NONE : null);
		}
	}

	@Test
	void aSpecStoredBeforeDestinationsHeldTheirCredentialsStillLoads() {
		String stored = """
				{"name":"churn-risk-weekly","sandbox":"prod",
				 "destination":{"type":"AZURE_BLOB","container":"acme","path":"exports/churn"},
				 "file":{"format":"CSV","compression":"GZIP","csv":null,"pgpPublicKey":null},
				 "audiences":[],"mapping":[],"mandatoryFields":[],"deduplicationKeys":[]}""";

		ExportSpec spec = new ExportSpecJson().convertToEntityAttribute(stored);

		assertThat(spec.destination()).isEqualTo(new Destination.AzureBlob("acme", "exports/churn", null));
	}

	@Test
	void aDestinationHoldingCredentialsShowsNoSecret() {
		Destination sftp = new Destination.Sftp("/in", new Credentials.Sftp("sftp.acme", "aep", "hunter2", null));

		assertThat(sftp.toString()).doesNotContain("hunter2");
	}

	private static JsonNode example(String name) throws IOException {
		try (InputStream body = new ClassPathResource("openapi/examples/" + name + ".json").getInputStream()) {
			return ExportSpecJson.MAPPER.readTree(body);
		}
	}

}
