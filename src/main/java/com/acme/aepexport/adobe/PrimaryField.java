package com.acme.aepexport.adobe;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A deduplication key, at {@code /transformations/0/params/primaryFields}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record PrimaryField(String fieldType, String identityNamespace, String attributePath) {

	public static PrimaryField identity(String namespace) {
		return new PrimaryField("IDENTITY", namespace, null);
	}

	public static PrimaryField attribute(String path) {
		return new PrimaryField("ATTRIBUTE", null, path);
	}

}
