package com.acme.aepexport.support.adobe;

import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import java.util.stream.Stream;

import com.fasterxml.jackson.core.TreeNode;
import io.swagger.parser.OpenAPIParser;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.examples.Example;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.parser.core.models.ParseOptions;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.RandomDistribution;
import net.jqwik.api.Tuple;
import org.junit.jupiter.api.Assumptions;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Every answer Adobe's published OpenAPI documents allow, as a jqwik {@link Arbitrary},
 * so that property tests feed the service what Adobe may really send. Half the answers
 * are the documented examples (and {@link #withSamples samples}) as they are: they are
 * the most realistic, and they are kept even where they disagree with their own schema
 * (e.g. {@code data-prep.yaml}'s {@code MapperSetPage} example has {@code data} as one
 * object, not an array). The other half are generated from the schema:
 * <ul>
 * <li>objects have each declared property present or absent at random, required ones too
 * (rarely: Adobe does not always keep its own {@code required});
 * {@code additionalProperties} and free-form objects give maps of up to three
 * entries;</li>
 * <li>arrays have 0 to 3 items; objects and arrays nested deeper than six levels are
 * empty, so recursive schemas end;</li>
 * <li>strings come mostly from the {@code enum} or {@code example}, else are arbitrary:
 * empty, non-ASCII, control characters, thousands of characters long;</li>
 * <li>integers are mostly epoch milliseconds and counts, also 0, negative,
 * {@code Long.MIN_VALUE}/{@code MAX_VALUE} and beyond {@code long}; numbers add doubles
 * up to 1e300;</li>
 * <li>{@code $ref}s are followed, {@code allOf} members merged, one {@code oneOf} or
 * {@code anyOf} branch picked; a schema's own {@code example} is offered as it is.</li>
 * </ul>
 * Every answer then gets zero to four mutations at random places, the ways Adobe departs
 * from its documents: a field dropped or set to null, an unknown property added (with a
 * scalar, array or object value), a string from an enum replaced by one outside it
 * ({@code partialSuccess}, {@code CANCELLED}, ...), an array emptied, a number replaced
 * by one beyond {@code long} or a negative one, or sent as a string.
 * <p>
 * Documents are read where they lie, like {@link AdobeOpenApiValidator} does: the
 * directory named by the system property {@value AdobeOpenApiValidator#DIR_PROPERTY}, by
 * default {@value AdobeOpenApiValidator#DEFAULT_DIR}. When the document is absent,
 * {@link #available()} is {@code false} and {@link #arbitrary()} aborts the calling test
 * (reported as skipped by JUnit); jqwik properties check {@link #available()} first,
 * since jqwik takes an aborted try for a rejected one, not a skip. Every value comes from
 * jqwik combinators, so it is reproducible under jqwik's seed and shrinks (towards fewer
 * mutations, fewer fields, the first example).
 */
public final class DocumentedAnswers {

	/** Objects and arrays nested deeper are left empty: recursive schemas must end. */
	private static final int MAX_DEPTH = 6;

	private static final JsonMapper json = JsonMapper.builder().build();

	private static final JsonNodeFactory nodes = JsonNodeFactory.instance;

	/** Parsed once per path: {@code destinations.yaml} is 350 KB. */
	private static final Map<Path, OpenAPI> documents = new ConcurrentHashMap<>();

	private static final BigInteger BEYOND_LONG = new BigInteger("99999999999999999999999");

	private final OpenAPI api;

	private final Schema<?> schema;

	private final List<JsonNode> examples;

	private final String skipReason;

	private DocumentedAnswers(OpenAPI api, Schema<?> schema, List<JsonNode> examples, String skipReason) {
		this.api = api;
		this.schema = schema;
		this.examples = List.copyOf(examples);
		this.skipReason = skipReason;
	}

	/**
	 * The JSON answer of one documented operation: its schema and every example (the
	 * media type's {@code example} and {@code examples}, {@code $ref}'d ones included,
	 * and the schema's own {@code example}).
	 * @param document the file name, e.g. {@code destinations.yaml}
	 * @param method the HTTP method, e.g. {@code GET}
	 * @param path the path as the document spells it, e.g. {@code /runs}
	 * @param status the response status, e.g. {@code 200}
	 * @return the answers; unavailable when the document is absent
	 * @throws IllegalArgumentException when the document has no such JSON answer
	 */
	public static DocumentedAnswers response(String document, String method, String path, int status) {
		Path file = locate(document);
		if (!Files.isRegularFile(file)) {
			return absent(file, document);
		}
		OpenAPI api = documents.computeIfAbsent(file, DocumentedAnswers::parse);
		PathItem item = api.getPaths().get(path);
		Operation operation = (item != null)
				? item.readOperationsMap().get(PathItem.HttpMethod.valueOf(method.toUpperCase(Locale.ROOT))) : null;
		ApiResponse response = (operation != null && operation.getResponses() != null)
				? operation.getResponses().get(String.valueOf(status)) : null;
		if (response != null && response.get$ref() != null) {
			response = api.getComponents().getResponses().get(name(response.get$ref()));
		}
		MediaType media = (response != null) ? jsonMedia(response.getContent()) : null;
		if (media == null || media.getSchema() == null) {
			throw new IllegalArgumentException(
					document + " documents no JSON " + status + " answer to " + method + " " + path);
		}
		Set<JsonNode> examples = new LinkedHashSet<>(examplesOf(api, media));
		Object own = resolve(api, media.getSchema()).getExample();
		if (own != null) {
			examples.add(toJson(own));
		}
		return new DocumentedAnswers(api, media.getSchema(), new ArrayList<>(examples), null);
	}

	/**
	 * A component schema, with the parts of the document's examples (of every request,
	 * answer and schema) that lie where the document refers to that component: the
	 * {@code items} of the {@code GET /runs} examples for {@code Flow_Run}.
	 * @param document the file name, e.g. {@code destinations.yaml}
	 * @param componentName the name under {@code components/schemas}, e.g.
	 * {@code Flow_Run}
	 * @return the answers; unavailable when the document is absent
	 * @throws IllegalArgumentException when the document has no such component
	 */
	public static DocumentedAnswers schema(String document, String componentName) {
		Path file = locate(document);
		if (!Files.isRegularFile(file)) {
			return absent(file, document);
		}
		OpenAPI api = documents.computeIfAbsent(file, DocumentedAnswers::parse);
		Map<String, Schema> components = api.getComponents().getSchemas();
		if (components == null || !components.containsKey(componentName)) {
			throw new IllegalArgumentException(document + " has no component schema " + componentName);
		}
		String target = "#/components/schemas/" + componentName;
		Set<JsonNode> found = new LinkedHashSet<>();
		for (PathItem item : api.getPaths().values()) {
			for (Operation operation : item.readOperations()) {
				List<Content> contents = new ArrayList<>();
				if (operation.getRequestBody() != null) {
					contents.add(operation.getRequestBody().getContent());
				}
				if (operation.getResponses() != null) {
					operation.getResponses().values().forEach((response) -> contents.add(response.getContent()));
				}
				contents.stream()
					.filter(Objects::nonNull)
					.flatMap((content) -> content.values().stream())
					.forEach((media) -> examplesOf(api, media)
						.forEach((example) -> collect(api, media.getSchema(), example, target, found, 0)));
			}
		}
		components.forEach((name, component) -> {
			if (component.getExample() != null) {
				Schema<?> reference = new Schema<>().$ref("#/components/schemas/" + name);
				collect(api, reference, toJson(component.getExample()), target, found, 0);
			}
		});
		return new DocumentedAnswers(api, new Schema<>().$ref(target), new ArrayList<>(found), null);
	}

	/**
	 * Sample answers only, for answers no document describes (e.g. a profile union
	 * schema); they are mutated like documented ones.
	 * @param samples the answers
	 * @return the answers, always available
	 */
	public static DocumentedAnswers samples(JsonNode... samples) {
		if (samples.length == 0) {
			throw new IllegalArgumentException("samples() needs at least one sample");
		}
		return new DocumentedAnswers(null, null, List.of(samples), null);
	}

	/**
	 * Adds samples (e.g. our emulator's own answers) to these answers.
	 * @param samples the answers to add
	 * @return new answers with the samples added
	 */
	public DocumentedAnswers withSamples(JsonNode... samples) {
		List<JsonNode> all = new ArrayList<>(this.examples);
		all.addAll(List.of(samples));
		return new DocumentedAnswers(this.api, this.schema, all, this.skipReason);
	}

	/**
	 * The documented examples and samples, as they are, in the document's order.
	 * @return the examples; empty when the document is absent
	 */
	public List<JsonNode> examples() {
		return this.examples;
	}

	/**
	 * Whether the document was found.
	 * @return {@code false} when it is absent (see {@link #skipReason()})
	 */
	public boolean available() {
		return this.skipReason == null;
	}

	/**
	 * Why there are no answers.
	 * @return {@code "skipped: <path> not found ..."}, or {@code null} when
	 * {@link #available()}
	 */
	public String skipReason() {
		return this.skipReason;
	}

	/**
	 * Arbitrary answers: the documented examples and samples as they are or values
	 * generated from the schema (equal weights), each then changed by zero to four
	 * mutations at random places. Every value is a fresh tree the caller may change.
	 * @return the arbitrary; aborts the calling test when the document is absent
	 */
	public Arbitrary<JsonNode> arbitrary() {
		if (!available()) {
			Assumptions.abort(this.skipReason);
		}
		List<Tuple.Tuple2<Integer, Arbitrary<JsonNode>>> sources = new ArrayList<>();
		if (!this.examples.isEmpty()) {
			sources.add(Tuple.of(1, Arbitraries.of(this.examples)));
		}
		if (this.schema != null) {
			sources.add(Tuple.of(1, Arbitraries.lazy(() -> generated(this.schema, 0))));
		}
		Set<String> enumerated = new LinkedHashSet<>();
		enums(this.schema, enumerated, Collections.newSetFromMap(new IdentityHashMap<>()));
		return Combinators.combine(Arbitraries.frequencyOf(sources), mutations().list().ofMaxSize(4))
			.as((answer, mutations) -> {
				// examples and sample values are shared between answers: change a copy
				JsonNode copy = answer.deepCopy();
				mutations.forEach((mutation) -> mutation.apply(copy, enumerated));
				return copy;
			});
	}

	private Arbitrary<JsonNode> generated(Schema<?> declared, int depth) {
		Schema<?> schema = resolve(this.api, declared);
		List<Arbitrary<JsonNode>> parts = new ArrayList<>();
		// allOf: every member's properties together; oneOf and anyOf: one branch
		members(schema.getAllOf()).forEach((member) -> parts.add(Arbitraries.lazy(() -> generated(member, depth))));
		for (List<Schema> branches : List.of(members(schema.getOneOf()), members(schema.getAnyOf()))) {
			if (!branches.isEmpty()) {
				parts.add(Arbitraries.oneOf(
						branches.stream().map((branch) -> Arbitraries.lazy(() -> generated(branch, depth))).toList()));
			}
		}
		if (parts.isEmpty() || schema.getProperties() != null || schema.getAdditionalProperties() != null) {
			parts.add(own(schema, depth));
		}
		Arbitrary<JsonNode> value = (parts.size() == 1) ? parts.get(0)
				: Combinators.combine(parts).as(DocumentedAnswers::merge);
		// a schema's own example is an answer Adobe wrote down: offer it as it is
		return (schema.getExample() != null)
				? Arbitraries.frequencyOf(
						List.of(Tuple.of(3, value), Tuple.of(1, Arbitraries.just(toJson(schema.getExample())))))
				: value;
	}

	private Arbitrary<JsonNode> own(Schema<?> schema, int depth) {
		List<JsonNode> documented = new ArrayList<>();
		if (schema.getEnum() != null) {
			schema.getEnum().stream().filter(Objects::nonNull).map(DocumentedAnswers::toJson).forEach(documented::add);
		}
		String type = Objects.requireNonNullElse(type(schema), "any");
		Arbitrary<JsonNode> any = switch (type) {
			case "object" -> (depth >= MAX_DEPTH) ? Arbitraries.just(nodes.objectNode()) : object(schema, depth + 1);
			case "array" -> (depth >= MAX_DEPTH) ? Arbitraries.just(nodes.arrayNode())
					: Arbitraries.lazy(() -> generated(schema.getItems(), depth + 1))
						.list()
						.ofMaxSize(3)
						.withSizeDistribution(RandomDistribution.uniform())
						.map(DocumentedAnswers::array);
			case "string" -> strings();
			case "integer" -> integers();
			case "number" -> Arbitraries.frequencyOf(List.of(Tuple.of(4, integers()),
					Tuple.of(4, Arbitraries.doubles().between(-1e6, 1e6).map(nodes::numberNode)),
					Tuple.of(1, Arbitraries.of(1e300, -1e300, 0.0).map(nodes::numberNode))));
			case "boolean" -> Arbitraries.of(true, false).map(nodes::booleanNode);
			default -> unknownValues();
		};
		// an enum is what Adobe mostly sends; values outside it come from the mutations
		return documented.isEmpty() ? any
				: Arbitraries.frequencyOf(List.of(Tuple.of(9, Arbitraries.of(documented)), Tuple.of(1, any)));
	}

	/** Each property present or absent (required ones too, rarely: Adobe drops them). */
	private Arbitrary<JsonNode> object(Schema<?> schema, int depth) {
		Map<String, Schema> properties = Objects.requireNonNullElse(schema.getProperties(), Map.of());
		List<String> names = new ArrayList<>(properties.keySet());
		List<String> required = Objects.requireNonNullElse(schema.getRequired(), List.of());
		List<Arbitrary<JsonNode>> values = names.stream()
			.map((name) -> Arbitraries.lazy(() -> generated(properties.get(name), depth))
				.injectNull(required.contains(name) ? 0.05 : 0.4))
			.toList();
		Arbitrary<List<JsonNode>> present = values.isEmpty() ? Arbitraries.just(List.of())
				: Combinators.combine(values).as((list) -> list);
		Object additional = schema.getAdditionalProperties();
		Arbitrary<Map<String, JsonNode>> extra = (additional instanceof Schema<?> map)
				? Arbitraries.maps(names(), Arbitraries.lazy(() -> generated(map, depth))).ofMaxSize(3)
				: (Boolean.TRUE.equals(additional) || (additional == null && names.isEmpty()))
						? Arbitraries.maps(names(), unknownValues()).ofMaxSize(2) : Arbitraries.just(Map.of());
		return Combinators.combine(present, extra).as((list, map) -> {
			ObjectNode object = nodes.objectNode();
			map.forEach(object::set);
			for (int i = 0; i < names.size(); i++) {
				if (list.get(i) != null) {
					object.set(names.get(i), list.get(i));
				}
			}
			return object;
		});
	}

	/** Realistic strings mostly; empty, non-ASCII and very long ones too. */
	private static Arbitrary<JsonNode> strings() {
		return Arbitraries
			.frequencyOf(
					List.of(Tuple.of(40, Arbitraries.strings().alpha().numeric().withChars("-_.@").ofMaxLength(40)),
							Tuple.of(4, Arbitraries.strings().ofMaxLength(20)),
							Tuple.of(2, Arbitraries.of("", " ", "ünïcødé", "名前", "😀\u0000\u2028")),
							Tuple.of(1, Arbitraries.strings().alpha().ofMinLength(2000).ofMaxLength(5000))))
			.map(nodes::stringNode);
	}

	/** Epoch milliseconds and counts mostly; the edges of long and beyond. */
	private static Arbitrary<JsonNode> integers() {
		return Arbitraries.frequencyOf(
				List.of(Tuple.of(40, Arbitraries.longs().between(-1000, 2_000_000_000_000L).map(nodes::numberNode)),
						Tuple.of(4, Arbitraries.of(0L, -1L, Long.MAX_VALUE, Long.MIN_VALUE).map(nodes::numberNode)),
						Tuple.of(1, Arbitraries.of(BEYOND_LONG, BEYOND_LONG.negate()).map(nodes::numberNode))));
	}

	/** Values where the document says nothing: unknown properties and free-form maps. */
	private static Arbitrary<JsonNode> unknownValues() {
		Arbitrary<JsonNode> scalars = Arbitraries.oneOf(strings(), integers(),
				Arbitraries.of(true, false).map(nodes::booleanNode), Arbitraries.just(nodes.nullNode()));
		return Arbitraries.recursive(() -> scalars,
				(inner) -> Arbitraries.oneOf(inner, inner.list().ofMaxSize(3).map(DocumentedAnswers::array),
						Arbitraries.maps(names(), inner).ofMaxSize(3).map(DocumentedAnswers::object)),
				0, 2);
	}

	private static Arbitrary<String> names() {
		return Arbitraries.strings().alpha().withChars("._").ofMinLength(1).ofMaxLength(12);
	}

	/** What Adobe's answers do that its documents do not say. */
	private static Arbitrary<Mutation> mutations() {
		Arbitrary<Integer> at = Arbitraries.integers().between(0, 10_000);
		Arbitrary<JsonNode> unknown = Combinators.combine(names(), unknownValues())
			.as((name, value) -> object(Map.of(name, value)));
		Arbitrary<JsonNode> outsideEnum = Arbitraries
			.oneOf(Arbitraries.of("partialSuccess", "CANCELLED", "somethingNew", "success", "FAILED", ""),
					Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(12))
			.map(nodes::stringNode);
		Arbitrary<JsonNode> oddNumber = Arbitraries.<JsonNode>of(nodes.numberNode(BEYOND_LONG),
				nodes.numberNode(BEYOND_LONG.negate()), nodes.numberNode(1e300), nodes.numberNode(-1L),
				nodes.numberNode(Long.MIN_VALUE));
		// emptying is rarer: where the answer is one array, it would leave nothing else
		return Arbitraries.frequencyOf(List.of(Tuple.of(2, at.map((i) -> new Mutation(Kind.DROP, i, null))),
				Tuple.of(2, at.map((i) -> new Mutation(Kind.NULL, i, null))),
				Tuple.of(1, at.map((i) -> new Mutation(Kind.EMPTY_ARRAY, i, null))),
				Tuple.of(2, at.map((i) -> new Mutation(Kind.NUMBER_AS_STRING, i, null))),
				Tuple.of(2,
						Combinators.combine(at, unknown)
							.as((i, value) -> new Mutation(Kind.UNKNOWN_PROPERTY, i, value))),
				Tuple.of(2,
						Combinators.combine(at, outsideEnum)
							.as((i, value) -> new Mutation(Kind.OUTSIDE_ENUM, i, value))),
				Tuple.of(2,
						Combinators.combine(at, oddNumber).as((i, value) -> new Mutation(Kind.ODD_NUMBER, i, value)))));
	}

	private static JsonNode merge(List<JsonNode> parts) {
		ObjectNode merged = nodes.objectNode();
		parts.stream().filter(JsonNode::isObject).forEach((part) -> merged.setAll((ObjectNode) part));
		return parts.stream().anyMatch(JsonNode::isObject) ? merged : parts.get(0);
	}

	private static JsonNode array(List<JsonNode> items) {
		ArrayNode array = nodes.arrayNode();
		items.forEach(array::add);
		return array;
	}

	private static JsonNode object(Map<String, JsonNode> properties) {
		ObjectNode object = nodes.objectNode();
		properties.forEach(object::set);
		return object;
	}

	/** The parts of {@code value} that lie where {@code schema} refers to target. */
	private static void collect(OpenAPI api, Schema<?> schema, JsonNode value, String target, Set<JsonNode> found,
			int depth) {
		if (schema == null || value == null || depth > 64) {
			return;
		}
		if (target.equals(schema.get$ref())) {
			found.add(value);
			return;
		}
		Schema<?> resolved = resolve(api, schema);
		members(resolved).forEach((member) -> collect(api, member, value, target, found, depth + 1));
		if (value.isObject() && resolved.getProperties() != null) {
			resolved.getProperties()
				.forEach((name, property) -> collect(api, property, value.get(name), target, found, depth + 1));
		}
		if (value.isArray()) {
			value.values().forEach((item) -> collect(api, resolved.getItems(), item, target, found, depth + 1));
		}
	}

	/** Every enum value reachable from the schema: strings Adobe picks from a list. */
	private void enums(Schema<?> declared, Set<String> values, Set<Schema<?>> seen) {
		Schema<?> schema = (declared != null) ? resolve(this.api, declared) : null;
		if (schema == null || !seen.add(schema)) {
			return;
		}
		if (schema.getEnum() != null) {
			schema.getEnum().forEach((value) -> values.add(String.valueOf(value)));
		}
		List<Schema> children = members(schema);
		children.addAll(Objects.requireNonNullElse(schema.getProperties(), Map.<String, Schema>of()).values());
		children.add(schema.getItems());
		if (schema.getAdditionalProperties() instanceof Schema<?> additional) {
			children.add(additional);
		}
		children.forEach((child) -> enums(child, values, seen));
	}

	private static Path locate(String document) {
		String dir = System.getProperty(AdobeOpenApiValidator.DIR_PROPERTY, AdobeOpenApiValidator.DEFAULT_DIR);
		return Path.of(dir).resolve(document).toAbsolutePath().normalize();
	}

	private static DocumentedAnswers absent(Path file, String document) {
		return new DocumentedAnswers(null, null, List.of(), "skipped: " + file + " not found (set -D"
				+ AdobeOpenApiValidator.DIR_PROPERTY + "=<directory holding Adobe's " + document + ">)");
	}

	/** Resolves nothing but external references: $ref names tell examples apart. */
	private static OpenAPI parse(Path file) {
		ParseOptions options = new ParseOptions();
		options.setResolve(true);
		OpenAPI api = new OpenAPIParser().readLocation(file.toUri().toString(), null, options).getOpenAPI();
		if (api == null || api.getPaths() == null) {
			throw new IllegalStateException("Cannot load " + file);
		}
		return api;
	}

	private static Schema<?> resolve(OpenAPI api, Schema<?> schema) {
		Schema<?> resolved = schema;
		for (int hops = 0; resolved != null && resolved.get$ref() != null && hops < 10; hops++) {
			resolved = api.getComponents().getSchemas().get(name(resolved.get$ref()));
		}
		// a reference that leads nowhere (or round in a circle) allows anything
		return (resolved != null && resolved.get$ref() == null) ? resolved : new Schema<>();
	}

	private static String type(Schema<?> schema) {
		if (schema.getType() != null) {
			return schema.getType();
		}
		if (schema.getTypes() != null && !schema.getTypes().isEmpty()) {
			return schema.getTypes().iterator().next();
		}
		if (schema.getProperties() != null || schema.getAdditionalProperties() != null) {
			return "object";
		}
		return (schema.getItems() != null) ? "array" : null;
	}

	private static MediaType jsonMedia(Content content) {
		if (content == null) {
			return null;
		}
		return content.entrySet()
			.stream()
			.filter((entry) -> entry.getKey().contains("json"))
			.sorted((a, b) -> Boolean.compare(!a.getKey().equals("application/json"),
					!b.getKey().equals("application/json")))
			.map(Map.Entry::getValue)
			.findFirst()
			.orElse(null);
	}

	private static List<JsonNode> examplesOf(OpenAPI api, MediaType media) {
		List<JsonNode> examples = new ArrayList<>();
		if (media.getExample() != null) {
			examples.add(toJson(media.getExample()));
		}
		Map<String, Example> named = Objects.requireNonNullElse(media.getExamples(), Map.of());
		for (Example example : named.values()) {
			Example resolved = (example.get$ref() != null)
					? api.getComponents().getExamples().get(name(example.get$ref())) : example;
			if (resolved != null && resolved.getValue() != null) {
				examples.add(toJson(resolved.getValue()));
			}
		}
		return examples;
	}

	@SuppressWarnings("rawtypes")
	private static List<Schema> members(List<Schema> members) {
		return (members != null) ? members : List.of();
	}

	/** The members of the schema's allOf, oneOf and anyOf. */
	@SuppressWarnings("rawtypes")
	private static List<Schema> members(Schema<?> schema) {
		List<Schema> all = new ArrayList<>(members(schema.getAllOf()));
		all.addAll(members(schema.getOneOf()));
		all.addAll(members(schema.getAnyOf()));
		return all;
	}

	private static String name(String ref) {
		return ref.substring(ref.lastIndexOf('/') + 1);
	}

	/** swagger-parser holds examples as Jackson 2 trees or plain Java values. */
	private static JsonNode toJson(Object value) {
		return (value instanceof TreeNode tree) ? json.readTree(tree.toString()) : json.valueToTree(value);
	}

	private enum Kind {

		DROP, NULL, UNKNOWN_PROPERTY, OUTSIDE_ENUM, EMPTY_ARRAY, ODD_NUMBER, NUMBER_AS_STRING

	}

	/**
	 * One change to an answer: of what kind, where (the {@code at}-th candidate of that
	 * kind, modulo their number, parents first, so shrinking moves it to the root) and
	 * with what value.
	 */
	private record Mutation(Kind kind, int at, JsonNode value) {

		void apply(JsonNode root, Set<String> enumerated) {
			List<Slot> slots = new ArrayList<>();
			walk(root, slots);
			List<JsonNode> containers = Stream.concat(Stream.of(root), slots.stream().map(Slot::value))
				.filter(JsonNode::isContainer)
				.toList();
			switch (this.kind) {
				case DROP -> pick(slots, (slot) -> slot.name() != null)
					.ifPresent((slot) -> ((ObjectNode) slot.parent()).remove(slot.name()));
				case NULL -> pick(slots, (slot) -> true).ifPresent((slot) -> slot.set(nodes.nullNode()));
				case UNKNOWN_PROPERTY -> pick(containers, JsonNode::isObject)
					.ifPresent((object) -> ((ObjectNode) object).setAll((ObjectNode) this.value.deepCopy()));
				case EMPTY_ARRAY ->
					pick(containers, JsonNode::isArray).ifPresent((array) -> ((ArrayNode) array).removeAll());
				// without a schema, any string may be one Adobe picks from a list
				case OUTSIDE_ENUM -> pick(slots,
						(slot) -> slot.value().isString() && (enumerated.isEmpty()
								|| enumerated.stream().anyMatch(slot.value().asString()::equalsIgnoreCase)))
					.filter((slot) -> !enumerated.contains(this.value.asString()))
					.ifPresent((slot) -> slot.set(this.value.deepCopy()));
				case ODD_NUMBER ->
					pick(slots, (slot) -> slot.value().isNumber()).ifPresent((slot) -> slot.set(this.value.deepCopy()));
				// Adobe sends epoch seconds as strings in places
				case NUMBER_AS_STRING -> pick(slots, (slot) -> slot.value().isNumber())
					.ifPresent((slot) -> slot.set(nodes.stringNode(slot.value().toString())));
			}
		}

		private <T> Optional<T> pick(List<T> candidates, Predicate<T> kind) {
			List<T> matching = candidates.stream().filter(kind).toList();
			return matching.isEmpty() ? Optional.empty() : Optional.of(matching.get(this.at % matching.size()));
		}

		/** Collects the node's fields or elements, then theirs: parents first. */
		private static void walk(JsonNode node, List<Slot> slots) {
			int from = slots.size();
			if (node.isObject()) {
				node.properties().forEach((entry) -> slots.add(new Slot(node, entry.getKey(), -1, entry.getValue())));
			}
			for (int i = 0; node.isArray() && i < node.size(); i++) {
				slots.add(new Slot(node, null, i, node.get(i)));
			}
			List.copyOf(slots.subList(from, slots.size())).forEach((slot) -> walk(slot.value(), slots));
		}

	}

	/** A field of an object or an element of an array. */
	private record Slot(JsonNode parent, String name, int index, JsonNode value) {

		void set(JsonNode replacement) {
			if (this.name != null) {
				((ObjectNode) this.parent).set(this.name, replacement);
			}
			else {
				((ArrayNode) this.parent).set(this.index, replacement);
			}
		}

	}

}
