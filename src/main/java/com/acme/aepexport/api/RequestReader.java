package com.acme.aepexport.api;

import java.lang.annotation.ElementType;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Path;
import jakarta.validation.TraversableResolver;
import jakarta.validation.Validator;
import jakarta.validation.ValidatorFactory;
import jakarta.validation.constraints.NotBlank;
import org.hibernate.validator.HibernateValidatorFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationConfig;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.cfg.MapperConfig;
import tools.jackson.databind.introspect.Annotated;
import tools.jackson.databind.introspect.AnnotatedClassResolver;
import tools.jackson.databind.introspect.JacksonAnnotationIntrospector;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Component;

/**
 * Reads a request body into its record and checks it, collecting every problem before
 * answering: unknown fields anywhere in the body, text PostgreSQL cannot store (the NUL
 * character), values of the wrong type, and every Bean Validation rule. Jackson alone
 * stops at the first unknown field or bad value; a caller fixing one field per round trip
 * is what this saves.
 */
@Component
class RequestReader {

	/** {@link Class#getRecordComponents()} copies them on every call. */
	private static final ClassValue<RecordComponent[]> COMPONENTS = new ClassValue<>() {
		@Override
		protected RecordComponent[] computeValue(Class<?> type) {
			return type.getRecordComponents();
		}
	};

	private final JsonMapper json;

	/** Writes what is write-only too (a destination's credentials). */
	private final JsonMapper canonical;

	private final Validator validator;

	/** What the mapper knows of a polymorphic type's subtypes, found once per type. */
	private final Map<Class<?>, Map<String, Class<?>>> subtypes = new ConcurrentHashMap<>();

	RequestReader(JsonMapper json, ValidatorFactory validators) {
		// Unknown fields are found by walking the tree below, all of them, not by
		// Jackson.
		this.json = json.rebuild().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();
		this.canonical = json.rebuild().annotationIntrospector(new EveryAccess()).build();
		// A request is no entity: every property of it is there to check. The default
		// resolver asks JPA, for each property, whether it is loaded: a quarter of Bean
		// Validation's time in a profile of the accept.
		this.validator = validators.unwrap(HibernateValidatorFactory.class)
			.usingContext()
			.traversableResolver(new Everything())
			.enableTraversableResolverResultCache(false)
			.getValidator();
	}

	/**
	 * A request as our canonical JSON, credentials included: what tells a retry from
	 * another request sent with the same idempotency key. The only place a write-only
	 * field is written, and only to be keyed (never stored, see
	 * {@code export/RequestFingerprints}).
	 */
	byte[] canonical(Record request) {
		return this.canonical.writeValueAsBytes(request);
	}

	/**
	 * @throws InvalidRequest naming every bad field
	 */
	<T extends Record> T read(JsonNode body, Class<T> type) {
		if (body == null || !body.isObject()) {
			throw new InvalidRequest(List.of(new FieldProblem("", "must be a JSON object")));
		}
		Set<FieldProblem> problems = new LinkedHashSet<>();
		walk(body, type, "", problems);
		T request = null;
		try {
			request = this.json.treeToValue(body, type);
		}
		catch (JacksonException ex) {
			String field = ProblemHandler.path(ex);
			if (problems.stream().noneMatch((problem) -> problem.field().equals(field))) {
				problems.add(new FieldProblem(field, ProblemHandler.reason(ex)));
			}
		}
		if (request != null) {
			Set<ConstraintViolation<T>> violations = this.validator.validate(request);
			// A blank field also breaks its @Size(min = 1) (there for the OpenAPI
			// document's minLength): say it once.
			Set<String> blank = violations.stream()
				.filter((violation) -> violation.getConstraintDescriptor().getAnnotation() instanceof NotBlank)
				.map(RequestReader::field)
				.collect(Collectors.toSet());
			for (ConstraintViolation<T> violation : violations) {
				if (!blank.contains(field(violation))
						|| violation.getConstraintDescriptor().getAnnotation() instanceof NotBlank) {
					problems.add(new FieldProblem(field(violation), violation.getMessage()));
				}
			}
		}
		if (!problems.isEmpty()) {
			throw new InvalidRequest(new ArrayList<>(problems));
		}
		return request;
	}

