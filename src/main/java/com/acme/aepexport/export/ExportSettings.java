package com.acme.aepexport.export;

import java.time.Duration;
import java.util.Base64;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How exports are stored: the encryption of credentials at rest and how long idempotency
 * keys are remembered.
 */
@Validated
@ConfigurationProperties("exports")
public record ExportSettings(@Valid @NotNull CredentialEncryption credentials,
		@Valid @DefaultValue Idempotency idempotency) {

	/**
	 * @param encryptionKey base64 of 32 random bytes (AES-256); from the environment or a
	 * Kubernetes Secret, never from a file in the repository
	 * @param keyId stored beside every ciphertext, so that keys can be rotated
	 */
	public record CredentialEncryption(@NotBlank String encryptionKey,
			@DefaultValue("default") @NotBlank String keyId) {

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
			return "CredentialEncryption[encryptionKey=" + Credentials.REDACTED + ", keyId=" + this.keyId + "]";
		}

	}

	/**
	 * @param retention how long a key answers with the export it created
	 */
	public record Idempotency(@DefaultValue("24h") @NotNull Duration retention) {

	}

}
