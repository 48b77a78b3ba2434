package com.acme.aepexport.api;

import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.http.MediaType;

import com.acme.aepexport.support.AdobeJournal;
import com.acme.aepexport.support.IntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bad requests of every kind, for every destination type: each is one problem naming
 * every bad field, and nothing reaches Adobe but, for rules Adobe's connection spec and
 * the sandbox's profiles state, reads of them.
 */
class InvalidRequestsIT extends IntegrationTest {

	private static final String VALIDATION = "https://aep-export-facade.acme.com/problems/validation";

	static Stream<Case> cases() {
		return Stream.of(
				// what every request needs
				invalid("no name", "AMAZON_S3", (r) -> r.remove("name"), "name"),
				invalid("a name of 101 characters", "AMAZON_S3", (r) -> r.put("name", "n".repeat(101)), "name"),
				invalid("a sandbox that is no sandbox name", "AMAZON_S3", (r) -> r.put("sandbox", "Prod Sandbox!"),
						"sandbox"),
				invalid("no destination", "AMAZON_S3", (r) -> r.remove("destination"), "destination"),
				invalid("an unknown destination type", "AMAZON_S3", (r) -> obj(r, "destination").put("type", "DROPBOX"),
						"destination.type"),
				invalid("no audiences", "AMAZON_S3", (r) -> r.putArray("audiences"), "audiences"),
				invalid("an audience without id", "AMAZON_S3", (r) -> obj(r, "audiences", 0).remove("id"),
						"audiences[0].id"),
				invalid("a file name with the legacy %DESTINATION_NAME% macro", "AMAZON_S3",
						(r) -> obj(r, "audiences", 0).put("filenameTemplate", "%DESTINATION_NAME%_%SEGMENT_ID%"),
						"audiences[0].filenameTemplate"),
				invalid("one audience twice", "AMAZON_S3",
						(r) -> ((ArrayNode) r.get("audiences")).add(obj(r, "audiences", 0).deepCopy()), "audiences"),
				invalid("251 audiences", "AMAZON_S3", (r) -> {
					ArrayNode audiences = r.putArray("audiences");
					for (int i = 0; i < 251; i++) {
						audiences.addObject().put("id", "audience-" + i);
					}
				}, "audiences"), invalid("no mapping", "AMAZON_S3", (r) -> r.putArray("mapping"), "mapping"),
				invalid("a mapping target with a dot", "AMAZON_S3",
						(r) -> obj(r, "mapping", 0).put("target", "person.firstName"), "mapping[0].target"),
				invalid("a mapping without source", "AMAZON_S3", (r) -> obj(r, "mapping", 0).remove("source"),
						"mapping[0].source"),
				invalid("two identities mapped", "AMAZON_S3",
						(r) -> ((ArrayNode) r.get("mapping")).addObject()
							.put("source", "identityMap.ECID")
							.put("target", "ECID"),
						"mapping"),
				invalid("one target mapped twice", "AMAZON_S3",
						(r) -> ((ArrayNode) r.get("mapping")).addObject()
							.put("source", "person.name.lastName")
							.put("target", "firstName"),
						"mapping"),
				invalid("a blank mandatory field", "AMAZON_S3", (r) -> r.putArray("mandatoryFields").add(" "),
						"mandatoryFields[0]"),
				invalid("a deduplication key with both kinds", "AMAZON_S3",
						(r) -> obj(r, "deduplicationKeys", 0).put("attribute", "person.name.firstName"),
						"deduplicationKeys[0].identityNamespace"),
				invalid("a deduplication key of neither kind", "AMAZON_S3",
						(r) -> obj(r, "deduplicationKeys", 0).remove("identityNamespace"),
						"deduplicationKeys[0].identityNamespace"),
				// unknown fields, anywhere, all of them
				invalid("unknown fields at three depths", "AMAZON_S3", (r) -> {
					r.put("colour", "blue");
					obj(r, "destination").put("region", "eu-west-1");
					obj(r, "audiences", 0).put("size", 10);
				}, "colour", "destination.region", "audiences[0].size"),
				invalid("credentials on a Data Landing Zone", "DATA_LANDING_ZONE",
						(r) -> obj(r, "destination").putObject("credentials").put("password", "x"),
						"destination.credentials"),
				invalid("a wrong type", "AMAZON_S3", (r) -> r.put("audiences", "all of them"), "audiences"),
				// PostgreSQL stores no NUL character, in text or in jsonb
				invalid("NUL characters in a name and an audience", "AMAZON_S3", (r) -> {
					r.put("name", "churn\u0000");
					obj(r, "audiences", 0).put("name", "\u0000");
				}, "name", "audiences[0].name"),
				// file options
				invalid("an unknown file format", "AMAZON_S3", (r) -> obj(r, "file").put("format", "XML"),
						"file.format"),
				invalid("an unknown compression", "AMAZON_S3", (r) -> obj(r, "file").put("compression", "ZIP"),
						"file.compression"),
				invalid("a CSV delimiter Adobe does not offer", "AMAZON_S3",
						(r) -> obj(r, "file", "csv").put("delimiter", "#"), "file.csv.delimiter"),
				invalid("a CSV quote Adobe does not offer", "AMAZON_S3", (r) -> obj(r, "file", "csv").put("quote", "'"),
						"file.csv.quote"),
				invalid("CSV options for JSON files", "AMAZON_S3", (r) -> obj(r, "file").put("format", "JSON"),
						"file.csv"),
				invalid("a PGP key that is not base64", "AMAZON_S3",
						(r) -> obj(r, "file").put("pgpPublicKey", "-----BEGIN PGP PUBLIC KEY BLOCK-----"),
						"file.pgpPublicKey"),
				// schedules
				invalid("an unknown export mode", "AMAZON_S3", (r) -> obj(r, "schedule").put("exportMode", "WEEKLY"),
						"schedule.exportMode"),
				invalid("an hourly full export", "AMAZON_S3",
						(r) -> obj(r, "schedule").put("frequency", "EVERY_3_HOURS"), "schedule.frequency"),
				invalid("a one-off incremental export", "SFTP_SSH_KEY",
						(r) -> obj(r, "schedule").put("frequency", "ONCE"), "schedule.frequency"),
				invalid("a trigger on an incremental export", "SFTP_SSH_KEY",
						(r) -> obj(r, "schedule").put("trigger", "SCHEDULED"), "schedule.trigger"),
				invalid("an unknown trigger", "AMAZON_S3", (r) -> obj(r, "schedule").put("trigger", "NOW"),
						"schedule.trigger"),
				invalid("a start time after segment evaluation", "AMAZON_S3",
						(r) -> obj(r, "schedule").put("trigger", "AFTER_SEGMENT_EVALUATION"), "schedule.startTime"),
				invalid("a start time off the hour", "AMAZON_S3", (r) -> obj(r, "schedule").put("startTime", "23:30"),
						"schedule.startTime"),
				invalid("a start date not written YYYY-MM-DD", "AMAZON_S3",
						(r) -> obj(r, "schedule").put("startDate", "2026/12/01"), "schedule.startDate"),
				invalid("an end before the start", "AMAZON_S3", (r) -> obj(r, "schedule").put("endDate", "2026-11-30"),
						"schedule.endDate"),
				invalid("an end date on a one-off export", "AMAZON_S3",
						(r) -> obj(r, "schedule").put("frequency", "ONCE").put("endDate", "2027-01-31"),
						"schedule.endDate"),
				invalid("an audience's own schedule broken", "AMAZON_S3",
						(r) -> obj(r, "audiences", 0).putObject("schedule").put("frequency", "HOURLY"),
						"audiences[0].schedule.frequency"),
				// Amazon S3, against Adobe's connection spec
				invalid("no bucket", "AMAZON_S3", (r) -> obj(r, "destination").remove("bucket"), "destination.bucket"),
				invalid("a bucket name S3 refuses", "AMAZON_S3",
						(r) -> obj(r, "destination").put("bucket", "Acme_Bucket"), "destination.bucket"),
				invalid("a folder path with a space", "AMAZON_S3",
						(r) -> obj(r, "destination").put("path", "exports/churn risk"), "destination.path"),
				invalid("an access key id in lower case", "AMAZON_S3",
						(r) -> obj(r, "destination", "credentials").put("accessKeyId", "akiaiosfodnn7example"),
						"destination.credentials.accessKeyId"),
				invalid("a secret access key too short", "AMAZON_S3",
						(r) -> obj(r, "destination", "credentials").put("secretAccessKey", "tooShort"),
						"destination.credentials.secretAccessKey"),
				invalid("no credentials", "AMAZON_S3", (r) -> obj(r, "destination").remove("credentials"),
						"destination.credentials"),
				// Azure Blob, ADLS Gen2, Google Cloud Storage
				invalid("a container name Azure refuses", "AZURE_BLOB",
						(r) -> obj(r, "destination").put("container", "acme--audiences"), "destination.container"),
				invalid("no connection string", "AZURE_BLOB",
						(r) -> obj(r, "destination", "credentials").remove("connectionString"),
						"destination.credentials.connectionString"),
				invalid("a service principal without key or tenant", "ADLS_GEN2", (r) -> {
					obj(r, "destination", "credentials").remove("servicePrincipalKey");
					obj(r, "destination", "credentials").remove("tenant");
				}, "destination.credentials.servicePrincipalKey", "destination.credentials.tenant"),
				invalid("a bucket name Google refuses", "GOOGLE_CLOUD_STORAGE",
						(r) -> obj(r, "destination").put("bucket", "google-audiences"), "destination.bucket"),
				// SFTP
				invalid("both a password and an SSH key", "SFTP",
						(r) -> obj(r, "destination", "credentials").put("sshKey", "c3NoLWtleQ=="),
						"destination.credentials.password"),
				invalid("an SSH key that is not base64", "SFTP_SSH_KEY",
						(r) -> obj(r, "destination", "credentials").put("sshKey",
								"-----BEGIN OPENSSH PRIVATE KEY-----"),
						"destination.credentials.sshKey"),
				invalid("no SFTP host", "SFTP", (r) -> obj(r, "destination", "credentials").remove("domain"),
						"destination.credentials.domain"),
				// the sandbox's profiles, as Adobe holds them
				invalid("a mapping source the union schema lacks", "AMAZON_S3",
						(r) -> obj(r, "mapping", 0).put("source", "person.name.middleName"), "mapping[0].source"),
				invalid("an identity of no namespace", "AMAZON_S3",
						(r) -> obj(r, "mapping", 1).put("source", "identityMap.Fax"), "mapping[1].source"),
				invalid("a deduplication key of no namespace, another of no field", "AMAZON_S3", (r) -> {
					obj(r, "deduplicationKeys", 0).put("identityNamespace", "email");
					((ArrayNode) r.get("deduplicationKeys")).addObject().put("attribute", "loyalty.status");
				}, "deduplicationKeys[0].identityNamespace", "deduplicationKeys[1].attribute"),
				invalid("a mandatory field neither namespace nor field", "AMAZON_S3",
						(r) -> ((ArrayNode) r.get("mandatoryFields")).add("loyalty.status"), "mandatoryFields[1]"),
				// many at once
				invalid("four mistakes at once", "AMAZON_S3", (r) -> {
					r.put("name", "");
					r.put("colour", "blue");
					obj(r, "file").put("format", "XML");
					obj(r, "schedule").put("frequency", "HOURLY");
				}, "name", "colour", "file.format", "schedule.frequency"));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("cases")
	void isOneProblemNamingEveryBadFieldAndCreatesNothing(Case invalid) {
		String sandbox = newSandbox();
		ObjectNode body = example(invalid.example(), sandbox);
		invalid.mutation().accept(body);

		JsonNode problem = postJson("/exports", body.toString(), 400);

		assertThat(problem.path("type").asString()).isEqualTo(VALIDATION);
		assertThat(problem.path("status").asInt()).isEqualTo(400);
		assertThat(Set.copyOf(problem.path("errors").findValuesAsString("field"))).as(problem.toString())
			.isEqualTo(invalid.fields());
		assertThat(problem.path("errors").findValuesAsString("message")).allMatch((message) -> !message.isBlank());
		assertNothingCreated(sandbox);
	}

	@ParameterizedTest
	@org.junit.jupiter.params.provider.ValueSource(strings = { "null", "[]", "\"an export\"", "42" })
	void aBodyThatIsNotAnObjectIsAProblem(String body) {
		JsonNode problem = postJson("/exports", body, 400);

		assertThat(problem.path("type").asString()).isEqualTo("https://aep-export-facade.acme.com/problems/validation");
		assertThat(problem.path("errors").findValuesAsString("message")).containsExactly("must be a JSON object");
	}

	@org.junit.jupiter.api.Test
	void malformedJsonIsAProblemAndCreatesNothing() {
		String sandbox = newSandbox();
		JsonNode problem = postJson("/exports", "{\"sandbox\": \"" + sandbox + "\", \"name\": \"x\", \"audiences\": [",
				400);

		assertThat(problem.path("type").asString())
			.isEqualTo("https://aep-export-facade.acme.com/problems/malformed-request");
		assertThat(AdobeJournal.of(this.adobe, sandbox).calls()).isEmpty();
		assertNothingCreated(sandbox);
	}

	@org.junit.jupiter.api.Test
	void aNulCharacterInTheNameFilterIsAProblem() {
		JsonNode problem = this.api.get()
			.uri(java.net.URI.create("http://localhost:" + this.port + "/exports?name=churn%00"))
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectBody(JsonNode.class)
			.returnResult()
			.getResponseBody();

		assertThat(problem.path("errors").findValuesAsString("field")).containsExactly("name");
	}

	/**
	 * A query, path or header value longer than the contract allows is a problem naming
	 * it, before anything is looked up: the bound the contract states is the one held.
	 */
	@ParameterizedTest(name = "{0}")
	@MethodSource("tooLong")
	void aValueLongerThanTheContractAllowsIsAProblemNamingIt(String field, String uri, String ifMatch) {
		JsonNode problem = ((ifMatch != null) ? this.api.patch()
			.uri(uri)
			.header("If-Match", ifMatch)
			.contentType(MediaType.valueOf("application/merge-patch+json"))
			.body("{}") : this.api.get().uri(uri)).exchange()
			.expectStatus()
			.isBadRequest()
			.expectBody(JsonNode.class)
			.returnResult()
			.getResponseBody();

		assertThat(problem.path("type").asString()).isEqualTo(VALIDATION);
		assertThat(problem.path("errors").findValuesAsString("field")).containsExactly(field);
	}

	static Stream<org.junit.jupiter.params.provider.Arguments> tooLong() {
		String export = "/exports/" + java.util.UUID.randomUUID();
		return Stream.of(
				org.junit.jupiter.params.provider.Arguments.of("name", "/exports?name=" + "n".repeat(101), null),
				org.junit.jupiter.params.provider.Arguments.of("runId", export + "/runs/" + "r".repeat(257), null),
				org.junit.jupiter.params.provider.Arguments.of("continuationToken",
						export + "/runs?continuationToken=" + "t".repeat(2049), null),
				org.junit.jupiter.params.provider.Arguments.of("ifMatch", export, "\"" + "1".repeat(255) + "\""));
	}

	/**
	 * A body can break more rules than anyone reads: the problem lists the first 1,000 by
	 * path, and its detail stays within its bound.
	 */
	@org.junit.jupiter.api.Test
	void aRequestBreakingMoreThanAThousandRulesListsTheFirstThousand() {
		String sandbox = newSandbox();
		ObjectNode body = example("AMAZON_S3", sandbox);
		ArrayNode blanks = body.putArray("mandatoryFields");
		for (int i = 0; i < 1200; i++) {
			blanks.add("");
		}

		JsonNode problem = postJson("/exports", body.toString(), 400);

		assertThat(problem.path("errors")).hasSize(ProblemHandler.MAX_ERRORS);
		assertThat(problem.path("errors").path(0).path("field").asString()).isEqualTo("mandatoryFields");
		assertThat(problem.path("detail").asString()).hasSize(ProblemHandler.MAX_DETAIL).endsWith("…");
		assertNothingCreated(sandbox);
	}

	@org.junit.jupiter.api.Test
	void aBodyOverTheLimitIsRefusedWith413BeforeItIsRead() {
		String sandbox = newSandbox();
		ObjectNode body = example("AMAZON_S3", sandbox);
		body.put("name", "x".repeat(1_100_000));

		JsonNode problem = this.api.post()
			.uri("/exports")
			.contentType(MediaType.APPLICATION_JSON)
			.body(body.toString())
			.exchange()
			.expectStatus()
			.isEqualTo(413)
			.expectBody(JsonNode.class)
			.returnResult()
			.getResponseBody();

		assertThat(problem.path("type").asString())
			.isEqualTo("https://aep-export-facade.acme.com/problems/payload-too-large");
		assertNothingCreated(sandbox);
	}

	/**
	 * Adobe may have been read (the connection spec, the union schema, the identity
	 * namespaces); nothing was created or changed.
	 */
	private void assertNothingCreated(String sandbox) {
		assertThat(AdobeJournal.of(this.adobe, sandbox).calls()).allMatch((call) -> call.method().equals("GET")
				&& (call.path().contains("/connectionSpecs/") || call.path().startsWith("/data/core/")));
		assertThat(this.jdbc.queryForObject("select count(*) from export where sandbox = ?", Integer.class, sandbox))
			.isZero();
	}

	private static ObjectNode obj(ObjectNode root, Object... path) {
		JsonNode node = root;
		for (Object step : path) {
			node = (step instanceof Integer index) ? node.get(index) : node.get((String) step);
		}
		return (ObjectNode) node;
	}

	private static Case invalid(String name, String example, Consumer<ObjectNode> mutation, String... fields) {
		return new Case(name, example, mutation, Set.of(fields));
	}

	record Case(String name, String example, Consumer<ObjectNode> mutation, Set<String> fields) {

		@Override
		public String toString() {
			return this.name;
		}

	}

}
