package com.acme.aepexport.adobe;

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

}
