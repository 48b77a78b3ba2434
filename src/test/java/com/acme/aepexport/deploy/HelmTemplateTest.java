package com.acme.aepexport.deploy;

import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import com.marcnuri.helm.TemplateCommand;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static com.acme.aepexport.deploy.DeployFiles.CHART;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * Renders and lints helm/aep-export-facade with Helm itself (its Go library through
 * helm-java: no helm binary), as {@code helm template} and {@code helm lint} would.
 */
class HelmTemplateTest {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	/** The full name of the resources of the release {@link #render} makes. */
	private static final String FULLNAME = "exports-aep-export-facade";

	/**
	 * The least a release needs: where the database is, who we are at Adobe, the Secret.
	 */
	private static final UnaryOperator<TemplateCommand> REQUIRED = (template) -> template
		.set("config.database.url", "jdbc:postgresql://db:5432/aep_exports")
		.set("config.database.username", "aep")
		.set("config.adobe.clientId", "client-id")
		.set("config.adobe.orgId", "ORG@AdobeOrg")
		.set("config.security.jwtIssuerUri", "https://issuer.example.com/")
		.set("existingSecret.name", "aep-export-facade-secrets");

	@Test
	void theChartLints() {
		LintResult lint = new Helm(CHART).lint().strict().call();
		assertThat(lint.isFailed()).as(String.valueOf(lint.getMessages())).isFalse();
	}

	@Test
	void theDefaultsRenderTwoReplicasThatReadTheirSecretsFromTheExistingSecret() {
		Map<String, JsonNode> manifests = render(REQUIRED);
		assertThat(manifests.keySet()).containsExactlyInAnyOrder("ConfigMap", "Deployment", "Service",
				"Service-management", "ServiceAccount", "PodDisruptionBudget");

		JsonNode deployment = manifests.get("Deployment");
		assertThat(deployment.at("/spec/replicas").asInt()).isEqualTo(2);
		JsonNode container = deployment.at("/spec/template/spec/containers/0");
		assertThat(container.at("/ports/0/containerPort").asInt()).isEqualTo(DeployFiles.serverPort());
		assertThat(container.at("/ports/1/name").asString()).isEqualTo("management");
		assertThat(container.at("/ports/1/containerPort").asInt()).isEqualTo(DeployFiles.managementPort());
		assertThat(container.at("/readinessProbe/httpGet/path").asString())
			.isEqualTo(DeployFiles.actuatorBasePath() + "/health/readiness");
		for (String probe : List.of("startupProbe", "livenessProbe", "readinessProbe")) {
			assertThat(container.at("/" + probe + "/httpGet/port").asString()).as(probe).isEqualTo("management");
		}
		assertThat(container.at("/securityContext/readOnlyRootFilesystem").asBoolean()).isTrue();
		assertThat(deployment.at("/spec/template/spec/securityContext/runAsNonRoot").asBoolean()).isTrue();
		assertThat(container.at("/lifecycle/preStop/exec/command").toString()).isEqualTo("[\"sleep\",\"10\"]");

		Map<String, JsonNode> env = env(container);
		assertThat(env.keySet()).containsExactlyInAnyOrder("ADOBE_CLIENT_SECRET", "SPRING_DATASOURCE_PASSWORD",
				"EXPORTS_CREDENTIALS_ENCRYPTION_KEY");
		env.values().forEach((variable) -> {
			assertThat(variable.has("value")).isFalse();
			assertThat(variable.at("/valueFrom/secretKeyRef/name").asString()).isEqualTo("aep-export-facade-secrets");
		});

		JsonNode config = manifests.get("ConfigMap").get("data");
		assertThat(config.get("SPRING_DATASOURCE_URL").asString()).isEqualTo("jdbc:postgresql://db:5432/aep_exports");
		assertThat(config.get("EXPORTS_SECURITY_ENABLED").asString()).isEqualTo("true");
		assertThat(config.get("SPRING_LIFECYCLE_TIMEOUT_PER_SHUTDOWN_PHASE").asString()).isEqualTo("10s");
		config.propertyNames()
			.forEach((name) -> assertThat(DeployFiles.knownEnvironmentVariables()).as(name).contains(name));
		assertThat(deployment.at("/spec/template/metadata/annotations/checksum~1config").asString()).hasSize(64);
	}

	@Test
	void theActuatorsPortStaysInsideTheClusterWhateverTheApisServiceIs() {
		Map<String, JsonNode> manifests = render((template) -> REQUIRED.apply(template)
			.set("service.type", "LoadBalancer")
			.set("ingress.enabled", "true")
			.set("ingress.hosts[0].host", "exports.example.com")
			.set("ingress.hosts[0].paths[0].path", "/"));
		JsonNode api = manifests.get("Service");
		assertThat(api.at("/spec/type").asString()).isEqualTo("LoadBalancer");
		assertThat(api.at("/spec/ports").findValuesAsString("targetPort")).containsExactly("http");
		JsonNode management = manifests.get("Service-management");
		assertThat(management.at("/spec/type").asString()).isEqualTo("ClusterIP");
		assertThat(management.at("/spec/ports").findValuesAsString("targetPort")).containsExactly("management");
		assertThat(management.at("/spec/ports/0/port").asInt()).isEqualTo(DeployFiles.managementPort());
		assertThat(manifests.get("Ingress").at("/spec/rules").findValuesAsString("name")).containsExactly(FULLNAME,
				"http");
	}

