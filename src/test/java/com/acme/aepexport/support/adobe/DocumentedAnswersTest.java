package com.acme.aepexport.support.adobe;

import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;

import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.RandomGenerator;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import net.jqwik.api.lifecycle.LifecycleContext;
import net.jqwik.api.lifecycle.SkipExecutionHook;
import net.jqwik.api.statistics.Statistics;
import org.junit.jupiter.api.Test;
import org.opentest4j.TestAbortedException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Tests for {@link DocumentedAnswers}, run against Adobe's documents where they lie. The
 * properties draw answers and require, through jqwik's statistics coverage, that each
 * kind of answer the class promises turns up at least once; jqwik skips them when the
 * documents are absent. The JUnit tests check what needs no answer drawn.
 */
@AddLifecycleHook(NeedsAdobeDocuments.class)
class DocumentedAnswersTest {

	/** The run of destinations.yaml's Batch_Flow_Run_Success example. */
	private static final String RUN_ID = "e80e24c1-82de-48de-8352-b2d0fca1c392";

	private static final String FAILED_RUN_ID = "850a3a02-ba0d-452a-aeb3-e9fcc8361342";

	private static final Set<String> RUN_STATUSES = Set.of("Success", "Processing", "Waiting", "Failed");

	/** Properties of Flow_Run whose schema is an object. */
	private static final Set<String> RUN_OBJECTS = Set.of("metrics", "durationSummary", "latencySummary", "sizeSummary",
			"recordSummary", "fileSummary", "statusSummary");

	private static final Set<String> ID_TYPES = Set.of("COOKIE", "CROSS_DEVICE", "Device", "Email", "MOBILE",
			"Non_people", "Phone");

	private static final JsonMapper json = JsonMapper.builder().build();

	private static final String PROFILE = """
			{"identityMap":{"Email":[{"id":"a@example.com","primary":true}]},"person":{"name":{"firstName":"A"}},
			"segmentMembership":{"ups":{"s-1":{"status":"realized","lastQualificationTime":"2025-01-01T00:00:00Z"}}}}""";

	private static final JsonNode profile = json.readTree(PROFILE);

	private static final JsonNode emulatedRuns = json.readTree("{\"items\":[{\"id\":\"emulated-run\"}]}");

	@Provide
	Arbitrary<JsonNode> runs() {
		return DocumentedAnswers.response("destinations.yaml", "GET", "/runs", 200).arbitrary();
	}

	@Property(tries = 2000)
	void runsStrayFromTheirDocumentInEveryWay(@ForAll("runs") JsonNode run) {
		JsonNode status = at(run, "items", 0, "metrics", "statusSummary", "status");
		// not even a case variant of the enum's values, as Adobe's own example is
		covers("status outside the enum", status != null && status.isString()
				&& RUN_STATUSES.stream().noneMatch(status.asString()::equalsIgnoreCase));
		JsonNode duration = at(run, "items", 0, "metrics", "durationSummary");
		covers("duration without completedAtUTC",
				duration != null && duration.isObject() && !duration.has("completedAtUTC"));
		covers("null where the schema has an object",
				fields(run).anyMatch((field) -> RUN_OBJECTS.contains(field.getKey()) && field.getValue().isNull()));
		covers("number beyond long", all(run).anyMatch((node) -> (node.isIntegralNumber() && !node.canConvertToLong())
				|| (node.isDouble() && Math.abs(node.doubleValue()) > Long.MAX_VALUE)));
		covers("epoch milliseconds as a string", fields(run).anyMatch((field) -> field.getKey().endsWith("AtUTC")
				&& field.getValue().isString() && field.getValue().asString().matches("-?\\d+")));
		covers("the success example", RUN_ID.equals(text(at(run, "items", 0, "id"))));
		covers("the success example where it was not mutated",
				RUN_ID.equals(text(at(run, "items", 0, "id")))
						&& "success".equals(text(at(run, "items", 0, "metrics", "statusSummary", "status")))
						&& String.valueOf(at(run, "items", 0, "metrics", "durationSummary", "completedAtUTC"))
							.equals("1659018929923"));
		covers("the failure example", FAILED_RUN_ID.equals(text(at(run, "items", 0, "id"))));
		covers("unknown property",
				run.isObject() && run.propertyNames().stream().anyMatch((name) -> !"items".equals(name)));
		covers("no runs", at(run, "items") != null && at(run, "items").isEmpty());
		covers("several runs", at(run, "items") != null && at(run, "items").size() > 1);
		// what the service reads arrives as bytes
		assertThat(json.readTree(run.toString())).hasToString(run.toString());
	}

