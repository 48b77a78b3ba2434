package com.acme.aepexport.adobe;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

import lombok.AccessLevel;
import lombok.RequiredArgsConstructor;
import tools.jackson.databind.JsonNode;

import org.springframework.stereotype.Component;

import com.acme.aepexport.export.ExportSpec;

/**
 * Adobe Data Prep (the conversion service): the schemas and mapping set that turn
 * profiles into the destination's columns. Creates answer {@code 200 {id, version, …}}.
 */
@Component
@RequiredArgsConstructor(access = AccessLevel.PACKAGE)
public class ConversionClient {

	private static final String BASE = "/data/foundation/conversion";

	/** Entities per page of a look-up. */
	private static final int LOOKUP_PAGE = 100;

	/** Pages a look-up reads at most (it stops at the end of the list before). */
	private static final int MAX_LOOKUP_PAGES = 20;

	private final AdobeHttp http;

	/**
	 * What an export maps from: the profile union schema, with the identity namespaces as
	 * {@code identityMap} properties.
	 */
	public DataPrepRef createInputSchema(Sandbox sandbox, String name, JsonNode unionSchema,
			List<IdentityNamespace> namespaces) {
		return createSchema(sandbox, ConversionSchemaRequest.profileInput(name, unionSchema, namespaces));
	}

	/** What an export maps to: the destination's partner schema. */
	public DataPrepRef createOutputSchema(Sandbox sandbox, String name, JsonNode partnerSchema) {
		return createSchema(sandbox, new ConversionSchemaRequest(name, partnerSchema));
	}

	/** The export's field mapping, from the input schema to the output schema. */
	public DataPrepRef createMappingSet(Sandbox sandbox, String name, String inputSchemaId, String outputSchemaId,
			List<ExportSpec.FieldMapping> mapping) {
		return createMappingSet(sandbox,
				MappingSetRequest.of(name, inputSchemaId, outputSchemaId,
						mapping.stream()
							.map((field) -> MappingSetRequest.Mapping.attribute(field.source(), field.target()))
							.toList()));
	}

	DataPrepRef createSchema(Sandbox sandbox, ConversionSchemaRequest request) {
		return created(this.http.create(sandbox, request, DataPrepRef.class, BASE + "/schemas"),
				"POST " + BASE + "/schemas");
	}

	DataPrepRef createMappingSet(Sandbox sandbox, MappingSetRequest request) {
		return created(this.http.create(sandbox, request, DataPrepRef.class, BASE + "/mappingSets"),
				"POST " + BASE + "/mappingSets");
	}

	/**
	 * {@code GET /mappingSets/{id}?version=…} (DP-REF {@code retrieveMappingSet}): the
	 * mapping set a dataflow built elsewhere attaches, at the version it attaches.
	 * @param version the flow's {@code mappingVersion}, or {@code null} for Data Prep's
	 * default
	 */
	public MappingSet mappingSet(Sandbox sandbox, String id, Integer version) {
		String operation = "GET " + BASE + "/mappingSets/{id}";
		JsonNode answer = (version != null)
				? this.http.get(sandbox, JsonNode.class, BASE + "/mappingSets/{id}?version={version}", id, version)
				: this.http.get(sandbox, JsonNode.class, BASE + "/mappingSets/{id}", id);
		Integer held = version(answer.path("version"));
		DataPrepRef ref = created(new DataPrepRef(id, (held != null) ? held : version), operation);
		List<ExportSpec.FieldMapping> mapping = JsonValues.elements(answer.path("mappings"))
			.stream()
			.filter((field) -> JsonValues.text(field.path("source")) != null
					&& JsonValues.text(field.path("destination")) != null)
			.map((field) -> AdobeTerms.mapping(JsonValues.text(field.path("source")),
					JsonValues.text(field.path("destination"))))
			.toList();
		return new MappingSet(ref, schema(answer.path("inputSchema"), operation, "inputSchema.id"),
				schema(answer.path("outputSchema"), operation, "outputSchema.id"), mapping);
	}

