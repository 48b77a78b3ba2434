package com.acme.aepexport.adobe;

import java.util.List;
import java.util.Optional;

import org.springframework.http.HttpMethod;
import org.springframework.stereotype.Component;

/**
 * Adobe Data Prep (the conversion service): the schemas and mapping set that turn
 * profiles into the destination's columns. Creates answer {@code 200 {id, version, …}}.
 */
@Component
public class ConversionClient {

	private static final String BASE = "/data/foundation/conversion";

	private final AdobeHttp http;

	ConversionClient(AdobeHttp http) {
		this.http = http;
	}

	public DataPrepRef createSchema(Sandbox sandbox, ConversionSchemaRequest request) {
		return this.http.send(HttpMethod.POST, sandbox, request, null, DataPrepRef.class, BASE + "/schemas");
	}

	public DataPrepRef createMappingSet(Sandbox sandbox, MappingSetRequest request) {
		return this.http.send(HttpMethod.POST, sandbox, request, null, DataPrepRef.class, BASE + "/mappingSets");
	}

	/**
	 * {@code DELETE /mappingSets/{id}} (used by Adobe's own tooling; absent from the Data
	 * Prep reference). Conversion schemas have no delete at all.
	 * @return {@code false} when it was gone already
	 */
	public boolean deleteMappingSet(Sandbox sandbox, String id) {
		return this.http.delete(sandbox, BASE + "/mappingSets/{id}", id);
	}

	/*
	 * A create whose answer was lost may have happened: look for the entity by its name
	 * first (Data Prep lists filter with name=…; limit and start are required).
	 */

	public Optional<DataPrepRef> findSchema(Sandbox sandbox, String name) {
		return findByName(sandbox, "/schemas", name);
	}

	public Optional<DataPrepRef> findMappingSet(Sandbox sandbox, String name) {
		return findByName(sandbox, "/mappingSets", name);
	}

	private Optional<DataPrepRef> findByName(Sandbox sandbox, String collection, String name) {
		Page page = this.http.get(sandbox, Page.class, BASE + collection + "?limit=100&start=0&name={name}", name);
		return (page.data() != null) ? page.data()
			.stream()
			.filter((entity) -> name.equals(entity.name()))
			.findFirst()
			.map((entity) -> new DataPrepRef(entity.id(), entity.version())) : Optional.empty();
	}

	record Page(List<Named> data) {

	}

	record Named(String id, String name, int version) {

	}

}
