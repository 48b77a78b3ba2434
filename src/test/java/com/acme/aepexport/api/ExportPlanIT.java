package com.acme.aepexport.api;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.core.io.ClassPathResource;
import org.springframework.http.MediaType;

import com.acme.aepexport.client.ApiClient;
import com.acme.aepexport.client.ApiException;
import com.acme.aepexport.client.api.ExportsApi;
import com.acme.aepexport.client.model.Audience;
import com.acme.aepexport.client.model.DeduplicationKey;
import com.acme.aepexport.client.model.Export;
import com.acme.aepexport.client.model.ExportPlan;
import com.acme.aepexport.client.model.ExportRequest;
import com.acme.aepexport.client.model.ExportStatus;
import com.acme.aepexport.client.model.FieldMapping;
import com.acme.aepexport.client.model.PlannedCall;
import com.acme.aepexport.client.model.PlannedFile;
import com.acme.aepexport.client.model.Schedule;
import com.acme.aepexport.client.model.StepName;
import com.acme.aepexport.support.AdobeJournal;
import com.acme.aepexport.support.AdobeJournal.Call;
import com.acme.aepexport.support.ExampleBodies;
import com.acme.aepexport.support.IntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

/**
 * {@code POST /exports/plan}, through the Java client other teams generate from our
 * contract: a plan lists, call for call, the writes an export of the same body then makes
 * in Adobe (the emulator's journal), its placeholders standing for the ids Adobe then
 * gave; it refuses what {@code POST /exports} refuses, with the same problem; and it
 * writes nothing, neither in Adobe nor in our database, nor shows a secret.
 */
class ExportPlanIT extends IntegrationTest {

	/** A placeholder of the plan's: {@code {baseConnection.id}}, {@code {export.id}}. */
	private static final Pattern PLACEHOLDER = Pattern.compile("\\{[A-Za-z]+\\.(id|etag)}");

	private static final String REDACTED = "[redacted]";

	private static final List<String> EXAMPLES = ExampleBodies.names();

	/** The credential fields that are secrets, in our request's names. */
	private static final Set<String> SECRETS = Set.of("accessKeyId", "secretAccessKey", "connectionString",
			"servicePrincipalKey", "password", "sshKey");

	private final String caller = "plan-client-" + UUID.randomUUID();

	private ApiClient client;

	private ExportsApi exports;

	@BeforeEach
	void generatedClient() {
		this.client = generatedClient(token(this.caller, "exports:read", "exports:write"));
		this.exports = new ExportsApi(this.client);
	}

