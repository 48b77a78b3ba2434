package com.acme.aepexport.api;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.Lifecycle;
import org.springframework.http.HttpHeaders;

import com.acme.aepexport.export.DestinationType;
import com.acme.aepexport.export.StepName;
import com.acme.aepexport.support.AdobeJournal;
import com.acme.aepexport.support.ExampleBodies;
import com.acme.aepexport.support.IntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The HTTP contract around the workflow: problems, listing, the destination catalog and
 * the OpenAPI document.
 */
class ExportApiIT extends IntegrationTest {

	/**
	 * The db-scheduler workers of this instance, paused where a test reads what an accept
	 * wrote.
	 */
	@Autowired
	@Qualifier("exportWorkers")
	private Lifecycle workers;

	@Test
	void badInputIsOneProblemNamingEveryFieldAndNothingReachesAdobe() {
		String sandbox = newSandbox();
		ObjectNode body = example("AMAZON_S3", sandbox);
		body.put("name", "");
		body.putArray("audiences");
		((ObjectNode) body.path("destination")).remove("bucket");
		((ObjectNode) body.path("destination").path("credentials")).remove("secretAccessKey");

		JsonNode problem = post(body, 400);

		assertThat(problem.path("type").asString()).isEqualTo("https://aep-export-facade.acme.com/problems/validation");
		assertThat(problem.path("status").asInt()).isEqualTo(400);
		assertThat(fields(problem)).containsExactlyInAnyOrder("audiences", "destination.bucket",
				"destination.credentials.secretAccessKey", "name");
		assertThat(AdobeJournal.of(this.adobe, sandbox).calls()).isEmpty();
		assertThat(this.jdbc.queryForObject("select count(*) from export where sandbox = ?", Integer.class, sandbox))
			.isZero();
	}

	@Test
	void unknownFieldsAndUnknownDestinationTypesAreNamed() {
		ObjectNode unknownField = example("AMAZON_S3", newSandbox());
		unknownField.put("colour", "blue");
		assertThat(fields(post(unknownField, 400))).containsExactly("colour");

		ObjectNode unknownType = example("AMAZON_S3", newSandbox());
		((ObjectNode) unknownType.path("destination")).put("type", "DROPBOX");
		assertThat(fields(post(unknownType, 400))).containsExactly("destination.type");
	}

	@Test
	void malformedJsonIsAProblemThatDoesNotEchoTheBody() {
		JsonNode problem = postJson("/exports",
				"{\"name\": \"x\", \"destination\": {\"credentials\": {\"secretAccessKey\": s3cr3t-value", 400);

		assertThat(problem.path("type").asString())
			.isEqualTo("https://aep-export-facade.acme.com/problems/malformed-request");
		assertThat(problem.toString()).doesNotContain("s3cr3t");
	}

	/**
	 * An accept is one transaction: its history's row, written last, is refused by the
	 * database, and the export's rows written before it go too (the export and its steps
	 * are inserted outside the persistence context, on the transaction's connection). A
	 * row the database refuses this way is answered as the store being unavailable.
	 */
	@Test
	void anAcceptRefusedPartWayLeavesNoRowBehind() {
		String sandbox = newSandbox();
		String name = "refused-" + UUID.randomUUID();
		this.jdbc.execute("create or replace function refuse_history() returns trigger language plpgsql as"
				+ " $$ begin raise exception 'refused by the test'; end $$");
		this.jdbc.execute("create trigger refuse_history before insert on export_history for each row"
				+ " when (new.request::text like '%" + name + "%') execute function refuse_history()");
		try {
			postJson("/exports", example("DATA_LANDING_ZONE", sandbox).put("name", name).toString(), 503);
		}
		finally {
			this.jdbc.execute("drop trigger refuse_history on export_history");
			this.jdbc.execute("drop function refuse_history()");
		}

		assertThat(this.jdbc.queryForObject("select count(*) from export where name = ?", Integer.class, name))
			.isZero();
		assertThat(AdobeJournal.of(this.adobe, sandbox).calls()).as("only the reads that check the request")
			.allMatch((call) -> call.method().equals("GET"));
	}

