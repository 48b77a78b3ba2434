package com.acme.aepexport.export;

import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.Arrays;
import java.util.UUID;

import jakarta.annotation.PostConstruct;
import lombok.RequiredArgsConstructor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Refuses to start with a credentials key whose id is known but which is not the key that
 * id stood for: every key seals a canary under its id the first time it is in use, and at
 * every start each configured key must open its id's canary. A key mistyped, or replaced
 * without changing its id, would otherwise encrypt new credentials fine and fail on every
 * stored one, or fail a resume months later.
 */
@Component
// Flyway has made encryption_canary before the check reads it.
@DependsOnDatabaseInitialization
@RequiredArgsConstructor
class KeyCanaries {

	private static final Logger log = LoggerFactory.getLogger(KeyCanaries.class);

	/** The associated data of every canary: no export has the nil id. */
	private static final ExportId CANARY = new ExportId(new UUID(0, 0));

	private static final byte[] PLAINTEXT = "aep-export-facade key canary".getBytes(StandardCharsets.UTF_8);

	private final CredentialCipher cipher;

	private final JdbcTemplate jdbc;

	private final Clock clock;

	@PostConstruct
	void check() {
		this.jdbc.update(
				"insert into encryption_canary (key_id, ciphertext, created_at) values (?, ?, ?) "
						+ "on conflict (key_id) do nothing",
				this.cipher.keyId(), this.cipher.seal(PLAINTEXT, CANARY), Timestamp.from(this.clock.instant()));
		for (String keyId : this.cipher.keyIds()) {
			for (byte[] canary : this.jdbc.queryForList("select ciphertext from encryption_canary where key_id = ?",
					byte[].class, keyId)) {
				if (!opens(keyId, canary)) {
					throw new IllegalStateException("exports.credentials: the key configured with id '" + keyId
							+ "' is not the key that id stood for (it cannot open what that key sealed); "
							+ "configure the right key, or a new key under a new id (docs/security.md)");
				}
			}
		}
		log.info("Credentials keys {} open their canaries", this.cipher.keyIds());
	}

	private boolean opens(String keyId, byte[] canary) {
		try {
			return Arrays.equals(this.cipher.open(keyId, canary, CANARY), PLAINTEXT);
		}
		catch (IllegalStateException wrongKey) {
			return false;
		}
	}

}
