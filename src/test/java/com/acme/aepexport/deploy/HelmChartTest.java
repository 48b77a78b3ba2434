package com.acme.aepexport.deploy;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.dialect.Dialects;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import static com.acme.aepexport.deploy.DeployFiles.CHART;
import static com.acme.aepexport.deploy.DeployFiles.ROOT;
import static com.acme.aepexport.deploy.DeployFiles.YAML;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Checks helm/aep-export-facade without a helm binary: its files parse, values.yaml keeps
 * to its schema and describes every value, the templates name only values that exist, the
 * probes and the port are those the service serves, and secrets come only from an
 * existing Secret. ({@link HelmTemplateTest} renders it with Helm itself.)
 */
class HelmChartTest {

	private static final Pattern SECRET_LIKE = Pattern
		.compile("(?i).*(secret|password|passwd|token|credential|encryption-?key|private-?key|api-?key).*");

	/** The names a Secret and its keys may have; a literal secret would rarely fit. */
	private static final Pattern KUBERNETES_NAME = Pattern.compile("[-._a-zA-Z0-9]{0,253}");

	/** The settings that must come from the Secret, never from a ConfigMap or a value. */
	private static final List<String> SECRET_SETTINGS = List.of("ADOBE_CLIENT_SECRET", "SPRING_DATASOURCE_PASSWORD",
			"EXPORTS_CREDENTIALS_ENCRYPTION_KEY", "EXPORTS_CONSOLE_SIGNIN_CLIENTSECRET");

	@Test
	void chartYamlDescribesAnApplicationChartOfTheServicesVersion() {
		JsonNode chart = DeployFiles.yaml(CHART.resolve("Chart.yaml"));
		assertThat(chart.path("apiVersion").asString()).isEqualTo("v2");
		assertThat(chart.path("name").asString()).isEqualTo(CHART.getFileName().toString());
		assertThat(chart.path("type").asString()).isEqualTo("application");
		assertThat(chart.path("version").asString()).matches("\\d+\\.\\d+\\.\\d+(-[0-9A-Za-z.-]+)?");
		// The image tag defaults to appVersion: it must be the version pom.xml builds.
		Matcher version = Pattern.compile("<artifactId>aep-export-facade</artifactId>\\s*<version>([^<]+)</version>")
			.matcher(DeployFiles.read(ROOT.resolve("pom.xml")));
		assertThat(version.find()).isTrue();
		assertThat(chart.path("appVersion").asString()).isEqualTo(version.group(1));
	}

	@Test
	void valuesKeepToTheSchema() {
		assertThat(schemaErrors(DeployFiles.values())).isEmpty();
		// The values CI lints and renders the chart with, laid over the defaults.
		JsonNode ci = merge(DeployFiles.values(), DeployFiles.yaml(CHART.resolve("ci/ci-values.yaml")));
		assertThat(schemaErrors(ci)).isEmpty();
	}

	@Test
	void theSchemaRefusesWhatTheChartCannotUse() {
		ObjectNode values = (ObjectNode) DeployFiles.values();
		values.put("replicaCount", "two");
		((ObjectNode) values.get("config")).put("encryptionKeyId", "Key-2025");
		((ObjectNode) values.get("existingSecret").get("keys")).put("encryptionKey", "c2VjcmV0+/==");
		values.put("replicas", 3);
		assertThat(schemaErrors(values)).anySatisfy((error) -> assertThat(error).contains("replicaCount"))
			.anySatisfy((error) -> assertThat(error).contains("encryptionKeyId"))
			.anySatisfy((error) -> assertThat(error).contains("encryptionKey"))
			.anySatisfy((error) -> assertThat(error).contains("replicas"));
	}

	@Test
	void everyValueIsDescribedByAComment() {
		List<String> undescribed = new ArrayList<>();
		String previous = "";
		for (String line : DeployFiles.read(CHART.resolve("values.yaml")).split("\n")) {
			String trimmed = line.strip();
			boolean key = trimmed.matches("(- )?[A-Za-z_][\\w.-]*:.*") && !trimmed.startsWith("#");
			if (key && !previous.startsWith("#") && !line.contains(" # ")) {
				undescribed.add(line);
			}
			if (!trimmed.isEmpty()) {
				previous = trimmed;
			}
		}
		assertThat(undescribed).isEmpty();
	}

	@Test
	void everyValueATemplateNamesIsInValuesYaml() {
		JsonNode values = DeployFiles.values();
		Map<String, String> templates = DeployFiles.templates();
		assertThat(templates).containsKeys("templates/_helpers.tpl", "templates/deployment.yaml",
				"templates/service.yaml", "templates/service-management.yaml", "templates/configmap.yaml",
				"templates/hpa.yaml", "templates/pdb.yaml", "templates/serviceaccount.yaml", "templates/ingress.yaml",
				"templates/servicemonitor.yaml", "templates/NOTES.txt");
		templates.forEach((name, text) -> assertThat(DeployFiles.missingValues(text, values)).as(name).isEmpty());
	}

