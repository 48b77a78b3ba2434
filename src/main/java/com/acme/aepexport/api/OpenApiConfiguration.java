package com.acme.aepexport.api;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.examples.Example;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.servers.Server;
import org.springdoc.core.customizers.OpenApiCustomizer;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * The OpenAPI document other teams generate clients from, and Swagger UI's examples: one
 * working {@code POST /exports} body per destination type, read from
 * {@code openapi/examples/*.json} (tests post the same files).
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

	static final String EXAMPLES = "#/components/examples/";

	@Bean
	OpenAPI exportFacadeOpenApi(JsonMapper json) {
		Components components = new Components();
		examples(json).forEach(components::addExamples);
		return new OpenAPI()
			.info(new Info().title("aep-export-facade")
				.version("v1")
				.description("One POST activates Adobe Experience Platform audiences to a cloud-storage destination: "
						+ "the service runs Adobe's whole Flow Service workflow, keeps every Adobe id and etag, "
						+ "and resumes where it stopped."))
			// Relative: Swagger UI calls the instance that serves it, wherever it is
			// deployed; generated clients are given their base URL.
			.servers(List.of(new Server().url("/")))
			.components(components);
	}

	@Bean
	OpenApiCustomizer openApiContract() {
		return new OpenApiContract();
	}

	private static Map<String, Example> examples(JsonMapper json) {
		Map<String, Example> examples = new TreeMap<>();
		try {
			for (Resource resource : new PathMatchingResourcePatternResolver()
				.getResources("classpath:openapi/examples/*.json")) {
				String name = resource.getFilename().replace(".json", "");
				try (InputStream body = resource.getInputStream()) {
					examples.put(name,
							new Example().summary(name.replace('_', ' ')).value(json.readValue(body, Object.class)));
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read the OpenAPI examples", ex);
		}
		return examples;
	}

}