	/**
	 * A new export's steps as they are stored, column by column, before a worker touches
	 * them: one statement writes them all (not the entity), and what it leaves out must
	 * be what the entity would have written.
	 */
	@Test
	void anAcceptedExportsStepsAreStoredPendingWithNothingElseYet() {
		this.workers.stop();
		try {
			String id = startExport(example("SFTP", newSandbox()));
			List<Map<String, Object>> steps = this.jdbc
				.queryForList("select * from export_step where export_id = ?::uuid order by name", id);

			assertThat(steps).extracting((step) -> step.get("name"))
				.containsExactlyInAnyOrderElementsOf(Stream.of(StepName.values()).map(StepName::name).toList());
			for (Map<String, Object> step : steps) {
				Map<String, Object> rest = new HashMap<>(step);
				assertThat(rest.remove("id")).as("%s", step).isNotNull();
				assertThat(rest.remove("export_id")).hasToString(id);
				rest.remove("name");
				assertThat(rest.remove("status")).isEqualTo("PENDING");
				assertThat(rest.remove("attempts")).isEqualTo(0);
				assertThat(rest).as("%s", step).allSatisfy((column, value) -> assertThat(value).isNull());
			}
		}
		finally {
			this.workers.start();
		}
	}

	@Test
	void anUnknownExportIsNotFound() {
		JsonNode problem = getJson("/exports/" + UUID.randomUUID(), 404);
		assertThat(problem.path("type").asString()).isEqualTo("https://aep-export-facade.acme.com/problems/not-found");
	}

	@Test
	void listsExportsNewestFirstWithFilters() {
		String sandbox = newSandbox();
		String marker = "list-" + UUID.randomUUID();
		ObjectNode first = example("DATA_LANDING_ZONE", sandbox).put("name", marker + "-first");
		ObjectNode second = example("SFTP", sandbox).put("name", marker + "-second");
		String firstId = startExport(first);
		String secondId = startExport(second);
		awaitFinished(firstId);
		awaitFinished(secondId);

		JsonNode page = list("?name=" + marker.toUpperCase());
		assertThat(ids(page)).containsExactly(secondId, firstId);
		assertThat(page.path("totalItems").asInt()).isEqualTo(2);

		assertThat(ids(list("?name=" + marker + "&destinationType=SFTP"))).containsExactly(secondId);
		assertThat(ids(list("?name=" + marker + "&status=FAILED"))).isEmpty();
		assertThat(ids(list("?name=" + marker + "&size=1&page=1"))).containsExactly(firstId);
		assertThat(list("?name=" + marker).path("items").path(0).path("flowId").isString()).isTrue();

		// As the contract says of every read of /exports: an ETag, and a 304 while it
		// holds.
		String query = "/exports?name=" + marker;
		String etag = this.api.get()
			.uri(query)
			.exchange()
			.expectStatus()
			.isOk()
			.returnResult()
			.getResponseHeaders()
			.getETag();
		assertThat(etag).isNotBlank();
		this.api.get().uri(query).header(HttpHeaders.IF_NONE_MATCH, etag).exchange().expectStatus().isNotModified();
	}

	@Test
	void badListParametersAreProblems() {
		JsonNode status = getJson("/exports?status=DONE", 400);
		assertThat(status.path("type").asString()).endsWith("/problems/validation");
		assertThat(status.path("errors")).isEqualTo(JSON.readTree("""
				[{"field": "status",
				  "message": "must be one of [PENDING, RUNNING, SUCCEEDED, FAILED, DELETING, DELETED]"}]"""));
		assertThat(getJson("/exports?size=1000", 400).path("errors").findValuesAsString("field"))
			.containsExactly("size");
		assertThat(getJson("/exports/not-a-uuid", 400).path("errors")).isEqualTo(JSON.readTree("""
				[{"field": "id", "message": "must be a UUID"}]"""));
	}