	@Test
	void theCheckCatchesATemplateThatNamesAMissingValue() {
		String template = """
				replicas: {{ .Values.replicaCount }}
				image: {{ .Values.image.repository }}:{{ .Values.image.tagg }}
				{{- range .Values.config.extra }}{{ $.Values.config.workers.concurrency }}{{ end }}
				{{- with $.Values.existingSecret.keys.adobeClientSecret.name }}{{ . }}{{ end }}
				port: {{ .Values.service.portt | default 80 }}
				""";
		assertThat(DeployFiles.missingValues(template, DeployFiles.values())).containsExactly("image.tagg",
				"existingSecret.keys.adobeClientSecret.name", "service.portt");
	}

	@Test
	void everyValueIsUsedByATemplate() {
		Set<String> named = new LinkedHashSet<>();
		DeployFiles.templates().values().forEach((text) -> named.addAll(DeployFiles.valuePaths(text)));
		List<String> unused = DeployFiles.leaves(DeployFiles.values())
			.keySet()
			.stream()
			.filter((leaf) -> named.stream().noneMatch((path) -> leaf.equals(path) || leaf.startsWith(path + ".")))
			.toList();
		assertThat(unused).isEmpty();
	}

	@Test
	void theProbesAndThePortAreThoseTheServiceServes() {
		JsonNode application = DeployFiles.applicationYaml();
		JsonNode management = application.path("management");
		assertThat(DeployFiles.managementPort()).as("the actuator has a port of its own, which the probes use")
			.isPositive()
			.isNotEqualTo(DeployFiles.serverPort());
		assertThat(management.path("endpoint").path("health").path("probes").path("enabled").asBoolean()).isTrue();
		assertThat(
				management.path("endpoint").path("health").path("group").path("readiness").path("include").asString())
			.as("readiness includes the database")
			.contains("db");
		String actuator = DeployFiles.actuatorBasePath();

		String deployment = DeployFiles.templates().get("templates/deployment.yaml");
		assertThat(firstGroup("- name: http\\s+containerPort: (\\d+)", deployment))
			.isEqualTo(String.valueOf(DeployFiles.serverPort()));
		assertThat(firstGroup("- name: management\\s+containerPort: (\\d+)", deployment))
			.isEqualTo(String.valueOf(DeployFiles.managementPort()));
		assertThat(probe("startupProbe", deployment)).containsExactly(actuator + "/health/liveness", "management");
		assertThat(probe("livenessProbe", deployment)).containsExactly(actuator + "/health/liveness", "management");
		assertThat(probe("readinessProbe", deployment)).containsExactly(actuator + "/health/readiness", "management");
		assertThat(deployment).contains("terminationGracePeriodSeconds: {{ .Values.terminationGracePeriodSeconds }}")
			.contains("preStop:")
			.contains("mountPath: /tmp");

		assertThat(DeployFiles.templates().get("templates/service.yaml")).contains("targetPort: http")
			.contains("name: http")
			.doesNotContain("management");
		assertThat(DeployFiles.templates().get("templates/service-management.yaml")).contains("type: ClusterIP")
			.contains("targetPort: management");
		String serviceMonitor = DeployFiles.templates().get("templates/servicemonitor.yaml");
		assertThat(serviceMonitor).contains("- port: management").contains("path: " + actuator + "/prometheus");

		JsonNode values = DeployFiles.values();
		assertThat(values.path("replicaCount").asInt()).as("replicas share one PostgreSQL").isEqualTo(2);
		int grace = values.path("terminationGracePeriodSeconds").asInt();
		int preStop = values.path("preStopSleepSeconds").asInt();
		int shutdown = Integer.parseInt(values.path("shutdownPhaseTimeout").asString().replace("s", ""));
		assertThat(grace).as("room for preStop and the graceful shutdown").isGreaterThan(preStop + shutdown);
		assertThat(values.path("securityContext").path("readOnlyRootFilesystem").asBoolean()).isTrue();
		assertThat(values.path("podSecurityContext").path("runAsNonRoot").asBoolean()).isTrue();
	}

