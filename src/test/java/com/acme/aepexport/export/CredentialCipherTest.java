package com.acme.aepexport.export;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CredentialCipherTest {

	private static final String KEY = Base64.getEncoder().encodeToString(new byte[32]);

	private final CredentialCipher cipher = new CredentialCipher(
			new ExportSettings.CredentialEncryption(KEY, "k1", Map.of(), Duration.ofDays(7)));

	private final ExportId export = ExportId.random();

	@Test
	void sealsWithAFreshNonceAndOpensWithTheSameKeyAndExport() {
		byte[] secret = "s3cr3t".getBytes(StandardCharsets.UTF_8);

		byte[] first = this.cipher.seal(secret, this.export);
		byte[] second = this.cipher.seal(secret, this.export);

		assertThat(first).isNotEqualTo(second);
		assertThat(new String(first, StandardCharsets.ISO_8859_1)).doesNotContain("s3cr3t");
		assertThat(this.cipher.open("k1", first, this.export)).isEqualTo(secret);
	}

	@Test
	void aCiphertextCannotBeOpenedForAnotherExportOrAfterTampering() {
		byte[] sealed = this.cipher.seal("s3cr3t".getBytes(StandardCharsets.UTF_8), this.export);

		assertThatThrownBy(() -> this.cipher.open("k1", sealed, ExportId.random()))
			.isInstanceOf(IllegalStateException.class);
		sealed[sealed.length - 1] ^= 1;
		assertThatThrownBy(() -> this.cipher.open("k1", sealed, this.export)).isInstanceOf(IllegalStateException.class);
	}

	@Test
	void aCiphertextOfAnotherKeyIsRefusedByName() {
		byte[] sealed = this.cipher.seal(new byte[] { 1 }, this.export);

		assertThatThrownBy(() -> this.cipher.open("k0", sealed, this.export)).hasMessageContaining("'k0'")
			.hasMessageContaining("'k1'");
	}

	@Test
	void settingsNeverShowTheKey() {
		assertThat(new ExportSettings.CredentialEncryption(KEY, "k1", Map.of(), Duration.ofDays(7)).toString())
			.doesNotContain(KEY);
	}

}
