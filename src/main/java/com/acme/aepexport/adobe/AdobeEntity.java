package com.acme.aepexport.adobe;

/**
 * An entity as Adobe holds it now ({@code GET}), read with its etag: a change of it is
 * sent with that etag ({@code If-Match}).
 */
public interface AdobeEntity {

	AdobeRef ref();

	default String id() {
		return ref().id();
	}

	/** With its double quotes, as Adobe gave it. */
	default String etag() {
		return ref().etag();
	}

}
