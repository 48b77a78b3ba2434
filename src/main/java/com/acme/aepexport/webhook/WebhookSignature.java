package com.acme.aepexport.webhook;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Standard Webhooks signing: a secret is {@code whsec_} and the base64 of random bytes;
 * the signature is {@code v1,} and the base64 of HMAC-SHA256, keyed with the secret's
 * decoded bytes, of {@code id.timestamp.body}.
 */
final class WebhookSignature {

	static final String SECRET_PREFIX = "whsec_";

	/** The spec asks for 24 to 64 bytes. */
	static final int SECRET_BYTES = 32;

	private static final SecureRandom RANDOM = new SecureRandom();

	private WebhookSignature() {
	}

	static String newSecret() {
		byte[] key = new byte[SECRET_BYTES];
		RANDOM.nextBytes(key);
		return SECRET_PREFIX + Base64.getEncoder().encodeToString(key);
	}

	/**
	 * @param secret {@code whsec_…}
	 * @param timestamp Unix seconds, as {@code webhook-timestamp} carries them
	 * @return the value of {@code webhook-signature}
	 */
	static String sign(String secret, String id, long timestamp, String body) {
		if (!secret.startsWith(SECRET_PREFIX)) {
			throw new IllegalArgumentException("A signing secret starts with " + SECRET_PREFIX);
		}
		byte[] key = Base64.getDecoder().decode(secret.substring(SECRET_PREFIX.length()));
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(key, "HmacSHA256"));
			byte[] signature = mac.doFinal((id + "." + timestamp + "." + body).getBytes(StandardCharsets.UTF_8));
			return "v1," + Base64.getEncoder().encodeToString(signature);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("HMAC-SHA256 is not available", ex);
		}
	}

}
