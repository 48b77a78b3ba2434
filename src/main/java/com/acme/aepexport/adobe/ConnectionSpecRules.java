package com.acme.aepexport.adobe;

import java.time.Duration;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.dialect.Dialect;
import com.networknt.schema.dialect.Dialects;
import com.networknt.schema.keyword.NonValidationKeyword;
import com.networknt.schema.path.NodePath;
import lombok.AccessLevel;
import lombok.RequiredArgsConstructor;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import com.acme.aepexport.export.Credentials;
import com.acme.aepexport.export.Destination;
import com.acme.aepexport.export.DestinationType;
import com.acme.aepexport.export.ExportSpec.FileSettings;

/**
 * Checks what we are about to send against the JSON Schemas (draft-07) of the
 * destination's connection spec, as Adobe publishes it: the {@code authSpec} the
 * credentials name, and the {@code targetSpec}. A pattern or a required field Adobe
 * changes is thus enforced without a release of ours.
 * <p>
 * Adobe's target specs carry a {@code conditional} extension (a property applies only
 * when another field has some value, e.g. {@code datasetFileType} only for dataset
 * flows); the properties whose condition does not hold for an audience flow are dropped
 * before validating.
 */
@RequiredArgsConstructor(access = AccessLevel.PACKAGE)
public class ConnectionSpecRules {

	/**
	 * Says which workflow a flow spec serves; it contains {@code DATASETS} for dataset
	 * flows (adobe-api-notes.md §8.2), never for the audience flows we create.
	 */
	private static final String WORKFLOW_FIELD = "flowSpec.attributes._workflow";

	/** Draft-07, knowing Adobe's own keywords as ones that validate nothing. */
	private final SchemaRegistry schemas = SchemaRegistry.withDefaultDialect(Dialect.builder(Dialects.getDraft7())
		.keyword(new NonValidationKeyword("conditional"))
		.keyword(new NonValidationKeyword("uiAttributes"))
		.build());

	/**
	 * Compiled schemas: an auth spec, or a target spec as an audience flow reads it, is
	 * the same for every export of its destination, and compiling it (its patterns among
	 * the rest) cost more than the rest of the check. Keyed by the spec's node as the
	 * cached connection spec holds it, and the properties dropped from it, not by the
	 * schema's value: copying the spec to drop properties, then hashing the copy and
	 * comparing it with the key, whole trees each, was 20 of 267 samples of an accept
	 * (JFR). A spec read again is another node: the entries of the one it replaced are no
	 * longer asked for, and go after an hour.
	 */
	private final Cache<SchemaKey, Schema> compiled = Caffeine.newBuilder()
		.maximumSize(256)
		.expireAfterAccess(Duration.ofHours(1))
		.build();

	private final JsonMapper json;

	/**
	 * What the connection spec's auth spec refuses in an export's credentials, each named
	 * as the caller wrote it ({@code destination.credentials.accessKeyId}).
	 */
	public List<Violation> credentialViolations(ConnectionSpec spec, DestinationType type, Credentials credentials) {
		return authViolations(spec, AdobeTerms.auth(type, credentials)).stream()
			.map((violation) -> new Violation(AdobeTerms.credentialField(violation.property()), violation.message()))
			.toList();
	}

	/**
	 * What the connection spec's target spec refuses in an export's destination and file
	 * settings, each named as the caller wrote it ({@code file.csv.delimiter}).
	 */
	public List<Violation> destinationViolations(ConnectionSpec spec, Destination destination, FileSettings file) {
		return targetViolations(spec, AdobeTerms.params(destination, file)).stream()
			.map((violation) -> new Violation(AdobeTerms.targetField(violation.property()), violation.message()))
			.toList();
	}

	/**
	 * @param auth what the base connection would carry, or {@code null} when the
	 * destination needs no credentials
	 */
	List<Violation> authViolations(ConnectionSpec spec, BaseConnectionRequest.Auth auth) {
		if (auth == null) {
			return spec.authSpec().isEmpty() ? List.of()
					: List.of(new Violation("", "credentials are required by Adobe's connection spec " + spec.name()));
		}
		return spec.authSpec(auth.specName())
			.map((authSpec) -> violations(authSpec.spec(), Set.of(), this.json.valueToTree(auth.params())))
			.orElseGet(() -> List.of(new Violation("", "Adobe's connection spec " + spec.name()
					+ " has no authentication named '" + auth.specName() + "'")));
	}

	List<Violation> targetViolations(ConnectionSpec spec, TargetConnectionRequest.Params params) {
		if (spec.targetSpec() == null || spec.targetSpec().spec() == null) {
			return List.of();
		}
		JsonNode target = this.json.valueToTree(params);
		JsonNode targetSpec = spec.targetSpec().spec();
		return violations(targetSpec, notForAudienceFlow(targetSpec, target), target);
	}

