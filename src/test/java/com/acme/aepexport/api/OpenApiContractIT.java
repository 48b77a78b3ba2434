package com.acme.aepexport.api;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.report.ValidationReport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

import com.acme.aepexport.export.DestinationType;
import com.acme.aepexport.support.ContractCheck;
import com.acme.aepexport.support.IntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * The contract other teams generate clients from: the document the service serves is the
 * one committed in {@code src/main/resources/openapi/aep-export-facade.yaml}, so that
 * every change to it is a visible diff, and it says what a generated client needs.
 */
class OpenApiContractIT extends IntegrationTest {

	static final Path COMMITTED = ContractCheck.COMMITTED;

	private static final Path SERVED = Path.of("target/openapi/aep-export-facade.yaml");

	private static final YAMLMapper YAML = YAMLMapper.builder().build();

	@Test
	void theServedDocumentIsTheCommittedOne() throws IOException {
		String served = getText("/v3/api-docs.yaml");
		Files.createDirectories(SERVED.getParent());
		Files.writeString(SERVED, served, StandardCharsets.UTF_8);

		List<String> differences = new ArrayList<>();
		differences(YAML.readTree(Files.readString(COMMITTED)), YAML.readTree(served), "", differences);
		if (!differences.isEmpty()) {
			fail("""
					The API the service serves is not the committed contract %s. Where they differ:
					  %s
					If the change is meant (and safe for the clients generated from it), commit it:
					  cp %s %s""".formatted(COMMITTED,
					String.join("\n  ", differences.subList(0, Math.min(differences.size(), 30))), SERVED, COMMITTED));
		}
	}

	@Test
	void everyOperationIsNamedTaggedSecuredAndAnswersErrorsAsProblems() {
		JsonNode document = document();
		assertThat(document.path("openapi").asString()).isEqualTo("3.0.3");
		assertThat(document.at("/components/securitySchemes/bearer/scheme").asString()).isEqualTo("bearer");
		assertThat(document.at("/security/0").propertyNames()).containsExactly("bearer");
		List<String> operationIds = new ArrayList<>();
		document.path("paths").properties().forEach((path) -> path.getValue().properties().forEach((method) -> {
			JsonNode operation = method.getValue();
			String where = method.getKey() + " " + path.getKey();
			operationIds.add(operation.path("operationId").asString());
			assertThat(operation.path("tags").size()).as("tags of %s", where).isOne();
			assertThat(operation.path("summary").asString()).as("summary of %s", where).isNotBlank();
			assertThat(operation.path("responses").propertyNames()).as("responses of %s", where)
				.contains("401", "403", "500", "503");
			operation.path("responses").properties().forEach((response) -> {
				if (response.getKey().compareTo("400") >= 0) {
					assertThat(response.getValue().at("/content/application~1problem+json/schema/$ref").asString())
						.as("%s answering %s", where, response.getKey())
						.isEqualTo("#/components/schemas/Problem");
				}
			});
		}));
		assertThat(operationIds).containsExactlyInAnyOrder("startExport", "listExports", "getExport", "changeExport",
				"deleteExport", "resumeExport", "pauseExport", "unpauseExport", "activateExport", "getActivation",
				"listRuns", "getRun", "listHistory", "listDestinations", "subscribeWebhook", "listWebhooks",
				"getWebhook", "deleteWebhook", "listWebhookDeliveries", "redeliverWebhook", "importExport",
				"planExport");
		assertThat(document.at("/components/schemas/Problem/properties/errors/items/$ref").asString())
			.isEqualTo("#/components/schemas/FieldError");
	}

	@Test
	void theDestinationIsOneOfSixTypesToldApartByTypeWithWriteOnlyCredentials() {
		JsonNode schemas = document().path("components").path("schemas");
		JsonNode destination = schemas.path("Destination");
		assertThat(destination.path("discriminator").path("propertyName").asString()).isEqualTo("type");
		assertThat(destination.path("oneOf")).hasSize(6);
		assertThat(destination.has("properties")).as("the parent holds no fields of its own").isFalse();
		destination.path("discriminator").path("mapping").properties().forEach((mapping) -> {
			JsonNode subtype = schemas.path(mapping.getValue().asString().replace("#/components/schemas/", ""));
			assertThat(subtype.has("allOf")).as("%s refers back to its parent", mapping.getKey()).isFalse();
			assertThat(subtype.at("/properties/type/enum").valueStream().map(JsonNode::asString))
				.containsExactly(mapping.getKey());
			assertThat(subtype.path("required").valueStream().map(JsonNode::asString)).contains("type");
			JsonNode credentials = subtype.at("/properties/credentials");
			if (credentials.isObject()) {
				JsonNode referred = schemas
					.path(credentials.path("$ref").asString("").replace("#/components/schemas/", ""));
				assertThat(credentials.path("writeOnly").asBoolean() || referred.path("writeOnly").asBoolean())
					.as("credentials of %s", mapping.getKey())
					.isTrue();
			}
		});
		assertThat(destination.path("discriminator").path("mapping").propertyNames())
			.containsExactlyInAnyOrderElementsOf(
					Arrays.stream(DestinationType.values()).map(DestinationType::name).toList());
	}

