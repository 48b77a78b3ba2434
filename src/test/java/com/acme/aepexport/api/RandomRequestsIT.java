package com.acme.aepexport.api;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.Tuple.Tuple2;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import com.acme.aepexport.support.ExampleBodies;
import com.acme.aepexport.support.ExportsClient;
import com.acme.aepexport.support.LocalInfrastructure;
import com.acme.aepexport.support.ScratchDatabase;
import com.acme.aepexport.support.ServiceContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Whatever a caller sends to {@code POST /exports} — valid examples mutated at random,
 * other JSON, broken JSON — the service answers it without a 5xx.
 */
class RandomRequestsIT {

	private static final List<String> EXAMPLES = ExampleBodies.names();

	private static ScratchDatabase database;

	private static ServiceContext service;

	private static URI exports;

	private static final HttpClient http = HttpClient.newHttpClient();

	private static final String TOKEN = LocalInfrastructure.token("random-caller", "exports:read", "exports:write");

	@BeforeContainer
	static void startTheService() {
		// On the emulator, so Adobe's connection specs are really checked; on a database
		// of
		// its own, so the exports it is made to accept run nowhere near other tests'
		// work.
		database = ScratchDatabase.create("random");
		Map<String, String> properties = new HashMap<>(LocalInfrastructure.properties());
		properties.putAll(database.properties());
		properties.put("server.port", "0");
		service = ServiceContext.start(properties);
		exports = URI.create(service.baseUrl() + "/exports");
	}

	@AfterContainer
	static void stopTheService() {
		if (service != null) {
			service.close();
		}
		if (database != null) {
			database.drop();
		}
	}

	@Property(tries = 250)
	void neverAnswersWithA5xx(@ForAll("requests") String body) throws IOException, InterruptedException {
		HttpResponse<String> response = http.send(HttpRequest.newBuilder(exports)
			.header("Content-Type", "application/json")
			.header("Authorization", "Bearer " + TOKEN)
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build(), HttpResponse.BodyHandlers.ofString());

		assertThat(response.statusCode()).as(response.body()).isLessThan(500);
		if (response.statusCode() == 400) {
			assertThat(response.headers().firstValue("Content-Type"))
				.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
		}
	}

	@Provide
	Arbitrary<String> requests() {
		return Arbitraries.frequencyOf(weighted(6, mutatedExamples()), weighted(1, anyJson().map(JsonNode::toString)),
				weighted(1, Arbitraries.strings().ofMaxLength(200)));
	}

	private Arbitrary<String> mutatedExamples() {
		return Combinators.combine(Arbitraries.of(EXAMPLES), mutations().list().ofMinSize(1).ofMaxSize(5))
			.as((example, mutations) -> {
				ObjectNode body = ExportsClient.example(example, "random");
				for (Mutation mutation : mutations) {
					mutation.apply(body);
				}
				return body.toString();
			});
	}

	/** Replace, remove or add a field somewhere in the body. */
	private Arbitrary<Mutation> mutations() {
		Arbitrary<Integer> position = Arbitraries.integers().between(0, 1000);
		return Arbitraries
			.oneOf(Combinators.combine(position, anyJson()).as((at, value) -> (body) -> replace(body, at, value)),
					position.map((at) -> (body) -> remove(body, at)),
					Combinators
						.combine(position, Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(12), anyJson())
						.as((at, name, value) -> (body) -> add(body, at, name, value)));
	}

	private Arbitrary<JsonNode> anyJson() {
		JsonNodeFactory nodes = JsonNodeFactory.instance;
		Arbitrary<JsonNode> scalars = Arbitraries.oneOf(Arbitraries.strings().ofMaxLength(50).map(nodes::stringNode),
				Arbitraries.strings().withCharRange('A', 'Z').ofLength(20).map(nodes::stringNode),
				Arbitraries
					.of("CSV", "GZIP", "ONCE", "EVERY_3_HOURS", "AFTER_SEGMENT_EVALUATION", "23:00", "2026-02-30", "",
							"\t", "%SEGMENT_ID%", "identityMap.Email")
					.map(nodes::stringNode),
				Arbitraries.integers().map(nodes::numberNode), Arbitraries.doubles().map(nodes::numberNode),
				Arbitraries.of(true, false).map(nodes::booleanNode), Arbitraries.just(nodes.nullNode()),
				Arbitraries.strings().ofLength(5000).map(nodes::stringNode));
		return Arbitraries.oneOf(scalars, scalars.list().ofMaxSize(3).map((items) -> {
			ArrayNode array = nodes.arrayNode();
			items.forEach(array::add);
			return (JsonNode) array;
		}), Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(8).flatMap((name) -> scalars.map((value) -> {
			ObjectNode object = nodes.objectNode();
			object.set(name, value);
			return (JsonNode) object;
		})));
	}

	/** Every container node of the body, parents first. */
	private static List<JsonNode> containers(JsonNode body) {
		List<JsonNode> containers = new ArrayList<>();
		collect(body, containers);
		return containers;
	}

	private static void collect(JsonNode node, List<JsonNode> containers) {
		if (node.isContainer()) {
			containers.add(node);
			node.values().forEach((child) -> collect(child, containers));
		}
	}

	private static void replace(ObjectNode body, int at, JsonNode value) {
		JsonNode container = pick(containers(body), at);
		if (container instanceof ObjectNode object && !object.isEmpty()) {
			List<String> names = new ArrayList<>(object.propertyNames());
			object.set(names.get(at % names.size()), value);
		}
		else if (container instanceof ArrayNode array && !array.isEmpty()) {
			array.set(at % array.size(), value);
		}
	}

	private static void remove(ObjectNode body, int at) {
		JsonNode container = pick(containers(body), at);
		if (container instanceof ObjectNode object && !object.isEmpty()) {
			List<String> names = new ArrayList<>(object.propertyNames());
			object.remove(names.get(at % names.size()));
		}
		else if (container instanceof ArrayNode array && !array.isEmpty()) {
			array.remove(at % array.size());
		}
	}

	private static void add(ObjectNode body, int at, String name, JsonNode value) {
		JsonNode container = pick(containers(body), at);
		if (container instanceof ObjectNode object) {
			object.set(name, value);
		}
		else if (container instanceof ArrayNode array) {
			array.add(value);
		}
	}

	private static JsonNode pick(List<JsonNode> nodes, int at) {
		return nodes.get(at % nodes.size());
	}

	interface Mutation {

		void apply(ObjectNode body);

	}

	private static Tuple2<Integer, Arbitrary<? extends String>> weighted(int weight, Arbitrary<String> requests) {
		return Tuple.of(weight, requests);
	}

}
