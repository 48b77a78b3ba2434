package com.acme.aepexport.export;

/**
 * A {@code POST /exports} sent with an {@code Idempotency-Key}: the key and the request
 * as sent, which tells a retry of the same request from a different one.
 */
public record IdempotentRequest(String key, byte[] request) {

	@Override
	public String toString() {
		return "IdempotentRequest[key=" + this.key + "]";
	}

}