	@Example
	void theSameSeedGivesTheSameAnswers() {
		Arbitrary<JsonNode> runs = runs();
		assertThat(draw(runs, 100, 7)).isEqualTo(draw(runs, 100, 7)).isNotEqualTo(draw(runs, 100, 8));
	}

	@Provide
	Arbitrary<JsonNode> flowRuns() {
		return DocumentedAnswers.schema("destinations.yaml", "Flow_Run").arbitrary();
	}

	@Property(tries = 500)
	void componentSchemaTakesTheExamplesWhereTheDocumentRefersToIt(@ForAll("flowRuns") JsonNode run) {
		covers("the success example's run", RUN_ID.equals(text(at(run, "id"))));
		covers("the failure example's run", FAILED_RUN_ID.equals(text(at(run, "id"))));
		covers("a generated run", text(at(run, "flowId")) != null && !text(at(run, "flowId")).startsWith("df8d079d"));
	}

	@Provide
	Arbitrary<JsonNode> mappingSetPages() {
		return DocumentedAnswers.response("data-prep.yaml", "GET", "/mappingSets", 200).arbitrary();
	}

	@Provide
	Arbitrary<JsonNode> mapperSetPages() {
		return DocumentedAnswers.schema("data-prep.yaml", "MapperSetPage").arbitrary();
	}

	@Property(tries = 500)
	void mappingSetPagesKeepTheExampleThatContradictsItsSchema(@ForAll("mappingSetPages") JsonNode page) {
		mappingSetPage(page);
	}

	@Property(tries = 500)
	void mapperSetPageSchemaKeepsItsExampleToo(@ForAll("mapperSetPages") JsonNode page) {
		mappingSetPage(page);
	}

	private static void mappingSetPage(JsonNode page) {
		// the example: data is one mapping set, not an array of them
		covers("data as one object", "428beb15b4864daaaa9dc3f005448005".equals(text(at(page, "data", "id"))));
		covers("data as an array of objects", at(page, "data", 0) != null && at(page, "data", 0).isObject());
	}

	@Provide
	Arbitrary<JsonNode> identityNamespaces() {
		return DocumentedAnswers.response("identity-service.yaml", "GET", "/idnamespace/identities", 200).arbitrary();
	}

	@Property(tries = 1000)
	void identityNamespacesStrayFromTheirSchema(@ForAll("identityNamespaces") JsonNode namespaces) {
		covers("no namespaces", namespaces.isArray() && namespaces.isEmpty());
		covers("property example", "Email".equals(text(at(namespaces, 0, "code"))));
		covers("idType outside the enum",
				namespaces.isArray() && namespaces.values()
					.stream()
					.anyMatch((namespace) -> namespace.path("idType").isString()
							&& !ID_TYPES.contains(namespace.path("idType").asString())));
		covers("time as a string", fields(namespaces).anyMatch((field) -> field.getKey().endsWith("Time")
				&& field.getValue().isString() && field.getValue().asString().matches("-?\\d+")));
	}

	@Provide
	Arbitrary<JsonNode> connectionSpecs() {
		return DocumentedAnswers.response("flow-service.yaml", "GET", "/connectionSpecs/{CONNECTION_SPEC_ID}", 200)
			.arbitrary();
	}

	@Property(tries = 1000)
	void connectionSpecsAreGeneratedFromTheSchemaAlone(@ForAll("connectionSpecs") JsonNode specs) {
		covers("property example", "Google Cloud Storage".equals(text(at(specs, "items", 0, "name"))));
		covers("authSpec", at(specs, "items", 0, "authSpec") != null);
		covers("spec without id", at(specs, "items", 0) != null && !at(specs, "items", 0).has("id"));
	}

	@Provide
	Arbitrary<JsonNode> profiles() {
		return DocumentedAnswers.samples(profile, json.readTree("{}")).arbitrary();
	}