	@Test
	void theCiValuesRenderEveryOptionalResource() {
		Map<String, JsonNode> manifests = render(
				(template) -> template.withValuesFile(CHART.resolve("ci/ci-values.yaml")));
		assertThat(manifests.keySet()).containsExactlyInAnyOrder("ConfigMap", "Deployment", "Service",
				"Service-management", "ServiceAccount", "PodDisruptionBudget", "HorizontalPodAutoscaler", "Ingress",
				"ServiceMonitor", "PrometheusRule", "ConfigMap-dashboard");
		assertThat(manifests.get("Deployment").at("/spec/replicas").isMissingNode())
			.as("the autoscaler owns the replicas")
			.isTrue();
		JsonNode previousKey = env(manifests.get("Deployment").at("/spec/template/spec/containers/0"))
			.get("EXPORTS_CREDENTIALS_PREVIOUSKEYS_V1");
		assertThat(previousKey.at("/valueFrom/secretKeyRef/key").asString()).isEqualTo("encryption-key-v1");
		// The console and Swagger UI sign people in at the issuer, the console as a
		// confidential client whose secret is the Secret's; webhooks may reach a
		// receiver inside the cluster.
		Map<String, String> config = strings(manifests.get("ConfigMap").get("data"));
		assertThat(config).containsEntry("EXPORTS_CONSOLE_SIGNIN_ISSUERURI", "https://issuer.example.com/")
			.containsEntry("EXPORTS_CONSOLE_SIGNIN_CLIENTID", "aep-export-console")
			.containsEntry("EXPORTS_WEBHOOKS_ALLOWEDHOSTS", "receiver.tools.svc.cluster.local,10.1.0.0/16")
			.containsEntry("EXPORTS_WEBHOOKS_MAXAGE", "48h")
			.containsEntry("EXPORTS_SECURITY_SWAGGERUI_CLIENTID", "aep-export-swagger-ui")
			.doesNotContainKey("EXPORTS_CONSOLE_SIGNIN_CLIENTSECRET");
		assertThat(env(manifests.get("Deployment").at("/spec/template/spec/containers/0"))
			.get("EXPORTS_CONSOLE_SIGNIN_CLIENTSECRET")
			.at("/valueFrom/secretKeyRef/key")
			.asString()).isEqualTo("console-client-secret");
		JsonNode rules = manifests.get("PrometheusRule").at("/spec/groups/0/rules");
		assertThat(rules.findValuesAsString("alert")).containsExactly("AepExportsFailed", "AepRunsFailed",
				"AepRunsMissed", "AepWebhookDeadLetters", "AepExportQueueOld", "AepAdobeThrottling", "AepAdobeErrors");
		// Each alert reads metrics the service publishes (docs/operations.md lists them).
		for (JsonNode rule : rules) {
			assertThat(rule.path("expr").asString()).as(rule.path("alert").asString())
				.containsPattern("aep_\\w+|http_client_requests_seconds_count")
				.doesNotContain("{{");
		}
		JsonNode dashboard = JSON
			.readTree(manifests.get("ConfigMap-dashboard").at("/data/aep-export-facade.json").asString());
		assertThat(dashboard.path("panels").findValuesAsString("title")).contains("Exports by status",
				"Dataflow runs ended, per hour", "Webhook deliveries");
		assertThat(strings(manifests.get("ConfigMap-dashboard").at("/metadata/labels")))
			.containsEntry("grafana_dashboard", "1");
		JsonNode serviceMonitor = manifests.get("ServiceMonitor");
		assertThat(serviceMonitor.at("/spec/endpoints/0/path").asString())
			.isEqualTo(DeployFiles.actuatorBasePath() + "/prometheus");
		// It scrapes the management Service's port, and selects that Service only.
		assertThat(serviceMonitor.at("/spec/endpoints/0/port").asString()).isEqualTo("management");
		Map<String, String> selector = strings(serviceMonitor.at("/spec/selector/matchLabels"));
		assertThat(strings(manifests.get("Service-management").at("/metadata/labels"))).containsAllEntriesOf(selector);
		assertThat(strings(manifests.get("Service").at("/metadata/labels")).entrySet().containsAll(selector.entrySet()))
			.as("the selector takes the API's Service too")
			.isFalse();
	}

	@Test
	void withoutTheSecretsNameOrATokenIssuerNothingRenders() {
		assertThatException().isThrownBy(() -> render((template) -> template))
			.withMessageContaining("existingSecret.name");
		assertThatException()
			.isThrownBy(() -> render((template) -> REQUIRED.apply(template).set("config.security.jwtIssuerUri", "")))
			.withMessageContaining("config.security: set jwtIssuerUri or jwkSetUri");
		JsonNode config = render((template) -> REQUIRED.apply(template)
			.set("config.security.jwtIssuerUri", "")
			.set("config.security.enabled", "false")).get("ConfigMap").get("data");
		assertThat(config.get("EXPORTS_SECURITY_ENABLED").asString()).isEqualTo("false");
		assertThat(config.has("SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_ISSUER_URI")).isFalse();
	}

