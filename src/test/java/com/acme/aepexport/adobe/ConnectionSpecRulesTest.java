package com.acme.aepexport.adobe;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.io.ClassPathResource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Requests checked against connection specs shaped as Adobe publishes them (the
 * emulator's copies of the six destinations).
 */
class ConnectionSpecRulesTest {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final ConnectionSpecRules rules = new ConnectionSpecRules(JSON);

	@Test
	void credentialsAreCheckedAgainstTheNamedAuthSpecWithoutQuotingThem() {
		ConnectionSpec s3 = spec("amazon-s3");

		List<ConnectionSpecRules.Violation> violations = this.rules.authViolations(s3, new BaseConnectionRequest.Auth(
				"Access Key", new BaseConnectionRequest.S3AccessKey("akia-lower-case", "short-secret")));

		assertThat(violations).extracting(ConnectionSpecRules.Violation::property)
			.containsExactlyInAnyOrder("s3AccessKey", "s3SecretKey");
		assertThat(violations).extracting(ConnectionSpecRules.Violation::message)
			.allMatch((message) -> message.startsWith("does not match the pattern Adobe's connection spec requires"))
			.noneMatch((message) -> message.contains("short-secret") || message.contains("akia-lower-case"));
	}

	@Test
	void validCredentialsPassAndAnUnknownAuthSpecIsNamed() {
		ConnectionSpec s3 = spec("amazon-s3");

		assertThat(this.rules.authViolations(s3,
				new BaseConnectionRequest.Auth("Access Key", new BaseConnectionRequest.S3AccessKey(
						"AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"))))
			.isEmpty();
		assertThat(this.rules.authViolations(s3,
				new BaseConnectionRequest.Auth("Role", new BaseConnectionRequest.S3AccessKey("A", "B"))))
			.extracting(ConnectionSpecRules.Violation::message)
			.containsExactly("Adobe's connection spec Amazon S3 has no authentication named 'Role'");
	}

	@Test
	void aDestinationWithoutAuthSpecNeedsNoCredentials() {
		assertThat(this.rules.authViolations(spec("data-landing-zone"), null)).isEmpty();
		assertThat(this.rules.authViolations(spec("amazon-s3"), null))
			.extracting(ConnectionSpecRules.Violation::property)
			.containsExactly("");
	}

	@Test
	void targetParametersAreCheckedWithoutTheDatasetOnlyOnes() {
		ConnectionSpec s3 = spec("amazon-s3");
		TargetConnectionRequest.Params valid = new TargetConnectionRequest.Params("Server-to-server", "acme-audiences",
				null, "exports/churn", null, "CSV", "GZIP",
				new TargetConnectionRequest.CsvOptions(",", "", "\\", "null", ""), true);

		assertThat(this.rules.targetViolations(s3, valid))
			.as("datasetFileType applies to dataset flows only; a manifest is asked for beside the spec's fields")
			.isEmpty();

		TargetConnectionRequest.Params invalid = new TargetConnectionRequest.Params("Server-to-server", "Acme_Bucket",
				null, null, null, "XML", "GZIP", null, null);
		assertThat(this.rules.targetViolations(s3, invalid)).extracting(ConnectionSpecRules.Violation::property)
			.containsExactlyInAnyOrder("bucketName", "path", "fileType");
	}

	@Test
	void csvOptionsAreCheckedOnlyForCsvFiles() {
		ConnectionSpec blob = spec("azure-blob");
		TargetConnectionRequest.CsvOptions badDelimiter = new TargetConnectionRequest.CsvOptions("#", "", "\\", "null",
				"");

		assertThat(this.rules.targetViolations(blob,
				new TargetConnectionRequest.Params("Server-to-server", null, "acme-audiences", "exports", null, "CSV",
						"NONE", badDelimiter, null)))
			.extracting(ConnectionSpecRules.Violation::property)
			.containsExactly("csvOptions.delimiter");
		assertThat(this.rules.targetViolations(blob, new TargetConnectionRequest.Params("Server-to-server", null,
				"acme-audiences", "exports", null, "JSON", "NONE", null, null)))
			.isEmpty();
	}

	@Test
	void oneSpecChecksEachExportWithThePropertiesThatApplyToIt() {
		ConnectionSpec blob = spec("azure-blob");
		TargetConnectionRequest.CsvOptions badDelimiter = new TargetConnectionRequest.CsvOptions("#", "", "\\", "null",
				"");
		TargetConnectionRequest.Params json = new TargetConnectionRequest.Params("Server-to-server", null,
				"acme-audiences", "exports", null, "JSON", "NONE", badDelimiter, null);
		TargetConnectionRequest.Params csv = new TargetConnectionRequest.Params("Server-to-server", null,
				"acme-audiences", "exports", null, "CSV", "NONE", badDelimiter, null);

		// The spec's schema is compiled once for each set of properties it drops: JSON
		// files drop csvOptions, CSV files keep it, in either order.
		assertThat(this.rules.targetViolations(blob, json)).as("csvOptions do not apply to JSON files").isEmpty();
		assertThat(this.rules.targetViolations(blob, csv)).extracting(ConnectionSpecRules.Violation::property)
			.containsExactly("csvOptions.delimiter");
		assertThat(this.rules.targetViolations(blob, json)).as("csvOptions do not apply to JSON files").isEmpty();
		assertThat(this.rules.targetViolations(spec("azure-blob"), csv)).as("the same spec read again")
			.extracting(ConnectionSpecRules.Violation::property)
			.containsExactly("csvOptions.delimiter");
	}

	private static ConnectionSpec spec(String name) {
		try (InputStream json = new ClassPathResource("emulator/connection-specs/" + name + ".json").getInputStream()) {
			JsonNode root = JSON.readTree(json);
			return JSON.treeToValue(root.has("items") ? root.get("items").get(0) : root, ConnectionSpec.class);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
