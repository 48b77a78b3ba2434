package com.acme.aepexport.export;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * AES-256-GCM with a fresh 96-bit nonce per message and the export id as associated data,
 * so a ciphertext cannot be moved to another export. The JDK's own cipher is enough here:
 * one key, one AEAD primitive, no keyset to manage; a library such as Tink would add its
 * own key format for no gain.
 */
@Component
class CredentialCipher {

	private static final String ALGORITHM = "AES/GCM/NoPadding";

	private static final int NONCE_BYTES = 12;

	private static final int TAG_BITS = 128;

	private final SecretKey key;

	private final String keyId;

	/** The current key and those it replaced, to read what they encrypted. */
	private final Map<String, SecretKey> keys = new HashMap<>();

	private final SecureRandom random = new SecureRandom();

	@Autowired
	CredentialCipher(ExportSettings settings) {
		this(settings.credentials());
	}

	CredentialCipher(ExportSettings.CredentialEncryption settings) {
		this.key = new SecretKeySpec(settings.keyBytes(), "AES");
		this.keyId = settings.keyId();
		settings.keysById().forEach((id, bytes) -> this.keys.put(id, new SecretKeySpec(bytes, "AES")));
	}

	String keyId() {
		return this.keyId;
	}

	/** The ids of every key held: the current one and those it replaced. */
	Set<String> keyIds() {
		return Set.copyOf(this.keys.keySet());
	}

	/** Returns nonce followed by ciphertext and tag. */
	byte[] seal(byte[] plaintext, ExportId exportId) {
		return seal(plaintext, exportId.value(), "credentials of export " + exportId);
	}

	byte[] open(String keyId, byte[] sealed, ExportId exportId) {
		return open(keyId, sealed, exportId.value(), "Credentials of export " + exportId);
	}

	/**
	 * Seals under the current key with {@code owner} as associated data, so that the
	 * ciphertext opens only for the row it was sealed for.
	 * @param what what is sealed, for messages (never the plaintext)
	 */
	byte[] seal(byte[] plaintext, UUID owner, String what) {
		byte[] nonce = new byte[NONCE_BYTES];
		this.random.nextBytes(nonce);
		try {
			Cipher cipher = Cipher.getInstance(ALGORITHM);
			cipher.init(Cipher.ENCRYPT_MODE, this.key, new GCMParameterSpec(TAG_BITS, nonce));
			cipher.updateAAD(associatedData(owner));
			byte[] sealed = cipher.doFinal(plaintext);
			return ByteBuffer.allocate(NONCE_BYTES + sealed.length).put(nonce).put(sealed).array();
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("Cannot encrypt " + what, ex);
		}
	}

	byte[] open(String keyId, byte[] sealed, UUID owner, String what) {
		SecretKey key = this.keys.get(keyId);
		if (key == null) {
			throw new IllegalStateException(
					what + " were encrypted with key '" + keyId + "', which this instance does not hold (current: '"
							+ this.keyId + "'; add the old one to exports.credentials.previous-keys)");
		}
		try {
			Cipher cipher = Cipher.getInstance(ALGORITHM);
			cipher.init(Cipher.DECRYPT_MODE, key,
					new GCMParameterSpec(TAG_BITS, Arrays.copyOfRange(sealed, 0, NONCE_BYTES)));
			cipher.updateAAD(associatedData(owner));
			return cipher.doFinal(sealed, NONCE_BYTES, sealed.length - NONCE_BYTES);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("Cannot decrypt " + what.substring(0, 1).toLowerCase() + what.substring(1),
					ex);
		}
	}

	private static byte[] associatedData(UUID owner) {
		return ByteBuffer.allocate(16)
			.putLong(owner.getMostSignificantBits())
			.putLong(owner.getLeastSignificantBits())
			.array();
	}

}