	@Test
	void formatsEnumsAndHeadersAreThere() {
		JsonNode document = document();
		JsonNode schemas = document.path("components").path("schemas");
		assertThat(schemas.at("/Export/properties/id/format").asString()).isEqualTo("uuid");
		assertThat(schemas.at("/Export/properties/createdAt/format").asString()).isEqualTo("date-time");
		assertThat(schemas.at("/Schedule/properties/startDate/format").asString()).isEqualTo("date");
		// Each closed value is one named schema, used by reference wherever it appears.
		assertThat(schemas.at("/Export/properties/status/$ref").asString())
			.isEqualTo("#/components/schemas/ExportStatus");
		assertThat(schemas.at("/ExportSummary/properties/status/$ref").asString())
			.isEqualTo("#/components/schemas/ExportStatus");
		assertThat(schemas.at("/ExportStatus/enum")).hasSize(6);
		assertThat(schemas.at("/FileOptions/properties/format/allOf/0/$ref").asString())
			.isEqualTo("#/components/schemas/FileFormat");
		assertThat(schemas.at("/FileOptions/properties/format/default").asString()).isEqualTo("CSV");
		assertThat(schemas.at("/ExportedSchedule/properties/trigger/nullable").asBoolean()).isTrue();
		assertThat(document.at("/paths/~1exports/get/parameters/0/schema/$ref").asString())
			.isEqualTo("#/components/schemas/ExportStatus");
		JsonNode start = document.at("/paths/~1exports/post");
		assertThat(start.at("/responses/202/headers/Location").isObject()).isTrue();
		assertThat(start.path("parameters").findValuesAsString("name")).contains("Idempotency-Key");
		assertThat(start.path("requestBody").path("required").asBoolean()).isTrue();
	}

	/** Each example Swagger UI offers is a request the committed contract accepts. */
	@ParameterizedTest
	@MethodSource("com.acme.aepexport.support.ExampleBodies#names")
	void everyExampleFitsTheContract(String name) throws IOException {
		OpenApiInteractionValidator validator = OpenApiInteractionValidator
			.createForInlineApiSpecification(Files.readString(COMMITTED))
			.build();

		ValidationReport report = validator.validateRequest(SimpleRequest.Builder.post("/exports")
			.withContentType("application/json")
			.withAuthorization("Bearer token")
			.withBody(example(name, "prod").toString())
			.build());

		assertThat(report.getMessages()).as(name).isEmpty();
	}

	@Test
	void aRequestTheContractRefusesIsRefusedByTheServiceToo() throws IOException {
		OpenApiInteractionValidator validator = OpenApiInteractionValidator
			.createForInlineApiSpecification(Files.readString(COMMITTED))
			.build();
		String body = example("AMAZON_S3", newSandbox()).put("name", "").toString();

		Request request = SimpleRequest.Builder.post("/exports")
			.withContentType("application/json")
			.withAuthorization("Bearer token")
			.withBody(body)
			.build();

		assertThat(validator.validateRequest(request).hasErrors()).isTrue();
		assertThat(postJson("/exports", body, 400).path("errors").findValuesAsString("field")).containsExactly("name");
	}

	private JsonNode document() {
		return YAML.readTree(getText("/v3/api-docs.yaml"));
	}

	private static void differences(JsonNode committed, JsonNode served, String at, List<String> differences) {
		if (committed.isObject() && served.isObject()) {
			TreeSet<String> names = new TreeSet<>(committed.propertyNames());
			names.addAll(served.propertyNames());
			for (String name : names) {
				String path = at + "/" + name.replace("~", "~0").replace("/", "~1");
				if (!committed.has(name)) {
					differences.add("added:   " + path);
				}
				else if (!served.has(name)) {
					differences.add("removed: " + path);
				}
				else {
					differences(committed.get(name), served.get(name), path, differences);
				}
			}
		}
		else if (!committed.equals(served)) {
			differences.add("changed: " + at + " was " + abbreviated(committed) + ", is " + abbreviated(served));
		}
	}

	private static String abbreviated(JsonNode node) {
		String text = node.toString();
		return (text.length() > 80) ? text.substring(0, 77) + "..." : text;
	}

}