	@Test
	void secretsComeOnlyFromTheExistingSecret() {
		// values.yaml: nothing that looks like a secret holds a value, except the names
		// of
		// the existing Secret and its keys.
		DeployFiles.leaves(DeployFiles.values()).forEach((path, value) -> {
			String key = path.substring(path.lastIndexOf('.') + 1);
			if (path.startsWith("existingSecret.")) {
				if (value.isString()) {
					assertThat(value.asString()).as(path).matches(KUBERNETES_NAME);
				}
				else {
					assertThat(value.isObject() && value.isEmpty()).as(path).isTrue();
				}
			}
			else if (SECRET_LIKE.matcher(key).matches() && !key.toLowerCase().endsWith("name")) {
				assertThat(value.isEmpty() || (value.isString() && value.asString().isEmpty()))
					.as("%s holds a value", path)
					.isTrue();
			}
		});
		assertThat(DeployFiles.values().path("extraEnv").isEmpty()).isTrue();
		assertThat(DeployFiles.values().path("config").path("extra").isEmpty()).isTrue();

		Map<String, String> templates = DeployFiles.templates();
		templates.forEach((name, text) -> {
			assertThat(text).as(name).doesNotContainPattern("kind:\\s*Secret\\b").doesNotContain("stringData");
			// every secretKeyRef names the existing Secret and a key from values
			Matcher reference = Pattern.compile("secretKeyRef:\\s*\\n\\s*name: (.+)\\n\\s*key: (.+)").matcher(text);
			int references = 0;
			while (reference.find()) {
				references++;
				assertThat(reference.group(1)).as(name).isEqualTo("{{ $secretName }}");
				assertThat(reference.group(2)).as(name)
					.matches("\\{\\{ (\\.Values\\.existingSecret\\.keys\\.\\w+|\\.|\\$key) }}");
			}
			assertThat(references).as(name).isEqualTo(countOf("secretKeyRef", text));
		});
		String deployment = templates.get("templates/deployment.yaml");
		assertThat(deployment).contains("{{- $secretName := include \"aep-export-facade.secretName\" . }}")
			.contains("range $keyId, $key := .Values.existingSecret.previousEncryptionKeys");
		assertThat(templates.get("templates/_helpers.tpl")).contains("required \"existingSecret.name");
		for (String setting : SECRET_SETTINGS) {
			assertThat(deployment).containsPattern("- name: " + setting + "\\s+valueFrom:\\s+secretKeyRef:");
			templates.forEach((name, text) -> assertThat(countOf(setting, text)).as("%s in %s", setting, name)
				.isEqualTo(name.equals("templates/deployment.yaml") ? 1 : 0));
		}
	}

	@Test
	void theConfigMapSetsOnlySettingsTheServiceReads() {
		Set<String> known = DeployFiles.knownEnvironmentVariables();
		Matcher entry = Pattern.compile("(?m)^ *([A-Z][A-Z0-9_]+):")
			.matcher(DeployFiles.templates().get("templates/configmap.yaml"));
		List<String> names = new ArrayList<>();
		while (entry.find()) {
			names.add(entry.group(1));
		}
		assertThat(names).contains("SPRING_DATASOURCE_URL", "ADOBE_CLIENT_ID", "ADOBE_ORG_ID",
				"EXPORTS_WORKERS_CONCURRENCY", "SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_ISSUER_URI");
		assertThat(names).allSatisfy((name) -> assertThat(known).contains(name));
	}

	private static List<String> schemaErrors(JsonNode values) {
		JsonNode schemaNode = YAML.readTree(DeployFiles.read(CHART.resolve("values.schema.json")));
		Schema schema = SchemaRegistry.withDefaultDialect(Dialects.getDraft7())
			.getSchema(SchemaLocation.DOCUMENT, schemaNode);
		List<String> errors = new ArrayList<>();
		for (Error error : schema.validate(values)) {
			errors.add(error.toString());
		}
		return errors;
	}

	/** Helm's merge of a values file over the defaults: maps merge, the rest replaces. */
	private static JsonNode merge(JsonNode defaults, JsonNode override) {
		if (!defaults.isObject() || !override.isObject()) {
			return override;
		}
		ObjectNode merged = ((ObjectNode) defaults).deepCopy();
		override.properties()
			.forEach((field) -> merged.set(field.getKey(), merged.has(field.getKey())
					? merge(merged.get(field.getKey()), field.getValue()) : field.getValue()));
		return merged;
	}

	private static List<String> probe(String name, String deployment) {
		Matcher probe = Pattern.compile(name + ":\\s+httpGet:\\s+path: (\\S+)\\s+port: (\\S+)").matcher(deployment);
		assertThat(probe.find()).as(name).isTrue();
		return List.of(probe.group(1), probe.group(2));
	}

	private static String firstGroup(String regex, String text) {
		Matcher matcher = Pattern.compile(regex).matcher(text);
		assertThat(matcher.find()).as(regex).isTrue();
		return matcher.group(1);
	}

	private static int countOf(String part, String text) {
		int count = 0;
		for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + part.length())) {
			count++;
		}
		return count;
	}

}
