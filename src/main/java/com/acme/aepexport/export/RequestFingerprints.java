package com.acme.aepexport.export;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;

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

	/** The HMAC key derived from each credentials key, by the credentials key's id. */
	private final Map<String, SecretKeySpec> keys = new HashMap<>();

	private final String currentKeyId;

	@Autowired
	RequestFingerprints(ExportSettings settings) {
		this(settings.credentials());
	}

	RequestFingerprints(ExportSettings.CredentialEncryption settings) {
		// Key separation: never use the AES key itself as the HMAC key.
		settings.keysById()
			.forEach(
					(id, bytes) -> this.keys.put(id,
							new SecretKeySpec(hmac(new SecretKeySpec(bytes, ALGORITHM),
									"aep-export-facade idempotency fingerprint".getBytes(StandardCharsets.UTF_8)),
									ALGORITHM)));
		this.currentKeyId = settings.keyId();
	}

	/** The id of the key new fingerprints are made with. */
	String currentKeyId() {
		return this.currentKeyId;
	}

	/** The fingerprint with the current key. */
	String of(byte[] request) {
		return of(request, this.currentKeyId);
	}

	/**
	 * The fingerprint with the key of that id, so that a fingerprint stored before the
	 * key was rotated still compares (while the old key is among the previous keys); with
	 * the current key when that one is gone.
	 */
	String of(byte[] request, String keyId) {
		SecretKeySpec key = this.keys.getOrDefault((keyId != null) ? keyId : this.currentKeyId,
				this.keys.get(this.currentKeyId));
		return HexFormat.of().formatHex(hmac(key, request));
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
