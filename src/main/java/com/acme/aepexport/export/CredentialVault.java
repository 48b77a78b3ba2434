package com.acme.aepexport.export;

import java.time.Clock;
import java.util.Arrays;

import lombok.AccessLevel;
import lombok.RequiredArgsConstructor;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Where an export's destination credentials wait, encrypted, until Adobe holds them: the
 * base connection is made from them, and then they are deleted. They are deleted too when
 * the export is deleted, and when it failed before its base connection and was not
 * resumed for {@code exports.credentials.failed-retention}. Nothing else reads them.
 */
@Service
@Transactional
@RequiredArgsConstructor(access = AccessLevel.PACKAGE)
public class CredentialVault {

	private final StoredCredentials credentials;

	private final NewRows rows;

	private final CredentialCipher cipher;

	private final ExportSettings settings;

	private final Clock clock;

	/** Seals the export's credentials under the current key. */
	void store(ExportId id, Credentials credentials) {
		byte[] plaintext = CredentialKinds.write(credentials);
		try {
			this.rows.insert(new StoredCredential(id, this.cipher.keyId(), this.cipher.seal(plaintext, id),
					this.clock.instant()));
		}
		finally {
			Arrays.fill(plaintext, (byte) 0);
		}
	}

	/**
	 * Decrypts the credentials of an export whose base connection does not exist yet.
	 * @throws IllegalStateException when they are gone (the base connection was created)
	 */
	@Transactional(readOnly = true)
	public Credentials open(ExportId id) {
		StoredCredential stored = this.credentials.findById(id.value())
			.orElseThrow(() -> new IllegalStateException("Export " + id + " holds no credentials any more"));
		byte[] plaintext = this.cipher.open(stored.keyId(), stored.ciphertext(), id);
		try {
			return CredentialKinds.read(plaintext);
		}
		finally {
			Arrays.fill(plaintext, (byte) 0);
		}
	}

	@Transactional(readOnly = true)
	boolean holds(ExportId id) {
		return this.credentials.existsById(id.value());
	}

	/** Adobe holds them now, or nothing will need them again. */
	void forget(ExportId id) {
		this.credentials.deleteById(id.value());
	}

	/**
	 * Deletes the credentials of exports {@code FAILED} before their base connection was
	 * made, and unchanged for {@code exports.credentials.failed-retention}: they could
	 * only be of use to a resume.
	 * @return how many were deleted
	 */
	public int purgeOfFailedExports() {
		return this.credentials.deleteOfFailedExportsUnchangedSince(
				this.clock.instant().minus(this.settings.credentials().failedRetention()));
	}

}
