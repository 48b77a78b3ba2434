package com.acme.aepexport.adobe;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

import tools.jackson.databind.JsonNode;

/**
 * A destination's connection spec ({@code GET /connectionSpecs/{id}}, unwrapped from its
 * {@code items}): the credentials it accepts, its target parameters and its partner
 * schema.
 */
public record ConnectionSpec(String id, String name, String version, List<AuthSpec> authSpec, TargetSpec targetSpec) {

	public ConnectionSpec {
		authSpec = (authSpec != null) ? authSpec.stream().filter(Objects::nonNull).toList() : List.of();
	}

	public Optional<AuthSpec> authSpec(String name) {
		return this.authSpec.stream().filter((spec) -> name.equals(spec.name())).findFirst();
	}

	/**
	 * The schema exported files follow, at
	 * {@code targetSpec.attributes.partnerSchema.jsonSchema}.
	 */
	public Optional<JsonNode> partnerSchema() {
		return Optional.ofNullable(this.targetSpec)
			.map(TargetSpec::attributes)
			.map((attributes) -> attributes.path("partnerSchema").path("jsonSchema"))
			.filter(JsonNode::isObject);
	}

	/**
	 * @param spec a JSON Schema (draft-07) of the {@code auth.params}
	 */
	public record AuthSpec(String name, String type, JsonNode spec) {

	}

	/**
	 * @param spec a JSON Schema (draft-07) of the target connection's {@code params}
	 */
	public record TargetSpec(String name, String type, JsonNode spec, JsonNode attributes) {

	}

}
