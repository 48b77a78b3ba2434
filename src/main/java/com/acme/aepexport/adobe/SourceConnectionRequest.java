package com.acme.aepexport.adobe;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * {@code POST /sourceConnections}. For audiences the source is always the Profile Store.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record SourceConnectionRequest(String name, String description, SpecRef connectionSpec) {

	/**
	 * Profile Store: "this connection spec ID is always the same for Source Connections".
	 */
	public static final String PROFILE_STORE_SPEC_ID = "8a9c3494-9708-43d7-ae3f-cda01e5030e1";

	public static SourceConnectionRequest profileStore(String name, String description) {
		return new SourceConnectionRequest(name, description, SpecRef.of(PROFILE_STORE_SPEC_ID));
	}

}
