package com.acme.aepexport.api;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import io.swagger.v3.core.converter.AnnotatedType;
import io.swagger.v3.core.converter.ModelConverters;
import io.swagger.v3.core.converter.ResolvedSchema;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.Discriminator;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springdoc.core.customizers.OpenApiCustomizer;

import com.acme.aepexport.export.ActivationStatus;
import com.acme.aepexport.export.AdobeCallKind;
import com.acme.aepexport.export.DataflowState;
import com.acme.aepexport.export.DestinationType;
import com.acme.aepexport.export.ExportSpec.Compression;
import com.acme.aepexport.export.ExportSpec.ExportMode;
import com.acme.aepexport.export.ExportSpec.FileFormat;
import com.acme.aepexport.export.ExportSpec.Frequency;
import com.acme.aepexport.export.ExportSpec.Trigger;
import com.acme.aepexport.export.ExportStatus;
import com.acme.aepexport.export.HistoryKind;
import com.acme.aepexport.export.HistoryOutcome;
import com.acme.aepexport.export.RunState;
import com.acme.aepexport.export.StepName;
import com.acme.aepexport.export.StepStatus;
import com.acme.aepexport.workflow.ActivationGuardrail;
import com.acme.aepexport.workflow.DataflowKind;

/**
 * What springdoc cannot read from the controllers: the bearer token and its scopes, the
 * problem every error answers with, and a shape of the destination that client generators
 * take without inventing an inheritance.
 * <p>
 * Errors are declared here, by rule, rather than on each method, so that no operation
 * lacks one: every operation can answer 401, 403, 500 and 503 (the database is away); one
 * with a parameter or a body can answer 400; one on an export, 404; one with a body, 413;
 * one that {@link CreateConcurrencyLimit} bounds, 429. What only some operations answer
 * (409, 422, 502) is on the methods. So are the headers of successes, by reference to the
 * ones described here once, but for the ETag of every read of {@code /exports}, which is
 * added by rule as WebConfiguration's filter adds it.
 */
final class OpenApiContract implements OpenApiCustomizer {

	static final String PROBLEM = "Problem";

	static final String BEARER = "bearer";

	/**
	 * Marks a property that holds any JSON value
	 * ({@code OpenApiConfiguration.anyJsonValue}) until {@link #anyJsonValues} takes the
	 * type springdoc gives every untyped schema ("object") off it.
	 */
	static final String ANY_JSON = "x-any-json";

	private static final String PROBLEM_JSON = "application/problem+json";

	private static final String COMPONENTS = "#/components/schemas/";

	private static final String DESTINATION = "Destination";

	private static final String HEADERS = "#/components/headers/";

	/**
	 * The {@code Location} of an export: {@code @Header(name = "Location", ref = ...)}.
	 */
	static final String EXPORT_LOCATION = HEADERS + "ExportLocation";

	/** The {@code Location} of an export-now job. */
	static final String ACTIVATION_LOCATION = HEADERS + "ActivationLocation";

	/** The {@code Location} of a webhook subscription. */
	static final String WEBHOOK_LOCATION = HEADERS + "WebhookLocation";

	/** The export's version, as {@code ETag}: what a PATCH's {@code If-Match} names. */
	static final String EXPORT_VERSION = HEADERS + "ExportVersion";

	/**
	 * The {@code ETag} that {@code WebConfiguration}'s filter gives every other read of
	 * {@code /exports}: each such {@code 200} answers it, by rule.
	 */
	private static final String BODY_VERSION = HEADERS + "BodyVersion";

	private static final String DESTINATION_TYPE = "type";

	/** The closed values of the API, each one schema (see {@link #shareEnums}). */
	private static final List<Class<? extends Enum<?>>> SHARED_ENUMS = List.of(DestinationType.class,
			ExportStatus.class, StepName.class, StepStatus.class, FileFormat.class, Compression.class, ExportMode.class,
			Frequency.class, Trigger.class, RunState.class, DataflowState.class, ActivationStatus.class,
			ActivationGuardrail.class, DataflowKind.class, HistoryKind.class, HistoryOutcome.class,
			AdobeCallKind.class);

