package com.acme.aepexport.export;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Tells whether two requests sent with one idempotency key are the same. The request
 * holds credentials, so it is not stored or hashed plainly: it is keyed with HMAC-SHA256
 * under a key derived from the credentials key (a plain hash of a weak password could be
 * guessed).
 */
@Component
class RequestFingerprints {

	private static final String ALGORITHM = "HmacSHA256";

	private final SecretKeySpec key;

	@Autowired
	RequestFingerprints(ExportSettings settings) {
		this(settings.credentials());
	}

	RequestFingerprints(ExportSettings.CredentialEncryption settings) {
		// Key separation: never use the AES key itself as the HMAC key.
		this.key = new SecretKeySpec(hmac(new SecretKeySpec(settings.keyBytes(), ALGORITHM),
				"aep-export-facade idempotency fingerprint".getBytes(StandardCharsets.UTF_8)), ALGORITHM);
	}

	String of(byte[] request) {
		return HexFormat.of().formatHex(hmac(this.key, request));
	}

	private static byte[] hmac(SecretKeySpec key, byte[] message) {
		try {
			Mac mac = Mac.getInstance(ALGORITHM);
			mac.init(key);
			return mac.doFinal(message);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("HMAC-SHA256 is not available", ex);
		}
	}

}
