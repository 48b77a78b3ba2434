package com.acme.aepexport.adobe;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;

import tools.jackson.databind.JsonNode;

import com.acme.aepexport.adobe.ConnectionSpecRules.Violation;
import com.acme.aepexport.export.ExportSpec;

/**
 * Checks what an export names of a sandbox's profiles against what the sandbox holds:
 * every mapping source, attribute deduplication key and mandatory field must be a field
 * of the profile union schema, and every identity ({@code identityMap.<namespace>}, a
 * deduplication key's namespace) an active identity namespace. Otherwise Adobe's Data
 * Prep would take the mapping set and the export would write empty columns, or refuse it
 * late, after the connections and the dataflow were made.
 * <p>
 * It refuses only what it can prove missing: a union schema it cannot follow (a
 * {@code $ref}, an {@code allOf}, a map of any keys, an array) lets the path through, and
 * a document that could not be read checks nothing.
 */
public final class ProfileRules {

	private static final String IDENTITY_MAP = "identityMap.";

	/**
	 * A dot inside a namespace, escaped as Data Prep wants it ({@code Phone_E//.164}).
	 */
	private static final String ESCAPED_DOT = "//.";

	private ProfileRules() {
	}

	/**
	 * What the sandbox lacks of what the export names, each named as the caller wrote it
	 * ({@code mapping[0].source}, {@code deduplicationKeys[1].identityNamespace},
	 * {@code mandatoryFields[2]}).
	 * @param unionSchema the profile union schema, or {@code null} when it could not be
	 * read (no path is checked then)
	 * @param namespaces the sandbox's identity namespaces, or {@code null} when they
	 * could not be read (no namespace is checked then)
	 */
	public static List<Violation> violations(JsonNode unionSchema, List<IdentityNamespace> namespaces,
			ExportSpec spec) {
		Profiles profiles = new Profiles(unionSchema, namespaces, spec.sandbox());
		List<Violation> violations = new ArrayList<>();
		for (int i = 0; i < spec.mapping().size(); i++) {
			profiles.fieldProblem(spec.mapping().get(i).source())
				.ifPresent(add(violations, "mapping[" + i + "].source"));
		}
		for (int i = 0; i < spec.deduplicationKeys().size(); i++) {
			String field = "deduplicationKeys[" + i + "]";
			switch (spec.deduplicationKeys().get(i)) {
				case ExportSpec.IdentityKey identity -> profiles.namespaceProblem(identity.identityNamespace())
					.ifPresent(add(violations, field + ".identityNamespace"));
				case ExportSpec.AttributeKey attribute ->
					profiles.fieldProblem(attribute.attribute()).ifPresent(add(violations, field + ".attribute"));
			}
		}
		for (int i = 0; i < spec.mandatoryFields().size(); i++) {
			profiles.mandatoryFieldProblem(spec.mandatoryFields().get(i))
				.ifPresent(add(violations, "mandatoryFields[" + i + "]"));
		}
		return violations;
	}

	private static Consumer<String> add(List<Violation> violations, String field) {
		return (message) -> violations.add(new Violation(field, message));
	}

	/** What could be read of the sandbox's profiles. */
	private record Profiles(JsonNode unionSchema, List<IdentityNamespace> namespaces, String sandbox) {

		/** A mapping source or attribute key: a profile field, or an identity. */
		Optional<String> fieldProblem(String path) {
			if (path.startsWith(IDENTITY_MAP)) {
				return namespaceProblem(path.substring(IDENTITY_MAP.length()).replace(ESCAPED_DOT, "."));
			}
			return pathProblem(path);
		}

		/**
		 * A mandatory field: an identity namespace, or a profile field (Adobe's
		 * {@code MandatoryFields_V2}: "union-schema field paths or identity namespaces").
		 */
		Optional<String> mandatoryFieldProblem(String field) {
			if (field.startsWith(IDENTITY_MAP)) {
				return fieldProblem(field);
			}
			if (this.namespaces == null || this.unionSchema == null || namespace(field).isPresent()
					|| pathProblem(field).isEmpty()) {
				return Optional.empty();
			}
			return Optional.of("is neither an identity namespace of sandbox " + this.sandbox
					+ " nor a field of its profile union schema");
		}

		Optional<String> namespaceProblem(String code) {
			if (this.namespaces == null) {
				return Optional.empty();
			}
			Optional<IdentityNamespace> namespace = namespace(code);
			if (namespace.isPresent()) {
				return namespace.get().isActive() ? Optional.empty() : Optional
					.of("names identity namespace " + code + ", which is not active in sandbox " + this.sandbox);
			}
			String known = this.namespaces.stream()
				.map(IdentityNamespace::code)
				.filter((other) -> other != null && other.equalsIgnoreCase(code))
				.findFirst()
				.map((other) -> " (namespace codes are case-sensitive: " + other + "?)")
				.orElse("");
			return Optional.of("names " + code + ", which is no identity namespace of sandbox " + this.sandbox + known);
		}

		private Optional<IdentityNamespace> namespace(String code) {
			return this.namespaces.stream().filter((namespace) -> code.equals(namespace.code())).findFirst();
		}

		/**
		 * Follows the path through the schema's {@code properties}; a path it cannot
		 * follow is let through.
		 */
		Optional<String> pathProblem(String path) {
			if (this.unionSchema == null || !this.unionSchema.path("properties").isObject()) {
				return Optional.empty();
			}
			JsonNode node = this.unionSchema;
			String[] segments = path.split("\\.", -1);
			for (int i = 0; i < segments.length; i++) {
				String segment = segments[i];
				JsonNode properties = node.path("properties");
				if (properties.isObject() && properties.has(segment)) {
					node = properties.get(segment);
					continue;
				}
				if (!followable(node) || segment.contains("[")) {
					return Optional.empty();
				}
				String parent = String.join(".", Arrays.copyOf(segments, i));
				return Optional.of(segment.isEmpty() ? "is not a field path (an empty name between dots)"
						: "is not a field of sandbox " + this.sandbox + "'s profile union schema: "
								+ (parent.isEmpty() ? "it has" : parent + " has") + " no field " + segment);
			}
			return Optional.empty();
		}

		/**
		 * Whether every field the node may hold is listed in its {@code properties}: not
		 * a map, an array, a reference or a composition, which could hold others.
		 */
		private static boolean followable(JsonNode node) {
			if (!node.isObject()) {
				return false;
			}
			for (String open : List.of("additionalProperties", "patternProperties", "$ref", "allOf", "anyOf", "oneOf",
					"items")) {
				JsonNode value = node.get(open);
				if (value != null && !(value.isBoolean() && !value.booleanValue())) {
					return false;
				}
			}
			String type = node.path("type").asString("").toLowerCase(Locale.ROOT);
			return !type.equals("array") && !node.path("meta:xdmType").asString("").equals("map");
		}

	}

}