	static Stream<String> bodies() {
		return Stream.of("every step", "no mandatory fields nor keys, an audience's own file name and schedule");
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("bodies")
	void thePlanIsCallForCallTheWritesTheExportThenMakesAndWritesNothing(String body) throws ApiException {
		String sandbox = newSandbox();
		ExportRequest request = body.equals("every step") ? request("AMAZON_S3", sandbox)
				: withoutKeysAndWithOwnFileName(request("AMAZON_S3", sandbox));

		ExportPlan plan = this.exports.planExport(request);

		assertThat(plan.getSandbox()).isEqualTo(sandbox);
		List<Call> afterPlan = AdobeJournal.of(this.adobe, sandbox).calls();
		assertThat(afterPlan).as("the plan only read Adobe")
			.isNotEmpty()
			.allMatch((call) -> call.method().equals("GET"));
		assertThat(exportsIn(sandbox)).as("the plan stored no export").isZero();
		List<StepName> expectedSteps = new ArrayList<>(List.of(StepName.SOURCE_CONNECTION, StepName.BASE_CONNECTION,
				StepName.OUTPUT_SCHEMA, StepName.INPUT_SCHEMA, StepName.TARGET_CONNECTION, StepName.MAPPING_SET,
				StepName.DATAFLOW, StepName.AUDIENCES, StepName.ATTACH_MAPPING));
		if (body.equals("every step")) {
			expectedSteps.addAll(List.of(StepName.MANDATORY_FIELDS, StepName.DEDUPLICATION_KEYS));
		}
		assertThat(plan.getCalls()).extracting(PlannedCall::getStep)
			.as("one call per step, in the order one export starts them")
			.containsExactlyElementsOf(expectedSteps);

		Export export = finished(this.exports.startExport(request, null).getId());

		assertThat(export.getStatus()).as("%s", export.getError()).isEqualTo(ExportStatus.SUCCEEDED);
		List<Call> writes = AdobeJournal.of(this.adobe, sandbox)
			.calls()
			.stream()
			.filter((call) -> !call.method().equals("GET"))
			.toList();
		Map<String, String> ids = matchCallForCall(plan.getCalls(), writes);
		assertThat(ids).containsEntry("{export.id}", export.getId().toString())
			.containsEntry("{dataflow.id}", export.getFlowId());
		List<String> patchesInPlan = plan.getCalls()
			.stream()
			.filter((call) -> call.getMethod().equals("PATCH"))
			.map((call) -> fill(call.getPath(), ids))
			.toList();
		assertThat(writes.stream().filter((call) -> call.method().equals("PATCH")).map(Call::path))
			.as("the dataflow's changes, in the plan's order")
			.containsExactlyElementsOf(patchesInPlan);
	}

	@Test
	void eachAudienceIsToldTheNameOfItsFiles() throws ApiException {
		String sandbox = newSandbox();
		ExportRequest request = request("AMAZON_S3", sandbox);
		request.addAudiencesItem(new Audience().id("5b0a6f2e-3c1d-4b7e-9f21-0d8c7a6e4b3f")
			.filenameTemplate("%SEGMENT_NAME%_%SANDBOX_NAME%_%DESTINATION_INSTANCE_NAME%_%TIMESTAMP%_%weekly%"));
		request.getFile().format(com.acme.aepexport.client.model.FileFormat.JSON).csv(null);

		ExportPlan plan = this.exports.planExport(request);

		assertThat(plan.getFiles())
			.extracting(PlannedFile::getAudienceId, PlannedFile::getFileNameTemplate, PlannedFile::getFileName)
			.containsExactly(
					org.assertj.core.groups.Tuple.tuple("979558ae-a8ba-4e6e-b6ba-95c0a523b44a",
							"%DESTINATION%_%SEGMENT_ID%_%DATETIME(YYYYMMdd_HHmmss)%",
							"{destination}_979558ae-a8ba-4e6e-b6ba-95c0a523b44a_{datetime:YYYYMMdd_HHmmss}.json"),
					org.assertj.core.groups.Tuple.tuple("5b0a6f2e-3c1d-4b7e-9f21-0d8c7a6e4b3f",
							"%SEGMENT_NAME%_%SANDBOX_NAME%_%DESTINATION_INSTANCE_NAME%_%TIMESTAMP%_%weekly%",
							"{segmentName}_" + sandbox + "_churn-risk-weekly_dataflow_{export.id}_{timestamp}_weekly"
									+ ".json"));
		PlannedCall dataflow = plan.getCalls()
			.stream()
			.filter((call) -> call.getStep() == StepName.DATAFLOW)
			.findFirst()
			.orElseThrow();
		assertThat(tree(dataflow.getBody()).path("name").asString())
			.as("the dataflow instance name the file name holds")
			.isEqualTo("churn-risk-weekly_dataflow_{export.id}");
	}

	/**
	 * The problem a plan answers to a bad body is the one POST /exports answers, and no
	 * call reached Adobe.
	 */
	@Test
	void aBadBodyIsTheProblemPostExportsAnswersAndReachesNoAdobe() throws ApiException {
		String sandbox = newSandbox();
		ObjectNode body = example("AMAZON_S3", sandbox);
		body.put("name", "");
		body.putArray("audiences");
		body.put("colour", "blue");

		JsonNode planned = postJson("/exports/plan", body.toString(), 400);
		JsonNode started = postJson("/exports", body.toString(), 400);

		assertThat(withoutInstance(planned)).isEqualTo(withoutInstance(started));
		assertThat(planned.path("errors").findValuesAsString("field")).containsExactlyInAnyOrder("audiences", "colour",
				"name");
		assertThat(AdobeJournal.of(this.adobe, sandbox).calls()).isEmpty();
		assertThat(exportsIn(sandbox)).isZero();
	}

	/**
	 * What the sandbox lacks (an identity namespace, a profile field) is refused as POST
	 * /exports refuses it, having only read Adobe; so is what Adobe's connection spec
	 * refuses.
	 */
	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "an unknown namespace and a missing field", "a bucket the connection spec refuses" })
	void whatAdobeRefusesIsRefusedAsPostExportsRefusesIt(String refused) {
		String sandbox = newSandbox();
		ExportRequest request = request("AMAZON_S3", sandbox);
		Set<String> fields;
		if (refused.equals("a bucket the connection spec refuses")) {
			request.getDestination().getAmazonS3Destination().bucket("Acme_Bucket");
			fields = Set.of("destination.bucket");
		}
		else {
			request
				.mapping(List.of(new FieldMapping().source("person.name.middleName").target("middleName"),
						new FieldMapping().source("identityMap.Fax").target("Fax")))
				.mandatoryFields(List.of("Email", "loyalty.status"))
				.deduplicationKeys(List.of(new DeduplicationKey().identityNamespace("email")));
			fields = Set.of("mapping[0].source", "mapping[1].source", "mandatoryFields[1]",
					"deduplicationKeys[0].identityNamespace");
		}

		ApiException planned = catchThrowableOfType(ApiException.class, () -> this.exports.planExport(request));
		ApiException started = catchThrowableOfType(ApiException.class, () -> this.exports.startExport(request, null));

		JsonNode plannedProblem = problem(planned);
		assertThat(withoutInstance(plannedProblem)).isEqualTo(withoutInstance(problem(started)));
		assertThat(plannedProblem.path("type").asString())
			.isEqualTo("https://aep-export-facade.acme.com/problems/validation");
		assertThat(Set.copyOf(plannedProblem.path("errors").findValuesAsString("field"))).as(plannedProblem.toString())
			.isEqualTo(fields);
		assertThat(AdobeJournal.of(this.adobe, sandbox).calls()).allMatch((call) -> call.method().equals("GET"));
		assertThat(exportsIn(sandbox)).isZero();
	}

	/**
	 * Each secret of every destination's credentials is shown as {@code [redacted]}, and
	 * appears nowhere in the plan's answer.
	 */
	@Test
	void noSecretAppearsInAPlan() {
		for (String example : EXAMPLES) {
			ObjectNode body = example(example, newSandbox());
			List<String> secrets = new ArrayList<>();
			body.path("destination").path("credentials").properties().forEach((field) -> {
				if (SECRETS.contains(field.getKey())) {
					secrets.add(field.getValue().asString());
				}
			});

			String answer = this.api.post()
				.uri("/exports/plan")
				.contentType(MediaType.APPLICATION_JSON)
				.body(body.toString())
				.exchange()
				.expectStatus()
				.isOk()
				.expectBody(String.class)
				.returnResult()
				.getResponseBody();

			for (String secret : secrets) {
				assertThat(answer).as("%s's plan", example).doesNotContain(secret);
			}
			JsonNode base = JSON.readTree(answer)
				.path("calls")
				.valueStream()
				.filter((call) -> call.path("step").asString().equals("BASE_CONNECTION"))
				.findFirst()
				.orElseThrow()
				.path("body");
			assertThat(
					base.path("auth").path("params").valueStream().filter((value) -> value.asString().equals(REDACTED)))
				.as("%s's credentials in the plan: %s", example, base.path("auth"))
				.hasSize(secrets.size());
		}
	}

	/**
	 * Pairs each planned call with one write of the journal: the same method, path and
	 * body, where each placeholder stands for one value throughout, the id or etag Adobe
	 * answered the call that made it (so that a placeholder is used only after its call),
	 * and {@code [redacted]} for any value. Returns what each placeholder stood for.
	 */
	private Map<String, String> matchCallForCall(List<PlannedCall> plan, List<Call> writes) {
		assertThat(writes).as("writes Adobe received").hasSameSizeAs(plan);
		Map<String, String> ids = new HashMap<>();
		List<Call> unmatched = new ArrayList<>(writes);
		for (PlannedCall planned : plan) {
			JsonNode body = tree(planned.getBody());
			Call match = null;
			for (Call call : unmatched) {
				Map<String, String> tried = new HashMap<>(ids);
				if (call.method().equals(planned.getMethod()) && matches(planned.getPath(), call.path(), tried)
						&& matches(planned.getIfMatch(), call.header("If-Match"), tried)
						&& matches(body, call.body(), tried)) {
					match = call;
					ids.putAll(tried);
					break;
				}
			}
			assertThat(match)
				.as("a write Adobe received that is the planned %s %s %s (ids so far %s; writes left %s)",
						planned.getMethod(), planned.getPath(), body, ids, unmatched)
				.isNotNull();
			unmatched.remove(match);
			String made = placeholder(planned.getStep());
			JsonNode answer = match.answer();
			for (String part : List.of("id", "etag")) {
				String key = "{" + made + "." + part + "}";
				if (answer.path(part).isString() && !ids.containsKey(key)) {
					ids.put(key, answer.path(part).asString());
				}
			}
		}
		return ids;
	}

	private static boolean matches(JsonNode planned, JsonNode sent, Map<String, String> ids) {
		if (planned == null || planned.isNull()) {
			return sent == null || sent.isNull() || sent.isMissingNode();
		}
		if (planned.isString()) {
			return sent.isString() && matches(planned.asString(), sent.asString(), ids);
		}
		if (planned.isObject()) {
			if (!sent.isObject() || !Set.copyOf(planned.propertyNames()).equals(Set.copyOf(sent.propertyNames()))) {
				return false;
			}
			return planned.propertyNames().stream().allMatch((name) -> matches(planned.get(name), sent.get(name), ids));
		}
		if (planned.isArray()) {
			if (!sent.isArray() || sent.size() != planned.size()) {
				return false;
			}
			for (int i = 0; i < planned.size(); i++) {
				if (!matches(planned.get(i), sent.get(i), ids)) {
					return false;
				}
			}
			return true;
		}
		return planned.equals(sent);
	}

	/**
	 * Whether the planned text is the sent one, each placeholder in it standing for what
	 * it stood for before, or for a value it then stands for; a placeholder of a step's
	 * entity must stand for something already (its call came first).
	 */
	private static boolean matches(String planned, String sent, Map<String, String> ids) {
		if (planned == null || sent == null) {
			return planned == sent;
		}
		if (planned.equals(REDACTED)) {
			return !sent.isEmpty();
		}
		StringBuilder regex = new StringBuilder();
		List<String> captured = new ArrayList<>();
		Matcher placeholder = PLACEHOLDER.matcher(planned);
		int from = 0;
		while (placeholder.find()) {
			regex.append(Pattern.quote(planned.substring(from, placeholder.start())));
			String name = placeholder.group();
			if (ids.containsKey(name)) {
				regex.append(Pattern.quote(ids.get(name)));
			}
			else if (name.equals("{export.id}")) {
				regex.append("([0-9a-f-]{36})");
				captured.add(name);
			}
			else {
				throw new AssertionError(name + " is used before the call that makes it: " + planned);
			}
			from = placeholder.end();
		}
		regex.append(Pattern.quote(planned.substring(from)));
		Matcher values = Pattern.compile(regex.toString()).matcher(sent);
		if (!values.matches()) {
			return false;
		}
		for (int i = 0; i < captured.size(); i++) {
			ids.put(captured.get(i), values.group(i + 1));
		}
		return true;
	}

	/** {@code BASE_CONNECTION} as its placeholders name it: {@code baseConnection}. */
	private static String placeholder(StepName step) {
		String[] words = step.getValue().toLowerCase(Locale.ROOT).split("_");
		StringBuilder name = new StringBuilder(words[0]);
		for (int i = 1; i < words.length; i++) {
			name.append(Character.toUpperCase(words[i].charAt(0))).append(words[i].substring(1));
		}
		return name.toString();
	}

	private static String fill(String planned, Map<String, String> ids) {
		String filled = planned;
		for (Map.Entry<String, String> id : ids.entrySet()) {
			filled = filled.replace(id.getKey(), id.getValue());
		}
		return filled;
	}

	/** A value the generated client read, as the journal's JSON. */
	private JsonNode tree(Object value) {
		if (value == null) {
			return null;
		}
		try {
			return JSON.readTree(this.client.getObjectMapper().writeValueAsString(value));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static JsonNode withoutInstance(JsonNode problem) {
		ObjectNode copy = (ObjectNode) problem.deepCopy();
		copy.remove("instance");
		return copy;
	}

	private static JsonNode problem(ApiException refused) {
		assertThat(refused).as("the call should have been refused").isNotNull();
		assertThat(refused.getCode()).isEqualTo(400);
		return JSON.readTree(refused.getResponseBody());
	}

	private int exportsIn(String sandbox) {
		return this.jdbc.queryForObject("select count(*) from export where sandbox = ?", Integer.class, sandbox);
	}

	private static ExportRequest withoutKeysAndWithOwnFileName(ExportRequest request) {
		request.mandatoryFields(null).deduplicationKeys(null);
		request.getAudiences()
			.getFirst()
			.filenameTemplate("%DESTINATION%_%SEGMENT_NAME%_%TIMESTAMP%")
			.schedule(new Schedule().exportMode(com.acme.aepexport.client.model.ExportMode.FIRST_FULL_THEN_INCREMENTAL)
				.frequency(com.acme.aepexport.client.model.Frequency.EVERY_6_HOURS)
				.startTime("06:00"));
		return request;
	}

	/** A Swagger example as the generated client's request, in the sandbox. */
	private ExportRequest request(String name, String sandbox) {
		ObjectMapper strict = this.client.getObjectMapper()
			.copy()
			.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
		try (InputStream body = new ClassPathResource("openapi/examples/" + name + ".json").getInputStream()) {
			return strict.readValue(body, ExportRequest.class).sandbox(sandbox);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private Export finished(UUID id) {
		return await().atMost(Duration.ofSeconds(30))
			.pollInterval(Duration.ofMillis(100))
			.until(() -> this.exports.getExport(id), (export) -> export.getStatus() == ExportStatus.SUCCEEDED
					|| export.getStatus() == ExportStatus.FAILED);
	}

}
