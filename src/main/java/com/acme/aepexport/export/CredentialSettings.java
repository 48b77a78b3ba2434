package com.acme.aepexport.export;

import java.util.Base64;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotBlank;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * How destination credentials are encrypted at rest.
 *
 * @param encryptionKey base64 of 32 random bytes (AES-256); from the environment or a
 * Kubernetes Secret, never from a file in the repository
 * @param keyId stored beside every ciphertext, so that keys can be rotated
 */
@Validated
@ConfigurationProperties("exports.credentials")
public record CredentialSettings(@NotBlank String encryptionKey, @NotBlank String keyId) {

	public CredentialSettings {
		keyId = (keyId != null) ? keyId : "default";
	}

	@AssertTrue(message = "must be the base64 of 32 bytes (an AES-256 key)")
	boolean isEncryptionKeyAes256() {
		try {
			return this.encryptionKey == null || Base64.getDecoder().decode(this.encryptionKey).length == 32;
		}
		catch (IllegalArgumentException ex) {
			return false;
		}
	}

	byte[] keyBytes() {
		return Base64.getDecoder().decode(this.encryptionKey);
	}

	@Override
	public String toString() {
		return "CredentialSettings[encryptionKey=" + Credentials.REDACTED + ", keyId=" + this.keyId + "]";
	}

}
