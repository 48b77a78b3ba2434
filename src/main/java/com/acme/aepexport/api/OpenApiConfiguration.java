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
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.servers.Server;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.utils.SpringDocUtils;
import org.springdoc.core.customizers.ParameterCustomizer;
import org.springdoc.core.customizers.PropertyCustomizer;
import tools.jackson.databind.JsonNode;
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

	/** One {@code POST /exports} body per file, offered on that operation. */
	private static final String EXPORT_EXAMPLES = "classpath:openapi/examples/*.json";

	/**
	 * The answer of POST /exports/plan to the Amazon S3 example, from
	 * {@code openapi/examples/answers/} (apart from the request bodies there, which tests
	 * post).
	 */
	static final String PLAN_EXAMPLE = "AMAZON_S3_PLAN";

	/**
	 * An export created, changed, paused and deleted (the creation's steps cut to three
	 * of its thirteen).
	 */
	static final String HISTORY_EXAMPLE = "EXPORT_HISTORY";

	/** The most characters a value of these types is written with. */
	private static final Map<Class<?>, Integer> WRITTEN_LENGTHS = Map.of(UUID.class, AnswerLimits.UUID, Instant.class,
			AnswerLimits.INSTANT, LocalDate.class, AnswerLimits.DATE);

	static {
		// A JSON value of any type (a plan's bodies): swagger-core would describe
		// Jackson's JsonNode class as an object of its getters instead.
		SpringDocUtils.getConfig().replaceWithSchema(JsonNode.class, new io.swagger.v3.oas.models.media.Schema<>());
		// The caller, resolved from the token, is no parameter of a request.
		SpringDocUtils.getConfig().addRequestWrapperToIgnore(Caller.class);
	}

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
	 * Offers every example body on {@code POST /exports} and on its plan: a file added to
	 * {@code openapi/examples} is an example in Swagger UI and the contract, with no
	 * code.
	 */
	@Bean
	OpenApiCustomizer createExamples() {
		return (openApi) -> {
			for (String path : List.of("/exports", "/exports/plan")) {
				MediaType body = openApi.getPaths()
					.get(path)
					.getPost()
					.getRequestBody()
					.getContent()
					.get(org.springframework.http.MediaType.APPLICATION_JSON_VALUE);
				resources(EXPORT_EXAMPLES).forEach((resource) -> {
					String name = name(resource);
					body.addExamples(name, new Example().$ref(EXAMPLES + name));
				});
			}
		};
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
	 * A JSON value of any type (a plan's bodies, objects and arrays): a schema with no
	 * type (which null fits too: OpenAPI 3.0 allows no nullable without a type), keeping
	 * the property's description. (The static block above keeps swagger-core from
	 * describing Jackson's JsonNode class as an object of its getters; the schema it puts
	 * instead says "object", which arrays are not.)
	 */
	@Bean
	PropertyCustomizer anyJsonValue() {
		return (property, type) -> {
			Class<?> raw = TypeFactory.defaultInstance().constructType(type.getType()).getRawClass();
			if (property == null || !JsonNode.class.isAssignableFrom(raw)) {
				return property;
			}
			Schema annotation = (type.getCtxAnnotations() != null) ? Arrays.stream(type.getCtxAnnotations())
				.filter(Schema.class::isInstance)
				.map(Schema.class::cast)
				.findFirst()
				.orElse(null) : null;
			io.swagger.v3.oas.models.media.Schema<Object> any = new io.swagger.v3.oas.models.media.Schema<>();
			any.addExtension(OpenApiContract.ANY_JSON, true);
			if (annotation != null && !annotation.description().isEmpty()) {
				any.description(annotation.description());
			}
			return any;
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
		// Export requests, and (in folders of their own, which the tests that post every
		// export example leave out) import requests and answers.
		for (String location : List.of(EXPORT_EXAMPLES, "classpath:openapi/examples/imports/*.json",
				"classpath:openapi/examples/answers/*.json")) {
			for (Resource resource : resources(location)) {
				String name = name(resource);
				try (InputStream body = resource.getInputStream()) {
					examples.put(name,
							new Example().summary(name.replace('_', ' ')).value(json.readValue(body, Object.class)));
				}
				catch (IOException ex) {
					throw new UncheckedIOException("Cannot read the OpenAPI example " + resource, ex);
				}
			}
		}
		return examples;
	}

	private static List<Resource> resources(String location) {
		try {
			return List.of(new PathMatchingResourcePatternResolver().getResources(location));
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot list the OpenAPI examples in " + location, ex);
		}
	}

	private static String name(Resource resource) {
		return resource.getFilename().replace(".json", "");
	}

}