	@Property(tries = 500)
	void samplesAreAnsweredAsTheyAreAndMutated(@ForAll("profiles") JsonNode answer) {
		covers("the profile as it is", answer.equals(profile));
		covers("the empty object as it is", answer.equals(json.readTree("{}")));
		covers("mutated", !answer.equals(profile) && !answer.equals(json.readTree("{}")));
		assertThat(profile).isEqualTo(json.readTree(PROFILE)); // samples never change
	}

	@Provide
	Arbitrary<JsonNode> documentedAndEmulatedRuns() {
		return DocumentedAnswers.response("destinations.yaml", "GET", "/runs", 200)
			.withSamples(emulatedRuns)
			.arbitrary();
	}

	@Property(tries = 1000)
	void samplesJoinDocumentedAnswers(@ForAll("documentedAndEmulatedRuns") JsonNode run) {
		covers("the emulator's runs", run.equals(emulatedRuns));
		covers("the document's runs", RUN_ID.equals(text(at(run, "items", 0, "id"))));
	}

	@Test
	void undocumentedAnswersAreRejected() {
		DocumentedAnswers runs = DocumentedAnswers.response("destinations.yaml", "GET", "/runs", 200);
		assumeTrue(runs.available(), runs::skipReason);
		assertThatIllegalArgumentException()
			.isThrownBy(() -> DocumentedAnswers.response("destinations.yaml", "GET", "/runs", 201))
			.withMessageContaining("no JSON 201 answer to GET /runs");
		assertThatIllegalArgumentException().isThrownBy(() -> DocumentedAnswers.schema("destinations.yaml", "Nope"))
			.withMessageContaining("Nope");
	}

	@Test
	void skipsWithAClearReasonWhenTheDocumentIsAbsent() {
		String previous = System.getProperty(AdobeOpenApiValidator.DIR_PROPERTY);
		System.setProperty(AdobeOpenApiValidator.DIR_PROPERTY, "target/no-such-adobe-openapi-dir");
		try {
			DocumentedAnswers absent = DocumentedAnswers.response("destinations.yaml", "GET", "/runs", 200);
			assertThat(absent.available()).isFalse();
			assertThat(absent.skipReason()).startsWith("skipped: ")
				.contains("no-such-adobe-openapi-dir/destinations.yaml not found");
			assertThatThrownBy(absent::arbitrary).isInstanceOf(TestAbortedException.class)
				.hasMessageContaining(absent.skipReason());
			assertThat(DocumentedAnswers.schema("data-prep.yaml", "MapperSetPage").available()).isFalse();
			assertThat(DocumentedAnswers.samples(profile).available()).isTrue();
		}
		finally {
			if (previous != null) {
				System.setProperty(AdobeOpenApiValidator.DIR_PROPERTY, previous);
			}
			else {
				System.clearProperty(AdobeOpenApiValidator.DIR_PROPERTY);
			}
		}
	}

	/** Counts whether the answer shows it; fails the property if none did. */
	private static void covers(String label, boolean shown) {
		Statistics.label(label).collect(shown);
		Statistics.label(label).coverage((coverage) -> coverage.check(true).count((count) -> count > 0));
	}

	/** Answers drawn under a given seed (inside jqwik, which memoizes generators). */
	private static List<JsonNode> draw(Arbitrary<JsonNode> answers, int count, long seed) {
		RandomGenerator<JsonNode> generator = answers.generator(1000);
		Random random = new Random(seed);
		return Stream.generate(() -> generator.next(random).value()).limit(count).toList();
	}

	/** The node at a path of property names and array indexes; {@code null} if none. */
	private static JsonNode at(JsonNode node, Object... path) {
		JsonNode current = node;
		for (Object step : path) {
			if (current == null) {
				return null;
			}
			current = (step instanceof Integer index) ? (current.isArray() ? current.get(index) : null)
					: (current.isObject() ? current.get((String) step) : null);
		}
		return current;
	}

	private static String text(JsonNode node) {
		return (node != null && node.isString()) ? node.asString() : null;
	}

	/** Every node of the tree. */
	private static Stream<JsonNode> all(JsonNode node) {
		return Stream.concat(Stream.of(node), node.values().stream().flatMap(DocumentedAnswersTest::all));
	}

	/** Every property of every object in the tree. */
	private static Stream<Map.Entry<String, JsonNode>> fields(JsonNode node) {
		return all(node).filter(JsonNode::isObject).flatMap((object) -> object.properties().stream());
	}

}
