package com.acme.aepexport.api;

import java.net.URI;

/**
 * The stable {@code type} URIs of our RFC 9457 problems; clients may switch on them.
 */
final class ProblemTypes {

	private static final String BASE = "https://aep-export-facade.acme.com/problems/";

	static final URI VALIDATION = URI.create(BASE + "validation");

	static final URI MALFORMED_REQUEST = URI.create(BASE + "malformed-request");

	static final URI NOT_FOUND = URI.create(BASE + "not-found");

	static final URI CONFLICT = URI.create(BASE + "conflict");

	static final URI VERSION_MISMATCH = URI.create(BASE + "version-mismatch");

	static final URI IDEMPOTENCY_KEY_REUSED = URI.create(BASE + "idempotency-key-reused");

	static final URI UNAVAILABLE = URI.create(BASE + "unavailable");

	static final URI UNAUTHORIZED = URI.create(BASE + "unauthorized");

	static final URI FORBIDDEN = URI.create(BASE + "forbidden");

	static final URI PAYLOAD_TOO_LARGE = URI.create(BASE + "payload-too-large");

	static final URI REQUEST_LIMIT_EXCEEDED = URI.create(BASE + "request-limit-exceeded");

	static final URI TOO_MANY_REQUESTS = URI.create(BASE + "too-many-requests");

	static final URI NOT_CHANGEABLE_IN_PLACE = URI.create(BASE + "not-changeable-in-place");

	static final URI ACTIVATION_NOT_ALLOWED = URI.create(BASE + "activation-not-allowed");

	/**
	 * A dataflow that is no file-based audience export, or holds what an export cannot.
	 */
	static final URI NOT_IMPORTABLE = URI.create(BASE + "not-importable");

	/** A dataflow an export has already: one export per dataflow. */
	static final URI DATAFLOW_EXPORTED = URI.create(BASE + "dataflow-already-exported");

	static final URI ADOBE = URI.create(BASE + "adobe");

	static final URI UNEXPECTED = URI.create(BASE + "internal-error");

	private ProblemTypes() {
	}

}
