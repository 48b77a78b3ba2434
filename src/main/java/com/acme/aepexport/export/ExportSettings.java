package com.acme.aepexport.export;

import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How exports are stored: the encryption of credentials at rest, how long idempotency
 * keys are remembered and how long deleted exports are kept.
 */
@Validated
@ConfigurationProperties("exports")
public record ExportSettings(@Valid @NotNull CredentialEncryption credentials,
		@Valid @DefaultValue Idempotency idempotency, @Valid @DefaultValue Statistics statistics,
		@Valid @DefaultValue Retention retention) {

	/**
	 * @param encryptionKey base64 of 32 random bytes (AES-256); from the environment or a
	 * Kubernetes Secret, never from a file in the repository
	 * @param keyId stored beside every ciphertext, so that keys can be rotated
	 * @param previousKeys earlier keys by id, to read what they encrypted while it is
	 * still stored (docs/security.md, "Rotating the encryption key")
	 * @param failedRetention how long the credentials of an export that failed before its
	 * base connection was made are kept for a resume; then they are deleted, and the
	 * export cannot be resumed
	 */
	public record CredentialEncryption(@NotBlank String encryptionKey, @DefaultValue("default") @NotBlank String keyId,
			Map<String, String> previousKeys, @DefaultValue("7d") @NotNull Duration failedRetention) {

		public CredentialEncryption {
			previousKeys = (previousKeys != null) ? Map.copyOf(previousKeys) : Map.of();
		}

		@AssertTrue(message = "must be the base64 of 32 bytes (an AES-256 key)")
		boolean isEncryptionKeyAes256() {
			return this.encryptionKey == null || isAes256(this.encryptionKey);
		}

		@AssertTrue(message = "must each be the base64 of 32 bytes (an AES-256 key)")
		boolean isPreviousKeysAes256() {
			return this.previousKeys.values().stream().allMatch(CredentialEncryption::isAes256);
		}

		/** Every key by id: the current one and those it replaced. */
		Map<String, byte[]> keysById() {
			Map<String, byte[]> keys = new HashMap<>();
			this.previousKeys.forEach((id, key) -> keys.put(id, Base64.getDecoder().decode(key)));
			keys.put(this.keyId, keyBytes());
			return keys;
		}

		byte[] keyBytes() {
			return Base64.getDecoder().decode(this.encryptionKey);
		}

		private static boolean isAes256(String key) {
			try {
				return Base64.getDecoder().decode(key).length == 32;
			}
			catch (IllegalArgumentException ex) {
				return false;
			}
		}

		@Override
		public String toString() {
			return "CredentialEncryption[encryptionKey=" + Credentials.REDACTED + ", keyId=" + this.keyId
					+ ", previousKeys=" + this.previousKeys.keySet() + ", failedRetention=" + this.failedRetention
					+ "]";
		}

	}

	/**
	 * @param retention how long a key answers with the export it created
	 */
	public record Idempotency(@DefaultValue("24h") @NotNull Duration retention) {

	}

	/**
	 * @param refreshInterval how old the counts behind the {@code aep.exports*} gauges
	 * may be: one query answers them all, whatever the scrape rate
	 */
	public record Statistics(@DefaultValue("10s") @NotNull Duration refreshInterval) {

	}

	/**
	 * @param deleted how long an export stays {@code DELETED} (its last update) before it
	 * is purged with its steps and all else that names it; at least an hour, so that a
	 * caller who deleted it sees it {@code DELETED}
	 * @param batchSize the most exports one purge transaction deletes
	 */
	public record Retention(@DefaultValue("30d") @NotNull @DurationMin(hours = 1) Duration deleted,
			@DefaultValue("500") @Positive int batchSize) {

	}

}
