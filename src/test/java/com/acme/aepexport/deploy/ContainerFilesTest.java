package com.acme.aepexport.deploy;

import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import com.acme.aepexport.emulator.AdobeEmulator;

import static com.acme.aepexport.deploy.DeployFiles.ROOT;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Dockerfile and docker-compose.yml agree with the service and with the chart. (No
 * Docker engine here: .ci/dockerfile-recipe builds and runs the Dockerfile's recipe
 * without one.)
 */
class ContainerFilesTest {

	@Test
	void theImageServesOnTheServicesPortAsTheChartsUser() {
		Map<String, List<String>> runtime = lastStage();
		String port = String.valueOf(DeployFiles.serverPort());
		String managementPort = String.valueOf(DeployFiles.managementPort());
		assertThat(runtime.get("EXPOSE")).containsExactly(port + " " + managementPort);
		assertThat(runtime.get("ENTRYPOINT"))
			.containsExactly("[\"java\", \"org.springframework.boot.loader.launch.JarLauncher\"]");
		assertThat(runtime.get("WORKDIR")).containsExactly("/application");
		assertThat(runtime.get("ENV")).singleElement()
			.asString()
			.contains("-XX:MaxRAMPercentage=")
			.contains("-XX:+ExitOnOutOfMemoryError")
			// a collector named, not left to the node: the benchmark's is then the pod's
			.containsPattern("-XX:\\+Use(Serial|Parallel|G1|Z|Shenandoah)GC\\b");
		assertThat(runtime.get("HEALTHCHECK")).singleElement()
			.asString()
			.contains("${MANAGEMENT_SERVER_PORT:-" + managementPort + "}")
			.contains(DeployFiles.actuatorBasePath() + "/health/readiness");
		// the four layers, each in its own COPY, in the order that keeps rebuilds small
		assertThat(runtime.get("COPY")).extracting((copy) -> copy.replaceAll(".*/extracted/([^/]+)/.*", "$1"))
			.containsExactly("dependencies", "spring-boot-loader", "snapshot-dependencies", "application");

		JsonNode podSecurity = DeployFiles.values().path("podSecurityContext");
		String user = podSecurity.path("runAsUser").asInt() + ":" + podSecurity.path("runAsGroup").asInt();
		assertThat(runtime.get("USER")).containsExactly(user);
		assertThat(user).doesNotStartWith("0:");
	}

	@Test
	void composeRunsTheServiceAgainstPostgresqlAndTheEmulator() {
		JsonNode compose = DeployFiles.yaml(ROOT.resolve("docker-compose.yml"));
		JsonNode services = compose.path("services");
		assertThat(services.propertyNames()).containsExactlyInAnyOrder("postgres", "adobe-emulator",
				"aep-export-facade");

		JsonNode postgres = services.path("postgres");
		assertThat(postgres.path("image").asString()).matches("postgres:\\d+\\.\\d+[-.\\w]*");
		assertThat(postgres.path("healthcheck").path("test").toString()).contains("pg_isready");
		assertThat(postgres.path("volumes").get(0).asString()).startsWith("postgres-data:");
		assertThat(compose.path("volumes").has("postgres-data")).isTrue();

		assertThat(services.path("adobe-emulator").path("build").path("target").asString()).isEqualTo("emulator");
		assertThat(stages()).containsKey("emulator");

		JsonNode service = services.path("aep-export-facade");
		assertThat(service.path("build").path("target").isMissingNode()).as("the default, production target").isTrue();
		assertThat(service.path("depends_on").path("postgres").path("condition").asString())
			.isEqualTo("service_healthy");
		assertThat(service.path("ports").get(0).asString()).endsWith(":" + DeployFiles.serverPort());
		assertThat(service.path("ports").get(1).asString()).endsWith(":" + DeployFiles.managementPort());

		JsonNode env = service.path("environment");
		assertThat(env.propertyNames())
			.allSatisfy((name) -> assertThat(DeployFiles.knownEnvironmentVariables()).as("a setting the service reads")
				.contains(name));
		String emulatorPort = stages().get("emulator").get("CMD").get(0).replaceAll("\\D", "");
		assertThat(env.path("ADOBE_PLATFORM_BASE_URL").asString()).isEqualTo("http://adobe-emulator:" + emulatorPort);
		assertThat(env.path("ADOBE_IMS_TOKEN_URL").asString())
			.isEqualTo("http://adobe-emulator:" + emulatorPort + "/ims/token/v3");
		assertThat(env.path("ADOBE_CLIENT_ID").asString()).isEqualTo(AdobeEmulator.CLIENT_ID);
		assertThat(env.path("ADOBE_CLIENT_SECRET").asString()).isEqualTo(AdobeEmulator.CLIENT_SECRET);
		assertThat(env.path("ADOBE_ORG_ID").asString()).isEqualTo(AdobeEmulator.ORG_ID);
		assertThat(Base64.getDecoder().decode(env.path("EXPORTS_CREDENTIALS_ENCRYPTION_KEY").asString())).hasSize(32);
		assertThat(env.path("EXPORTS_SECURITY_ENABLED").asString()).isEqualTo("false");
		assertThat(env.path("SPRING_DATASOURCE_URL").asString()).startsWith("jdbc:postgresql://postgres:5432/");
		assertThat(env.path("SPRING_DATASOURCE_PASSWORD").asString())
			.isEqualTo(postgres.path("environment").path("POSTGRES_PASSWORD").asString());
	}

	private static Map<String, List<String>> lastStage() {
		Map<String, Map<String, List<String>>> stages = stages();
		return stages.values().stream().reduce((first, second) -> second).orElseThrow();
	}

	/** The Dockerfile's stages: instruction to arguments, continuation lines joined. */
	private static Map<String, Map<String, List<String>>> stages() {
		Map<String, Map<String, List<String>>> stages = new LinkedHashMap<>();
		Map<String, List<String>> stage = null;
		StringBuilder instruction = new StringBuilder();
		for (String line : DeployFiles.read(ROOT.resolve("Dockerfile")).split("\n")) {
			if (line.strip().startsWith("#") || (instruction.isEmpty() && line.isBlank())) {
				continue;
			}
			if (line.endsWith("\\")) {
				instruction.append(line, 0, line.length() - 1);
				continue;
			}
			String[] parts = instruction.append(line).toString().strip().split("\\s+", 2);
			instruction.setLength(0);
			if (parts[0].equals("FROM")) {
				stage = new LinkedHashMap<>();
				stages.put(parts[1].replaceAll(".*\\s+AS\\s+", ""), stage);
			}
			else if (stage != null) {
				stage.computeIfAbsent(parts[0], (keyword) -> new ArrayList<>()).add(parts[1]);
			}
		}
		return stages;
	}

}