	/** A schema a mapping set names, at its version (0 when Data Prep gives none). */
	private static DataPrepRef schema(JsonNode schema, String operation, String field) {
		String id = JsonValues.text(schema.path("id"));
		if (id == null) {
			return null;
		}
		Integer version = version(schema.path("version"));
		return new DataPrepRef(JsonValues.id(id, operation, field), (version != null) ? version : 0);
	}

	/**
	 * {@code DELETE /mappingSets/{id}}: used by Adobe's own tooling, absent from the Data
	 * Prep reference. Any answer but a 2xx (a 404 included: no such entity, or no such
	 * call) leaves the mapping set behind, and says so; a transient fault is thrown, to
	 * be tried again.
	 */
	public Deletion deleteMappingSet(Sandbox sandbox, String id) {
		int status;
		try {
			status = this.http.delete(sandbox, BASE + "/mappingSets/{id}", id);
		}
		catch (AdobeCallFailed refused) {
			if (refused.retryable() || refused.httpStatus() == null) {
				throw refused;
			}
			status = refused.httpStatus();
		}
		return (status / 100 == 2) ? Deletion.deleted()
				: Deletion.leftBehind("Adobe answered " + status + " to DELETE /mappingSets/{id}, which Data Prep "
						+ "does not document; the mapping set may still be there (unattached)");
	}

	/** Data Prep has no delete for conversion schemas: they stay, unattached. */
	public Deletion deleteSchema(Sandbox sandbox, String id) {
		return Deletion.leftBehind("Data Prep has no delete for conversion schemas; it stays, unattached");
	}

	/*
	 * A create whose answer was lost may have happened: look for the entity by its name
	 * first (Data Prep lists filter with a plain name=… query parameter, not Flow
	 * Service's grammar; limit and start are required), page by page.
	 */

	public Optional<DataPrepRef> findSchema(Sandbox sandbox, Collection<String> names) {
		return find(sandbox, "/schemas", names);
	}

	public Optional<DataPrepRef> findMappingSet(Sandbox sandbox, Collection<String> names) {
		return find(sandbox, "/mappingSets", names);
	}

	private Optional<DataPrepRef> find(Sandbox sandbox, String collection, Collection<String> names) {
		String operation = "GET " + BASE + collection;
		for (String name : names) {
			for (int page = 0;; page++) {
				if (page == MAX_LOOKUP_PAGES) {
					throw new AdobeCallFailed(operation, null, null,
							"looked for '" + name + "' in " + MAX_LOOKUP_PAGES
									+ " pages without reaching the end; find it in Adobe, or resume to " + "look again",
							false, null);
				}
				JsonNode answer = this.http.get(sandbox, JsonNode.class,
						BASE + collection + "?limit={limit}&start={start}&name={name}", LOOKUP_PAGE, page * LOOKUP_PAGE,
						name);
				// Adobe's own example answers "data" with one object, not a list.
				List<JsonNode> entities = JsonValues.elements(answer.path("data"));
				for (JsonNode entity : entities) {
					if (name.equals(JsonValues.text(entity.path("name")))) {
						return Optional.of(created(
								new DataPrepRef(JsonValues.text(entity.path("id")), version(entity.path("version"))),
								operation));
					}
				}
				Long count = JsonValues.number(answer.path("_page").path("count"));
				if (entities.size() < LOOKUP_PAGE || (count != null && (page + 1L) * LOOKUP_PAGE >= count)) {
					break;
				}
			}
		}
		return Optional.empty();
	}

	/**
	 * A new entity's id and version; its version is 0 when Adobe leaves it out (a new
	 * entity's is, Data Prep counts updates from there) or gives a negative one.
	 */
	private static DataPrepRef created(DataPrepRef ref, String operation) {
		if (ref.id() == null || ref.id().isBlank()) {
			throw AdobeCallFailed.unusable(operation, "id", "is missing");
		}
		return new DataPrepRef(JsonValues.id(ref.id(), operation, "id"),
				(ref.version() != null && ref.version() >= 0) ? ref.version() : 0);
	}

	private static Integer version(JsonNode node) {
		Long version = JsonValues.number(node);
		return (version != null && version >= 0 && version <= Integer.MAX_VALUE) ? version.intValue() : null;
	}

}
