package com.acme.aepexport.export;

/**
 * An idempotency key came back with a different request than the one it was first sent
 * with.
 */
public class IdempotencyKeyReused extends RuntimeException {

	public IdempotencyKeyReused(String key, ExportId export) {
		super("Idempotency-Key '" + key + "' was used for export " + export + " with a different request");
	}

}