	/**
	 * @param dropped the properties of the schema that do not apply
	 * @throws AdobeCallFailed when Adobe's schema is none we can apply (a keyword of the
	 * wrong type, a pattern that is no regular expression): the check is then Adobe's
	 */
	private List<Violation> violations(JsonNode schemaNode, Set<String> dropped, JsonNode instance) {
		if (schemaNode == null || !schemaNode.isObject()) {
			return List.of();
		}
		// A value failing a oneOf of constants fails every branch: one violation is
		// enough.
		Set<Violation> violations = new LinkedHashSet<>();
		try {
			Schema schema = Cached.get(this.compiled, new SchemaKey(schemaNode, dropped),
					(key) -> this.schemas.getSchema(SchemaLocation.DOCUMENT, without(key.spec(), key.dropped())));
			for (Error error : schema.validate(instance)) {
				violations.add(violation(error));
			}
		}
		catch (RuntimeException unusable) {
			throw AdobeCallFailed.unusable("GET /data/foundation/flowservice/connectionSpecs/{id}", "spec",
					"is not a JSON Schema that can be applied: " + unusable.getClass().getSimpleName());
		}
		return List.copyOf(violations);
	}

	/**
	 * Names the property (dotted, without {@code $.}) and says what is wrong without
	 * quoting the value, which may be a secret.
	 */
	private static Violation violation(Error error) {
		String location = dotted(error.getInstanceLocation());
		if ("required".equals(error.getKeyword()) && error.getProperty() != null) {
			String property = location.isEmpty() ? error.getProperty() : location + "." + error.getProperty();
			return new Violation(property, "is required by Adobe's connection spec");
		}
		String message = switch (error.getKeyword()) {
			case "pattern" ->
				"does not match the pattern Adobe's connection spec requires: " + error.getSchemaNode().asString();
			case "enum", "oneOf", "const" -> "is not one of the values Adobe's connection spec allows";
			case "type" -> "has the wrong type for Adobe's connection spec";
			case "maxLength", "minLength" -> "has a length Adobe's connection spec does not allow";
			default -> "is refused by Adobe's connection spec (" + error.getKeyword() + ")";
		};
		return new Violation(location, message);
	}

	/** {@code csvOptions.delimiter}, {@code items[0]}: as our callers write paths. */
	private static String dotted(NodePath path) {
		StringBuilder dotted = new StringBuilder();
		for (int i = 0; i < path.getNameCount(); i++) {
			Object element = path.getElement(i);
			if (element instanceof Integer index) {
				dotted.append('[').append(index).append(']');
			}
			else {
				dotted.append(dotted.isEmpty() ? "" : ".").append(element);
			}
		}
		return dotted.toString();
	}

	/** The target spec's properties whose {@code conditional} does not hold. */
	private static Set<String> notForAudienceFlow(JsonNode targetSpec, JsonNode target) {
		Set<String> dropped = new HashSet<>();
		for (Map.Entry<String, JsonNode> property : targetSpec.path("properties").properties()) {
			JsonNode conditional = property.getValue().path("conditional");
			if (conditional.isObject() && !holds(conditional, target)) {
				dropped.add(property.getKey());
			}
		}
		return dropped;
	}

	/**
	 * A copy of the schema without these properties, or the schema when there are none.
	 */
	private static JsonNode without(JsonNode schema, Set<String> dropped) {
		if (dropped.isEmpty() || !schema.path("properties").isObject()) {
			return schema;
		}
		ObjectNode spec = (ObjectNode) schema.deepCopy();
		((ObjectNode) spec.get("properties")).remove(dropped);
		if (spec.path("required").isArray()) {
			ArrayNode required = (ArrayNode) spec.get("required");
			for (Iterator<JsonNode> names = required.iterator(); names.hasNext();) {
				if (dropped.contains(names.next().asString())) {
					names.remove();
				}
			}
		}
		return spec;
	}

	private static boolean holds(JsonNode conditional, JsonNode target) {
		String field = conditional.path("field").asString("");
		String operator = conditional.path("operator").asString("");
		String value = conditional.path("value").asString("");
		// Other fields are our own parameters.
		String actual = WORKFLOW_FIELD.equals(field) ? "AUDIENCES" : target.path(field).asString("");
		return switch (operator) {
			case "EQUALS" -> actual.equals(value);
			case "NOT_EQUALS" -> !actual.equals(value);
			case "CONTAINS" -> actual.contains(value);
			case "NOT_CONTAINS" -> !actual.contains(value);
			// An operator we do not know: keep the property, do not guess.
			default -> true;
		};
	}

	/**
	 * A schema node, by identity (the node of a cached connection spec, never changed; a
	 * spec read again is another node, compiled again), and the properties dropped from
	 * it.
	 */
	private record SchemaKey(JsonNode spec, Set<String> dropped) {

		@Override
		public boolean equals(Object other) {
			return other instanceof SchemaKey key && key.spec == this.spec && key.dropped.equals(this.dropped);
		}

		@Override
		public int hashCode() {
			return 31 * System.identityHashCode(this.spec) + this.dropped.hashCode();
		}

	}

	/**
	 * @param property Adobe's name of the offending parameter, dotted (e.g.
	 * {@code csvOptions.delimiter}); empty for the whole object
	 */
	public record Violation(String property, String message) {

	}

}
