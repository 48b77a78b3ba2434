package com.acme.aepexport.emulator;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The connection specs the emulator knows: one JSON file per spec under
 * {@code emulator/connection-specs/}. A new destination is a new file.
 */
final class ConnectionSpecs {

	private static final String LOCATION = "classpath*:emulator/connection-specs/*.json";

	private final Map<String, ObjectNode> byId;

	private ConnectionSpecs(Map<String, ObjectNode> byId) {
		this.byId = byId;
	}

	static ConnectionSpecs load() {
		try {
			Resource[] resources = new PathMatchingResourcePatternResolver().getResources(LOCATION);
			Arrays.sort(resources, Comparator.comparing(Resource::getFilename));
			Map<String, ObjectNode> byId = new LinkedHashMap<>();
			for (Resource resource : resources) {
				try (InputStream in = resource.getInputStream()) {
					ObjectNode spec = (ObjectNode) Json.MAPPER.readTree(in);
					byId.put(Json.text(spec.get("id")), spec);
				}
			}
			if (byId.isEmpty()) {
				throw new IllegalStateException("No connection specs found at " + LOCATION);
			}
			return new ConnectionSpecs(byId);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	Optional<ObjectNode> find(String id) {
		return Optional.ofNullable(this.byId.get(id));
	}

	Collection<ObjectNode> all() {
		return this.byId.values();
	}

	/**
	 * What is wrong with a base connection's {@code auth} for this spec; empty when it is
	 * acceptable. Specs without an authSpec (Data Landing Zone, Profile Store) need none.
	 */
	List<String> authProblems(ObjectNode spec, JsonNode auth) {
		JsonNode authSpecs = spec.path("authSpec");
		if (!authSpecs.isArray() || authSpecs.isEmpty()) {
			return List.of();
		}
		String specName = Json.text(auth.path("specName"));
		List<String> names = new ArrayList<>();
		for (JsonNode authSpec : authSpecs) {
			String name = Json.text(authSpec.get("name"));
			if (name != null && name.equals(specName)) {
				return SchemaCheck.problems(authSpec.path("spec"), auth.path("params"), "auth.params");
			}
			names.add(name);
		}
		return List.of("auth.specName must be one of " + names + " for connection spec " + spec.get("id") + ", was "
				+ specName);
	}

	/** What is wrong with a target connection's {@code params} for this spec. */
	List<String> targetProblems(ObjectNode spec, JsonNode params) {
		JsonNode targetSpec = spec.path("targetSpec").path("spec");
		return targetSpec.isObject() ? SchemaCheck.problems(targetSpec, params, "params") : List.of();
	}

}
