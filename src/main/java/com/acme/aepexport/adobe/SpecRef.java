package com.acme.aepexport.adobe;

/**
 * A connection spec or flow spec as requests name it: {@code {"id": …, "version":
 * "1.0"}}. Adobe answers 422 when the version is missing.
 */
record SpecRef(String id, String version) {

	public static SpecRef of(String id) {
		return new SpecRef(id, "1.0");
	}

}