	@Test
	void theConsoleSignsPeopleInOnlyWhenAnIssuerIsNamedAndThenNeedsItsClient() {
		Map<String, JsonNode> defaults = render(REQUIRED);
		assertThat(defaults.get("ConfigMap").get("data").has("EXPORTS_CONSOLE_SIGNIN_ISSUERURI")).isFalse();
		assertThat(env(defaults.get("Deployment").at("/spec/template/spec/containers/0")))
			.doesNotContainKey("EXPORTS_CONSOLE_SIGNIN_CLIENTSECRET");
		assertThatException()
			.isThrownBy(() -> render((template) -> REQUIRED.apply(template)
				.set("config.console.signIn.issuerUri", "https://issuer.example.com/")))
			.withMessageContaining("config.console.signIn.clientId");
		assertThatException()
			.isThrownBy(() -> render((template) -> REQUIRED.apply(template)
				.set("config.security.swaggerUi.issuerUri", "https://issuer.example.com/")))
			.withMessageContaining("config.security.swaggerUi.clientId");
	}

	@Test
	void aSettingTheChartWritesFromAValueIsRefusedAgainInExtra() {
		assertThat(render((template) -> REQUIRED.apply(template).set("config.extra.EXPORTS_WEBHOOKS_MAXAGE", "48h"))
			.get("ConfigMap")
			.get("data")
			.get("EXPORTS_WEBHOOKS_MAXAGE")
			.asString()).as("as before the value existed").isEqualTo("48h");
		assertThatException()
			.isThrownBy(() -> render((template) -> REQUIRED.apply(template)
				.set("config.extra.EXPORTS_WEBHOOKS_MAXAGE", "48h")
				.set("config.webhooks.maxAge", "12h")))
			.withMessageContaining("config.extra.EXPORTS_WEBHOOKS_MAXAGE");
		assertThatException()
			.isThrownBy(() -> render(
					(template) -> REQUIRED.apply(template).set("config.extra.EXPORTS_WORKERS_CONCURRENCY", "32")))
			.as("a setting the chart always writes")
			.withMessageContaining("config.extra.EXPORTS_WORKERS_CONCURRENCY");
		assertThatException()
			.isThrownBy(() -> render((template) -> REQUIRED.apply(template)
				.set("config.extra.EXPORTS_CONSOLE_SIGNIN_CLIENTID", "console")
				.set("config.console.signIn.issuerUri", "https://issuer.example.com/")
				.set("config.console.signIn.clientId", "console")))
			.as("one the chart writes beside another value")
			.withMessageContaining("config.extra.EXPORTS_CONSOLE_SIGNIN_CLIENTID");
	}

	@Test
	void aDatabaseUserFromTheSecretReplacesTheConfiguredOne() {
		Map<String, JsonNode> manifests = render((template) -> REQUIRED.apply(template)
			.set("config.database.username", "")
			.set("existingSecret.keys.databaseUsername", "username"));
		assertThat(manifests.get("ConfigMap").get("data").has("SPRING_DATASOURCE_USERNAME")).isFalse();
		assertThat(env(manifests.get("Deployment").at("/spec/template/spec/containers/0"))
			.get("SPRING_DATASOURCE_USERNAME")
			.at("/valueFrom/secretKeyRef/key")
			.asString()).isEqualTo("username");
	}

	private static Map<String, JsonNode> render(UnaryOperator<TemplateCommand> values) {
		// helm-java's library is built without Helm's default Kubernetes version (it
		// would
		// say 1.20, below the chart's kubeVersion); the helm binary knows its own.
		String manifests = values
			.apply(new Helm(CHART).template().withName("exports").withNamespace("aep").withKubeVersion("v1.30.0"))
			.call();
		List<JsonNode> documents = DeployFiles.yamlDocuments(manifests);
		assertThat(documents).allSatisfy((document) -> assertThat(document.has("kind")).isTrue());
		// By kind; a second resource of a kind by what its name adds
		// (Service-management).
		return documents.stream()
			.filter((document) -> !document.at("/metadata/annotations/helm.sh~1hook").isString())
			.collect(Collectors.toMap(
					(document) -> document.get("kind").asString()
							+ document.at("/metadata/name").asString().substring(FULLNAME.length()),
					(document) -> document));
	}

	private static Map<String, String> strings(JsonNode object) {
		return object.properties()
			.stream()
			.collect(Collectors.toMap(Map.Entry::getKey, (entry) -> entry.getValue().asString()));
	}

	private static Map<String, JsonNode> env(JsonNode container) {
		return container.get("env")
			.valueStream()
			.collect(Collectors.toMap((variable) -> variable.get("name").asString(), (variable) -> variable));
	}

}
