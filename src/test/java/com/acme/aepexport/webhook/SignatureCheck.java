package com.acme.aepexport.webhook;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A receiver's own check of a webhook, written from the Standard Webhooks specification
 * and not from our signer: HMAC-SHA256 keyed with the base64-decoded secret over
 * {@code id.timestamp.body}, compared in constant time with each {@code v1,} signature of
 * the header; a timestamp within five minutes of the receiver's clock.
 */
final class SignatureCheck {

	private SignatureCheck() {
	}

	static void assertSignedBy(String secret, LoggedRequest request) {
		assertSignedBy(secret, request, Instant.now());
	}

	/**
	 * @param receiverNow the receiver's clock
	 */
	static void assertSignedBy(String secret, LoggedRequest request, Instant receiverNow) {
		String id = request.getHeader("webhook-id");
		String timestamp = request.getHeader("webhook-timestamp");
		assertThat(id).as("webhook-id").isNotBlank();
		assertThat(Math.abs(receiverNow.getEpochSecond() - Long.parseLong(timestamp))).isLessThan(300);
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(Base64.getDecoder().decode(secret.replaceFirst("^whsec_", "")), "HmacSHA256"));
			byte[] expected = mac
				.doFinal((id + "." + timestamp + "." + request.getBodyAsString()).getBytes(StandardCharsets.UTF_8));
			boolean matches = false;
			for (String signature : request.getHeader("webhook-signature").split(" ")) {
				String[] parts = signature.split(",", 2);
				matches |= parts[0].equals("v1")
						&& MessageDigest.isEqual(expected, Base64.getDecoder().decode(parts[1]));
			}
			assertThat(matches).as("a v1 signature of " + id + " verifies").isTrue();
		}
		catch (GeneralSecurityException ex) {
			throw new AssertionError(ex);
		}
		assertThat(request.getHeader("Content-Type")).startsWith("application/json");
	}

}