	@Test
	void destinationsShowTheSpecIdsInUseAndTheFieldsEachNeeds() {
		JsonNode destinations = getJson("/destinations", 200);

		assertThat(destinations.findValuesAsString("type"))
			.containsExactlyElementsOf(Arrays.stream(DestinationType.values()).map(DestinationType::name).toList());
		JsonNode s3 = destinations.path(0);
		assertThat(s3.path("type").asString()).isEqualTo("AMAZON_S3");
		assertThat(s3.path("connectionSpecId").asString()).isEqualTo("4fce964d-3f37-408f-9778-e597338a21ee");
		assertThat(s3.path("flowSpecId").asString()).isEqualTo("1a0514a6-33d4-4c7f-aff8-594799c47549");
		assertThat(s3.path("locationFields")).isEqualTo(JSON.readTree("""
				[{"name": "bucket", "required": true}, {"name": "path", "required": true}]"""));
		assertThat(s3.path("credentialFields")).isEqualTo(JSON.readTree("""
				[{"name": "accessKeyId", "required": true}, {"name": "secretAccessKey", "required": true}]"""));
		JsonNode sftp = destinations.path(5);
		assertThat(sftp.path("credentialFields").findValuesAsString("name")).containsExactly("domain", "username",
				"password", "sshKey");
		assertThat(destinations.path(3).path("credentialFields")).isEmpty();
	}

	@Test
	void theOpenApiDocumentCarriesAWorkingExampleForEveryDestinationAndForImportsAndSwaggerUiIsServed() {
		JsonNode document = getJson("/v3/api-docs", 200);

		List<String> examples = ExampleBodies.names();
		assertThat(examples).containsAll(Arrays.stream(DestinationType.values()).map(DestinationType::name).toList())
			.contains("SFTP_SSH_KEY");
		assertThat(document.path("components").path("examples").propertyNames())
			.containsExactlyInAnyOrderElementsOf(Stream
				.concat(examples.stream(), Stream.of("IMPORT", "IMPORT_NAMED", "AMAZON_S3_PLAN", "EXPORT_HISTORY"))
				.toList());
		for (String path : List.of("/exports", "/exports/plan")) {
			assertThat(document.path("paths")
				.path(path)
				.path("post")
				.path("requestBody")
				.path("content")
				.path("application/json")
				.path("examples")
				.propertyNames()).as(path).containsExactlyInAnyOrderElementsOf(examples);
		}
		assertThat(document
			.at("/paths/~1exports~1plan/post/responses/200/content/application~1json/examples/AMAZON_S3/$ref")
			.asString()).isEqualTo("#/components/examples/AMAZON_S3_PLAN");
		assertThat(document.at("/paths/~1exports~1{id}~1history/get/responses/200/content/application~1json/examples")
			.path("created, changed, paused, deleted")
			.path("$ref")
			.asString()).isEqualTo("#/components/examples/EXPORT_HISTORY");
		assertThat(document.path("paths")
			.path("/exports/imports")
			.path("post")
			.path("requestBody")
			.path("content")
			.path("application/json")
			.path("examples")
			.propertyNames()).containsExactly("IMPORT", "IMPORT_NAMED");
		this.api.get().uri("/swagger-ui.html").exchange().expectStatus().is3xxRedirection();
		this.api.get().uri("/swagger-ui/index.html").exchange().expectStatus().isOk();
	}

	private JsonNode post(JsonNode body, int status) {
		return postJson("/exports", body.toString(), status);
	}

	private JsonNode list(String query) {
		return getJson("/exports" + query, 200);
	}

	private static List<String> fields(JsonNode problem) {
		return problem.path("errors").findValuesAsString("field");
	}

	private static List<String> ids(JsonNode page) {
		return page.path("items").findValuesAsString("id");
	}

}
