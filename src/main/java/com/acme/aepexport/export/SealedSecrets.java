package com.acme.aepexport.export;

import java.util.UUID;

import lombok.AccessLevel;
import lombok.RequiredArgsConstructor;
import org.springframework.stereotype.Component;

/**
 * Other modules' secrets at rest (a webhook subscription's signing secret), sealed as
 * destination credentials are: AES-256-GCM under
 * {@code exports.credentials.encryption-key}, with the id of the row that holds them as
 * associated data, so a ciphertext copied to another row does not open. The same keys,
 * the same rotation (docs/security.md).
 */
@Component
@RequiredArgsConstructor(access = AccessLevel.PACKAGE)
public class SealedSecrets {

	private final CredentialCipher cipher;

	/** Seals under the current key, for the row {@code owner}. */
	public Sealed seal(byte[] plaintext, UUID owner) {
		return new Sealed(this.cipher.keyId(), this.cipher.seal(plaintext, owner, "the secrets of " + owner));
	}

	/**
	 * @throws IllegalStateException when the key is no longer held, or the ciphertext was
	 * not sealed for {@code owner}
	 */
	public byte[] open(Sealed sealed, UUID owner) {
		return this.cipher.open(sealed.keyId(), sealed.ciphertext(), owner, "Secrets of " + owner);
	}

	/**
	 * @param keyId the id of the key that sealed it
	 * @param ciphertext nonce, ciphertext and tag
	 */
	public record Sealed(String keyId, byte[] ciphertext) {

		@Override
		public String toString() {
			return "Sealed[keyId=" + this.keyId + ", " + this.ciphertext.length + " bytes]";
		}

	}

}
