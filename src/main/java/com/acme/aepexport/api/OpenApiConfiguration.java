package com.acme.aepexport.api;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import com.fasterxml.jackson.databind.type.TypeFactory;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.examples.Example;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.servers.Server;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.customizers.ParameterCustomizer;
import org.springdoc.core.customizers.PropertyCustomizer;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * The OpenAPI document other teams generate clients from, and Swagger UI's examples: one
 * working {@code POST /exports} body per destination type, read from
 * {@code openapi/examples/*.json} (tests post the same files), and the
 * {@code POST /exports/imports} bodies in {@code openapi/examples/imports/}.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

	static final String EXAMPLES = "#/components/examples/";

	/** The most characters a value of these types is written with. */
	private static final Map<Class<?>, Integer> WRITTEN_LENGTHS = Map.of(UUID.class, AnswerLimits.UUID, Instant.class,
			AnswerLimits.INSTANT, LocalDate.class, AnswerLimits.DATE);

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
			// deployed; generated clients are given their base URL. Internal: other
			// teams' services call it inside the company, never the public.
			.servers(List.of(new Server().url("/").extensions(Map.of("x-internal", true))))
			.components(components);
	}

	@Bean
	OpenApiCustomizer openApiContract() {
		return new OpenApiContract();
	}

	/**
	 * swagger-core drops {@code @Schema(nullable = true)} from a property that refers to
	 * another schema (swagger-api/swagger-core#5115): write such a property the way
	 * OpenAPI 3.0 allows, as a nullable {@code allOf} of the one reference.
	 */
	@Bean
	PropertyCustomizer nullableReferences() {
		return (property, type) -> {
			boolean nullable = type.getCtxAnnotations() != null && Arrays.stream(type.getCtxAnnotations())
				.anyMatch((annotation) -> annotation instanceof Schema schema && schema.nullable());
			if (property == null || property.get$ref() == null || !nullable) {
				return property;
			}
			return new io.swagger.v3.oas.models.media.Schema<>()
				.allOf(List.of(new io.swagger.v3.oas.models.media.Schema<>().$ref(property.get$ref())))
				.nullable(true);
		};
	}

	/**
	 * A UUID, an instant or a date is as long as its type writes it at most: its schema
	 * says so wherever it appears, keeping what the property's annotation says.
	 */
	@Bean
	PropertyCustomizer writtenLengths() {
		return (property, type) -> {
			Class<?> raw = TypeFactory.defaultInstance().constructType(type.getType()).getRawClass();
			if (property != null && WRITTEN_LENGTHS.containsKey(raw) && property.getMaxLength() == null) {
				property.setMaxLength(WRITTEN_LENGTHS.get(raw));
			}
			return property;
		};
	}

	/** The same for a path variable or query parameter (the export's UUID). */
	@Bean
	ParameterCustomizer writtenParameterLengths() {
		return (parameter, method) -> {
			Integer length = WRITTEN_LENGTHS.get(method.getParameterType());
			if (parameter != null && parameter.getSchema() != null && length != null) {
				parameter.getSchema().setMaxLength(length);
			}
			return parameter;
		};
	}

	private static Map<String, Example> examples(JsonMapper json) {
		Map<String, Example> examples = new TreeMap<>();
		// Export requests, and (in a folder of their own, which the tests that post every
		// export example leave out) import requests.
		for (String location : List.of("classpath:openapi/examples/*.json",
				"classpath:openapi/examples/imports/*.json")) {
			try {
				for (Resource resource : new PathMatchingResourcePatternResolver().getResources(location)) {
					String name = resource.getFilename().replace(".json", "");
					try (InputStream body = resource.getInputStream()) {
						examples.put(name, new Example().summary(name.replace('_', ' '))
							.value(json.readValue(body, Object.class)));
					}
				}
			}
			catch (IOException ex) {
				throw new UncheckedIOException("Cannot read the OpenAPI examples", ex);
			}
		}
		return examples;
	}

}