	@Override
	public void customise(OpenAPI openApi) {
		// springdoc writes 3.0.1; the document is valid 3.0.3, the version generators
		// know.
		openApi.setOpenapi("3.0.3");
		Components components = openApi.getComponents();
		components.addSchemas(PROBLEM, problem());
		components.addSchemas("FieldError", fieldError());
		components.addSecuritySchemes(BEARER, new SecurityScheme().type(SecurityScheme.Type.HTTP)
			.scheme("bearer")
			.bearerFormat("JWT")
			.description("A JWT from the company's identity provider. Its `scope` claim must hold `exports:read` to "
					+ "read, `exports:write` to start, change, resume and delete; `exports:admin` sees every "
					+ "caller's exports, the others only their own.\n\n"
					+ "Tokens are checked following RFC8725 (JSON Web Token Best Current Practices): the signature, "
					+ "with the issuer's keys and only the configured algorithms (`jws-algorithms`, RS256 by "
					+ "default; never `none`); the expiry and not-before times; the issuer; the audience, where "
					+ "one is configured; and the caller it names (`sub`, `client_id` or `azp`)."));
		openApi.addSecurityItem(new SecurityRequirement().addList(BEARER));
		headers(components);
		openApi.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, operation) -> {
			addScope(method, operation);
			addProblems(path, method, operation);
		}));
		destinationSubtypes(components);
		flattenSubtypes(components.getSchemas());
		shareEnums(openApi);
		requireWhatAnswersHold(openApi);
		typeNullableReferences(components.getSchemas());
		anyJsonValues(components.getSchemas());
	}

	/** A property that holds any JSON value has no type: an object or an array. */
	@SuppressWarnings({ "rawtypes", "unchecked" })
	private static void anyJsonValues(Map<String, Schema> schemas) {
		schemas.values()
			.stream()
			.filter((schema) -> schema.getProperties() != null)
			.flatMap((schema) -> ((Map<String, Schema>) schema.getProperties()).values().stream())
			.filter((property) -> property.getExtensions() != null && property.getExtensions().containsKey(ANY_JSON))
			.forEach((property) -> {
				property.getExtensions().remove(ANY_JSON);
				if (property.getExtensions().isEmpty()) {
					property.setExtensions(null);
				}
				property.setType(null);
				property.setTypes(null);
			});
	}

	private static void addScope(PathItem.HttpMethod method, Operation operation) {
		String scope = (method == PathItem.HttpMethod.GET) ? "exports:read" : "exports:write";
		String description = (operation.getDescription() != null) ? operation.getDescription() + "\n\n" : "";
		operation.setDescription(description + "Scope: `" + scope + "` (or `exports:admin`).");
	}

	private static void addProblems(String path, PathItem.HttpMethod method, Operation operation) {
		ApiResponses responses = operation.getResponses();
		boolean hasBody = operation.getRequestBody() != null;
		boolean hasParameters = operation.getParameters() != null && !operation.getParameters().isEmpty();
		if (hasBody || hasParameters) {
			responses.putIfAbsent("400",
					new ApiResponse().description("The request is not valid: `errors` names every bad field."));
		}
		if (method == PathItem.HttpMethod.GET && path.startsWith("/exports")) {
			// WebConfiguration's ETag filter answers every read of /exports this way.
			responses.putIfAbsent("304",
					new ApiResponse().description("Not modified since the ETag sent in If-None-Match."));
			ApiResponse ok = responses.get("200");
			if (ok != null && (ok.getHeaders() == null || !ok.getHeaders().containsKey("ETag"))) {
				ok.addHeaderObject("ETag", new Header().$ref(BODY_VERSION));
			}
		}
		if (method == PathItem.HttpMethod.POST && CreateConcurrencyLimit.LIMITED.contains(path)) {
			responses.putIfAbsent("429", new ApiResponse()
				.description("This instance is starting, importing or planning as many exports as it serves at once "
						+ "(exports.requests.max-concurrent-creates, 16 by default); nothing was read or stored. "
						+ "Try again after `Retry-After` seconds."));
		}
		responses.putIfAbsent("401", new ApiResponse().description("No valid bearer token."));
		responses.putIfAbsent("403", new ApiResponse().description("The token lacks the scope this operation needs."));
		if (path.contains("{id}")) {
			responses.putIfAbsent("404",
					new ApiResponse().description(path.startsWith("/webhooks")
							? "No such webhook subscription, or delivery of it (or not the caller's)."
							: "No such export (or not the caller's)."));
		}
		if (hasBody) {
			responses.putIfAbsent("413", new ApiResponse().description("The body is larger than the service accepts."));
		}
		responses.putIfAbsent("500", new ApiResponse().description("Our fault; it is logged."));
		// A 429 is CreateConcurrencyLimit's, and always says how long to wait.
		if (responses.get("429") != null) {
			responses.get("429")
				.addHeaderObject("Retry-After",
						retryAfter(CreateConcurrencyLimit.RETRY_AFTER_SECONDS).style(Header.StyleEnum.SIMPLE));
		}
		responses.putIfAbsent("503", new ApiResponse()
			.description("The database (or Adobe, for what needs Adobe's answer) is unavailable: try again after "
					+ "`Retry-After` seconds.")
			.addHeaderObject("Retry-After", retryAfter(ProblemHandler.RETRY_AFTER_SECONDS)));
		// springdoc gives a declared response the method's return type as content, and
		// writes a style beside a header's $ref, which OpenAPI 3.0 ignores: dropped.
		responses.forEach((status, response) -> {
			if (response.getHeaders() != null) {
				response.getHeaders()
					.values()
					.stream()
					.filter((header) -> header.get$ref() != null)
					.forEach((header) -> header.setStyle(null));
			}
			if (status.charAt(0) >= '4') {
				response.setContent(new Content().addMediaType(PROBLEM_JSON,
						new MediaType().schema(new Schema<>().$ref(COMPONENTS + PROBLEM))));
			}
			else if (status.equals("304")) {
				response.setContent(null);
			}
		});
		// Successes first, then errors, in the order of their codes.
		Map<String, ApiResponse> sorted = new LinkedHashMap<>();
		responses.keySet().stream().sorted().forEach((status) -> sorted.put(status, responses.get(status)));
		responses.clear();
		responses.putAll(sorted);
	}

	/** The headers several answers carry, each described once and referred to. */
	private static void headers(Components components) {
		components.addHeaders(name(EXPORT_LOCATION), location("/exports/{id}", ExportController.LOCATION_LENGTH));
		components.addHeaders(name(ACTIVATION_LOCATION),
				location("/exports/{id}/activations/{activationId}", DataflowController.ACTIVATION_LOCATION_LENGTH));
		components.addHeaders(name(WEBHOOK_LOCATION), location("/webhooks/{id}", WebhookController.LOCATION_LENGTH));
		components.addHeaders(name(EXPORT_VERSION),
				new Header()
					.description("The export's version (its status, steps, spec and changes; not latestRuns): send it "
							+ "in If-Match with a PATCH to change only this version.")
					.style(Header.StyleEnum.SIMPLE)
					.schema(new StringSchema().maxLength(ExportController.ETAG_LENGTH)));
		components.addHeaders(name(BODY_VERSION),
				new Header().description("Send it back in If-None-Match: a 304 when nothing changed.")
					.style(Header.StyleEnum.SIMPLE)
					.schema(new StringSchema().maxLength(ExportController.BODY_ETAG_LENGTH)));
	}

	/** A header component's name, from the reference to it. */
	private static String name(String reference) {
		return reference.substring(HEADERS.length());
	}

	private static Header location(String path, int length) {
		return new Header().description(path)
			.style(Header.StyleEnum.SIMPLE)
			.schema(new StringSchema().maxLength(length));
	}

	private static Header retryAfter(int seconds) {
		return new Header().description("Seconds to wait.")
			.schema(new IntegerSchema().minimum(BigDecimal.valueOf(seconds)).maximum(BigDecimal.valueOf(seconds)));
	}

	/**
	 * The destination is one of the records of {@link DestinationType}'s rows, each under
	 * its row's name: its schema (and the credentials' it refers to) as swagger-core
	 * reads it from the record's annotations, and the {@code oneOf} and discriminator of
	 * {@code Destination} derived from the rows, as Jackson's names are
	 * ({@code DestinationTypeNames}).
	 */
	@SuppressWarnings({ "rawtypes", "unchecked" })
	private static void destinationSubtypes(Components components) {
		Schema destination = components.getSchemas().get(DESTINATION);
		Discriminator discriminator = new Discriminator().propertyName(DESTINATION_TYPE);
		List<Schema> oneOf = new ArrayList<>();
		for (DestinationType type : DestinationType.values()) {
			ResolvedSchema resolved = ModelConverters.getInstance()
				.resolveAsResolvedSchema(new AnnotatedType(type.record()).resolveAsRef(false));
			String name = resolved.schema.getName();
			components.addSchemas(name, resolved.schema);
			resolved.referencedSchemas.forEach(components.getSchemas()::putIfAbsent);
			discriminator.mapping(type.name(), COMPONENTS + name);
			oneOf.add(new Schema<>().$ref(COMPONENTS + name));
		}
		destination.setOneOf(oneOf);
		destination.setDiscriminator(discriminator);
		// springdoc writes a property of a sealed type as the oneOf of its subtypes
		// swagger-core found: it refers to the one Destination instead.
		Set<String> subtypes = references(oneOf);
		components.getSchemas()
			.values()
			.stream()
			.filter((schema) -> schema.getProperties() != null)
			.flatMap((schema) -> ((Map<String, Schema>) schema.getProperties()).entrySet().stream())
			.filter((property) -> property.getValue().getOneOf() != null
					&& subtypes.equals(references(property.getValue().getOneOf())))
			.forEach((property) -> property.setValue(new Schema<>().$ref(COMPONENTS + DESTINATION)));
	}

	@SuppressWarnings("rawtypes")
	private static Set<String> references(List<Schema> schemas) {
		Set<String> references = new HashSet<>();
		schemas.forEach((schema) -> references.add(schema.get$ref()));
		return references;
	}

	/**
	 * swagger-core writes each subtype of a {@code oneOf} with a discriminator as
	 * {@code allOf: [the parent, its own fields]}, while the parent is the {@code oneOf}
	 * of the subtypes: a cycle that client generators turn into an inheritance with a
	 * wrapper around it. Here each subtype becomes a plain object that names its own
	 * {@code type} (one value), and the parent the {@code oneOf} alone. No springdoc or
	 * swagger-core setting does this.
	 */
	@SuppressWarnings({ "rawtypes", "unchecked" })
	private static void flattenSubtypes(Map<String, Schema> schemas) {
		for (Map.Entry<String, Schema> parent : schemas.entrySet()) {
			Schema polymorphic = parent.getValue();
			if (polymorphic.getDiscriminator() == null || polymorphic.getOneOf() == null) {
				continue;
			}
			String property = polymorphic.getDiscriminator().getPropertyName();
			Map<String, String> mapping = polymorphic.getDiscriminator().getMapping();
			mapping.forEach((value, ref) -> {
				String name = ref.substring(COMPONENTS.length());
				Schema subtype = schemas.get(name);
				Schema flat = new ObjectSchema().description(subtype.getDescription());
				flat.addProperty(property, new StringSchema()._enum(List.of(value)));
				List<String> required = new ArrayList<>(List.of(property));
				for (Schema part : (List<Schema>) ((subtype.getAllOf() != null) ? subtype.getAllOf()
						: List.of(subtype))) {
					if (part.get$ref() == null && part.getProperties() != null) {
						((Map<String, Schema>) part.getProperties()).forEach(flat::addProperty);
					}
				}
				if (subtype.getRequired() != null) {
					required.addAll(subtype.getRequired());
				}
				flat.setRequired(required);
				schemas.put(name, flat);
			});
			polymorphic.setProperties(null);
			polymorphic.setRequired(null);
			polymorphic.setType(null);
		}
	}

	/**
	 * swagger-core writes a Java enum inline wherever it is used, so a generated client
	 * gets {@code Export.StatusEnum} beside {@code ExportSummary.StatusEnum} and a
	 * {@code String} status filter. Here each enum of the domain becomes one named
	 * schema, and every inline copy of its values (but a nullable one) a reference to it.
	 * The annotation that does this belongs on the enums, and the domain stays free of
	 * web annotations; swagger-core's global switch for it loses a property's nullable
	 * and moves its description onto the shared schema.
	 */
	@SuppressWarnings("rawtypes")
	private static void shareEnums(OpenAPI openApi) {
		Map<String, List<String>> enums = new LinkedHashMap<>();
		for (Class<? extends Enum<?>> type : SHARED_ENUMS) {
			List<String> values = Arrays.stream(type.getEnumConstants()).map(Enum::name).toList();
			enums.put(type.getSimpleName(), values);
			openApi.getComponents().addSchemas(type.getSimpleName(), new StringSchema()._enum(values));
		}
		Map<String, Schema> schemas = openApi.getComponents().getSchemas();
		schemas.forEach((name, schema) -> {
			if (!enums.containsKey(name)) {
				schemas.put(name, referToEnums(schema, enums));
			}
		});
		openApi.getPaths()
			.forEach((path, item) -> item.readOperations()
				.stream()
				.filter((operation) -> operation.getParameters() != null)
				.forEach((operation) -> operation.getParameters()
					.forEach((parameter) -> parameter.setSchema(referToEnums(parameter.getSchema(), enums)))));
	}

	@SuppressWarnings({ "rawtypes", "unchecked" })
	private static Schema referToEnums(Schema schema, Map<String, List<String>> enums) {
		if (schema == null) {
			return null;
		}
		// A nullable enum stays where it is: OpenAPI 3.0 has no way to make a reference
		// to an enum nullable (an allOf beside nullable still refuses null).
		if (schema.getEnum() != null && !Boolean.TRUE.equals(schema.getNullable())) {
			List<String> values = ((List<Object>) schema.getEnum()).stream()
				.filter(Objects::nonNull)
				.map(String::valueOf)
				.toList();
			return enums.entrySet()
				.stream()
				.filter((shared) -> shared.getValue().equals(values))
				.findFirst()
				.map((shared) -> reference(schema, COMPONENTS + shared.getKey()))
				.orElse(schema);
		}
		if (schema.get$ref() != null) {
			return reference(schema, schema.get$ref());
		}
		if (schema.getProperties() != null) {
			Map<String, Schema> properties = new LinkedHashMap<>();
			((Map<String, Schema>) schema.getProperties())
				.forEach((name, property) -> properties.put(name, referToEnums(property, enums)));
			schema.setProperties(properties);
		}
		schema.setItems(referToEnums(schema.getItems(), enums));
		return schema;
	}

	/**
	 * A reference to {@code target} that keeps what {@code schema} says beside it:
	 * OpenAPI 3.0 ignores whatever sits beside a {@code $ref} (a {@code nullable}, a
	 * description, a default), but not beside an {@code allOf} of one.
	 */
	@SuppressWarnings("rawtypes")
	private static Schema reference(Schema schema, String target) {
		Schema reference = new Schema<>().$ref(target);
		if (schema.getDescription() == null && schema.getDefault() == null
				&& !Boolean.TRUE.equals(schema.getNullable())) {
			return reference;
		}
		return new Schema<>().allOf(List.of(reference))
			.description(schema.getDescription())
			.nullable(schema.getNullable())
			._default(schema.getDefault());
	}

	/**
	 * A nullable property that refers to another schema is a {@code nullable} beside an
	 * {@code allOf} of the one reference ({@code OpenApiConfiguration}); validators built
	 * on JSON Schema that read OpenAPI's {@code nullable} (Spectral's check of an
	 * answer's example among them) refuse one without a {@code type}: the referred
	 * schema's is written beside it.
	 */
	@SuppressWarnings({ "rawtypes", "unchecked" })
	private static void typeNullableReferences(Map<String, Schema> schemas) {
		for (Schema schema : schemas.values()) {
			if (schema.getProperties() == null) {
				continue;
			}
			for (Schema property : ((Map<String, Schema>) schema.getProperties()).values()) {
				List<Schema> allOf = property.getAllOf();
				if (Boolean.TRUE.equals(property.getNullable()) && property.getType() == null && allOf != null
						&& allOf.size() == 1 && allOf.getFirst().get$ref() != null) {
					Schema referred = schemas.get(allOf.getFirst().get$ref().substring(COMPONENTS.length()));
					if (referred != null && referred.getType() != null) {
						property.setType(referred.getType());
					}
				}
			}
		}
	}

	/**
	 * What the service answers always holds every property, {@code null} where the
	 * property is {@code nullable} (Jackson writes a record's nulls): so each property of
	 * a schema only answers use is required, and a client generated with non-null types
	 * need not guess. Schemas that requests use keep the required fields their validation
	 * says. Every response the integration tests receive is checked against this
	 * (ContractCheck).
	 */
	@SuppressWarnings({ "rawtypes", "unchecked" })
	private static void requireWhatAnswersHold(OpenAPI openApi) {
		Map<String, Schema> schemas = openApi.getComponents().getSchemas();
		Set<String> inRequests = new HashSet<>();
		Set<String> inAnswers = new HashSet<>();
		openApi.getPaths().values().stream().flatMap((item) -> item.readOperations().stream()).forEach((operation) -> {
			if (operation.getRequestBody() != null) {
				operation.getRequestBody()
					.getContent()
					.values()
					.forEach((media) -> collectReferences(media.getSchema(), schemas, inRequests));
			}
			operation.getResponses()
				.values()
				.stream()
				.filter((response) -> response.getContent() != null)
				.flatMap((response) -> response.getContent().values().stream())
				.forEach((media) -> collectReferences(media.getSchema(), schemas, inAnswers));
		});
		inAnswers.removeAll(inRequests);
		inAnswers.remove(PROBLEM);
		for (String name : inAnswers) {
			Schema schema = schemas.get(name);
			if (schema.getProperties() != null) {
				List<String> required = ((Map<String, Schema>) schema.getProperties()).entrySet()
					.stream()
					.filter((property) -> !Boolean.TRUE.equals(property.getValue().getNullable()))
					.map(Map.Entry::getKey)
					.toList();
				schema.setRequired(required.isEmpty() ? null : required);
			}
		}
	}

	@SuppressWarnings({ "rawtypes", "unchecked" })
	private static void collectReferences(Schema schema, Map<String, Schema> schemas, Set<String> names) {
		if (schema == null) {
			return;
		}
		if (schema.get$ref() != null) {
			String name = schema.get$ref().substring(COMPONENTS.length());
			if (names.add(name)) {
				collectReferences(schemas.get(name), schemas, names);
			}
			return;
		}
		List<Schema> parts = new ArrayList<>();
		if (schema.getProperties() != null) {
			parts.addAll(((Map<String, Schema>) schema.getProperties()).values());
		}
		for (List<Schema> composed : new List[] { schema.getAllOf(), schema.getOneOf(), schema.getAnyOf() }) {
			if (composed != null) {
				parts.addAll(composed);
			}
		}
		parts.add(schema.getItems());
		parts.forEach((part) -> collectReferences(part, schemas, names));
	}

	private static Schema<?> problem() {
		return new ObjectSchema()
			.description("An RFC 9457 problem. `type` is stable: switch on it. `errors` lists the bad fields of a "
					+ "validation problem (and the fields that cannot change in place, or the values of a dataflow "
					+ "that cannot be imported); `adobeStatus` and `adobeCode` say what Adobe answered when Adobe "
					+ "failed.")
			.addProperty("type",
					new StringSchema().format("uri")
						.maxLength(ProblemHandler.MAX_TITLE)
						.example("https://aep-export-facade.acme.com/problems/validation"))
			.addProperty("title",
					new StringSchema().maxLength(ProblemHandler.MAX_TITLE).example("The request is not valid"))
			.addProperty("status",
					new IntegerSchema().minimum(BigDecimal.valueOf(400)).maximum(BigDecimal.valueOf(599)).example(400))
			.addProperty("detail",
					new StringSchema().maxLength(ProblemHandler.MAX_DETAIL)
						.description("Cut to its first characters when longer.")
						.example("Invalid destination.bucket, name"))
			.addProperty("instance",
					new StringSchema().format("uri-reference")
						.maxLength(ProblemHandler.MAX_INSTANCE)
						.description("The request's path; left out when longer.")
						.example("/exports"))
			.addProperty("errors",
					new ArraySchema().items(new Schema<>().$ref(COMPONENTS + "FieldError"))
						.maxItems(ProblemHandler.MAX_ERRORS)
						.description("The bad fields, by path; the first " + ProblemHandler.MAX_ERRORS
								+ " when there are more."))
			.addProperty("adobeStatus",
					new IntegerSchema().minimum(BigDecimal.valueOf(100))
						.maximum(BigDecimal.valueOf(999))
						.nullable(true))
			.addProperty("adobeCode", new StringSchema().maxLength(AnswerLimits.ADOBE_CODE).nullable(true))
			.addProperty("guardrail",
					new StringSchema()._enum(Arrays.stream(ActivationGuardrail.values()).map(Enum::name).toList())
						.description("The guardrail that refused an ad hoc activation job (its first audience's)."))
			.addProperty("dataflowKind",
					new StringSchema()._enum(Arrays.stream(DataflowKind.values()).map(Enum::name).toList())
						.description("What a dataflow that cannot be imported is (POST /exports/imports): "
								+ "AUDIENCE_FILE_EXPORT when it is one, but holds what an export cannot."))
			.addProperty("exportId",
					new StringSchema().format("uuid")
						.maxLength(AnswerLimits.UUID)
						.description("The export that has the dataflow already (POST /exports/imports), when it is the "
								+ "caller's."))
			// RFC 9457: an absent type means about:blank, which Spring's own 405, 406
			// and 415 answers leave out.
			.required(List.of("title", "status"));
	}

	private static Schema<?> fieldError() {
		return new ObjectSchema().addProperty("field",
				new StringSchema().description("The JSON path of the field; cut to its first characters when longer.")
					.maxLength(ProblemHandler.MAX_FIELD)
					.example("audiences[1].id"))
			.addProperty("message", new StringSchema().maxLength(AnswerLimits.MESSAGE).example("must not be blank"))
			.required(List.of("field", "message"));
	}

}