	/** {@code mandatoryFields[0].<list element>} reads {@code mandatoryFields[0]}. */
	private static String field(ConstraintViolation<?> violation) {
		return violation.getPropertyPath().toString().replace(".<list element>", "");
	}

	/** Finds the unknown fields and the NUL characters below a node. */
	private void walk(JsonNode node, Type type, String path, Set<FieldProblem> problems) {
		if (node.isString() && node.asString().indexOf('\u0000') >= 0) {
			problems.add(new FieldProblem(path, "must not contain the NUL character (U+0000)"));
			return;
		}
		if (type instanceof ParameterizedType list && list.getRawType() == List.class) {
			if (node.isArray()) {
				for (int i = 0; i < node.size(); i++) {
					walk(node.get(i), list.getActualTypeArguments()[0], path + "[" + i + "]", problems);
				}
			}
			return;
		}
		if (!(type instanceof Class<?> declared) || !node.isObject()) {
			return;
		}
		Class<?> concrete = declared;
		String typeProperty = null;
		JsonTypeInfo typeInfo = declared.getAnnotation(JsonTypeInfo.class);
		if (typeInfo != null) {
			typeProperty = typeInfo.property();
			String name = node.path(typeProperty).asString(null);
			Map<String, Class<?>> subtypes = this.subtypes.computeIfAbsent(declared, this::subtypes);
			concrete = (name != null) ? subtypes.get(name) : null;
			if (concrete == null) {
				problems.add(
						new FieldProblem(join(path, typeProperty), "must be one of " + List.copyOf(subtypes.keySet())));
				return;
			}
		}
		if (!concrete.isRecord()) {
			return;
		}
		RecordComponent[] components = COMPONENTS.get(concrete);
		for (Map.Entry<String, JsonNode> field : node.properties()) {
			if (!field.getKey().equals(typeProperty)
					&& Arrays.stream(components).noneMatch((component) -> component.getName().equals(field.getKey()))) {
				problems.add(new FieldProblem(join(path, field.getKey()), "is not a known field"));
			}
		}
		for (RecordComponent component : components) {
			JsonNode value = node.get(component.getName());
			if (value != null) {
				walk(value, component.getGenericType(), join(path, component.getName()), problems);
			}
		}
	}

	/**
	 * The named subtypes of a polymorphic type, as the mapper knows them: from
	 * {@code @JsonSubTypes}, or registered by a module (the destinations').
	 */
	private Map<String, Class<?>> subtypes(Class<?> declared) {
		DeserializationConfig config = this.json.deserializationConfig();
		Map<String, Class<?>> byName = new LinkedHashMap<>();
		config.getSubtypeResolver()
			.collectAndResolveSubtypesByTypeId(config,
					AnnotatedClassResolver.resolveWithoutSuperTypes(config, declared))
			.stream()
			.filter((subtype) -> subtype.hasName() && declared.isAssignableFrom(subtype.getType())
					&& subtype.getType() != declared)
			.forEach((subtype) -> byName.put(subtype.getName(), subtype.getType()));
		return byName;
	}

	/** Every property of a request is reachable and cascaded. */
	private static final class Everything implements TraversableResolver {

		@Override
		public boolean isReachable(Object object, Path.Node property, Class<?> rootType, Path path,
				ElementType elementType) {
			return true;
		}

		@Override
		public boolean isCascadable(Object object, Path.Node property, Class<?> rootType, Path path,
				ElementType elementType) {
			return true;
		}

	}

	/** Takes no notice of {@code @JsonProperty(access = …)}. */
	private static final class EveryAccess extends JacksonAnnotationIntrospector {

		@Override
		public JsonProperty.Access findPropertyAccess(MapperConfig<?> config, Annotated annotated) {
			return JsonProperty.Access.AUTO;
		}

	}

	private static String join(String path, String name) {
		return path.isEmpty() ? name : path + "." + name;
	}

}
