package com.acme.aepexport.deploy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.MappingIterator;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * The deployment files (Dockerfile, docker-compose.yml, the Helm chart) and what they
 * must agree with (src/main/resources/application.yaml), read from the project's
 * directory, where Maven runs the tests.
 */
final class DeployFiles {

	static final Path ROOT = Path.of("").toAbsolutePath();

	static final Path CHART = ROOT.resolve("helm/aep-export-facade");

	static final YAMLMapper YAML = YAMLMapper.builder().build();

	/** A value a template names: {@code .Values.a.b} or {@code $.Values.a.b}. */
	private static final Pattern VALUES_PATH = Pattern.compile("\\.Values((?:\\.[A-Za-z_][A-Za-z0-9_]*)+)");

	/**
	 * Spring's own settings and the service's required ones, which have no default in
	 * application.yaml but may be set through the environment.
	 */
	private static final Set<String> SETTINGS_WITHOUT_DEFAULTS = Set.of("spring.datasource.url",
			"spring.datasource.username", "spring.datasource.password", "adobe.client-id", "adobe.client-secret",
			"adobe.org-id", "exports.security.enabled", "exports.credentials.encryption-key",
			"spring.security.oauth2.resourceserver.jwt.issuer-uri",
			"spring.security.oauth2.resourceserver.jwt.jwk-set-uri",
			"spring.security.oauth2.resourceserver.jwt.audiences", "spring.lifecycle.timeout-per-shutdown-phase");

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private DeployFiles() {
	}

	static String read(Path path) {
		try {
			return Files.readString(path);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	static JsonNode yaml(Path path) {
		return YAML.readTree(read(path));
	}

	/** Every document of a multi-document YAML stream, empty ones left out. */
	static List<JsonNode> yamlDocuments(String text) {
		List<JsonNode> documents = new ArrayList<>();
		try (MappingIterator<JsonNode> iterator = YAML.readerFor(JsonNode.class).readValues(text)) {
			while (iterator.hasNext()) {
				JsonNode document = iterator.next();
				if (document != null && !document.isNull() && !document.isMissingNode()) {
					documents.add(document);
				}
			}
		}
		return documents;
	}

	static JsonNode applicationYaml() {
		return yaml(ROOT.resolve("src/main/resources/application.yaml"));
	}

	static JsonNode values() {
		return yaml(CHART.resolve("values.yaml"));
	}

	/** The chart's templates (helpers and NOTES.txt too), by path in the chart. */
	static Map<String, String> templates() {
		Map<String, String> templates = new LinkedHashMap<>();
		try (Stream<Path> files = Files.walk(CHART.resolve("templates"))) {
			files.filter(Files::isRegularFile)
				.sorted()
				.forEach((file) -> templates.put(CHART.relativize(file).toString(), read(file)));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return templates;
	}

	/** The values a template names, as dotted paths below {@code .Values}. */
	static Set<String> valuePaths(String template) {
		Set<String> paths = new LinkedHashSet<>();
		Matcher matcher = VALUES_PATH.matcher(template);
		while (matcher.find()) {
			paths.add(matcher.group(1).substring(1));
		}
		return paths;
	}

	/** The paths a template names that values.yaml does not have. */
	static List<String> missingValues(String template, JsonNode values) {
		List<String> missing = new ArrayList<>();
		for (String path : valuePaths(template)) {
			JsonNode node = values;
			for (String name : path.split("\\.")) {
				node = (node != null && node.isObject()) ? node.get(name) : null;
			}
			if (node == null) {
				missing.add(path);
			}
		}
		return missing;
	}

	/**
	 * The leaves of a YAML tree as dotted paths; an array or an empty object is a leaf.
	 */
	static Map<String, JsonNode> leaves(JsonNode node) {
		Map<String, JsonNode> leaves = new LinkedHashMap<>();
		collectLeaves("", node, leaves);
		return leaves;
	}

	private static void collectLeaves(String path, JsonNode node, Map<String, JsonNode> leaves) {
		if (node.isObject() && !node.isEmpty()) {
			for (Iterator<Map.Entry<String, JsonNode>> fields = node.properties().iterator(); fields.hasNext();) {
				Map.Entry<String, JsonNode> field = fields.next();
				collectLeaves(path.isEmpty() ? field.getKey() : path + "." + field.getKey(), field.getValue(), leaves);
			}
		}
		else {
			leaves.put(path, node);
		}
	}

	/**
	 * The environment variables that set something the service reads: every setting of
	 * application.yaml and the required ones, in both forms Spring Boot binds
	 * ({@code ADOBE_PLATFORM_BASEURL} and {@code ADOBE_PLATFORM_BASE_URL}).
	 */
	static Set<String> knownEnvironmentVariables() {
		Set<String> settings = new LinkedHashSet<>(leaves(applicationYaml()).keySet());
		settings.addAll(SETTINGS_WITHOUT_DEFAULTS);
		settings.addAll(ourSettings());
		Set<String> names = new LinkedHashSet<>();
		for (String setting : settings) {
			String upper = setting.toUpperCase(java.util.Locale.ROOT).replace('.', '_');
			names.add(upper.replace("-", ""));
			names.add(upper.replace('-', '_'));
		}
		return names;
	}

	/**
	 * Every setting of our own {@code @ConfigurationProperties}, defaults in code
	 * included, as the configuration processor lists them for IDEs.
	 */
	private static Set<String> ourSettings() {
		try (InputStream metadata = DeployFiles.class.getClassLoader()
			.getResourceAsStream("META-INF/spring-configuration-metadata.json")) {
			if (metadata == null) {
				throw new IllegalStateException(
						"no META-INF/spring-configuration-metadata.json: " + "the configuration processor did not run");
			}
			return JSON.readTree(metadata)
				.path("properties")
				.valueStream()
				.map((property) -> property.path("name").asString())
				.collect(Collectors.toCollection(LinkedHashSet::new));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** The HTTP port the service listens on, from application.yaml. */
	static int serverPort() {
		return applicationYaml().path("server").path("port").asInt(8080);
	}

	/**
	 * The actuator's own port (probes, info, metrics), from application.yaml; 0 when it
	 * shares the service's.
	 */
	static int managementPort() {
		return applicationYaml().path("management").path("server").path("port").asInt(0);
	}

	/** Where the actuator serves its endpoints, from application.yaml. */
	static String actuatorBasePath() {
		return applicationYaml().path("management")
			.path("endpoints")
			.path("web")
			.path("base-path")
			.asString("/actuator");
	}

}
