package com.acme.aepexport.export;

import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Credentials in the vault: those sealed before SFTP's two kinds were one record still
 * open, and what is sealed now keeps the kinds an older instance reads.
 */
class CredentialVaultTest {

	private final CredentialCipher cipher = new CredentialCipher(new ExportSettings.CredentialEncryption(
			Base64.getEncoder().encodeToString(new byte[32]), "k1", Map.of(), Duration.ofDays(7)));

	/** The rows of {@code export_credential}. */
	private final Map<UUID, StoredCredential> rows = new HashMap<>();

	private final CredentialVault vault = new CredentialVault(rows(this.rows), inserts(this.rows), this.cipher, null,
			Clock.systemUTC());

	private final ExportId export = ExportId.random();

	@Test
	void credentialsSealedInEveryShapeStoredBeforeStillOpen() {
		assertOpens("""
				{"kind":"SFTP_PASSWORD","domain":"sftp.acme","username":"aep","password":"hunter2"}""",
				new Credentials.Sftp("sftp.acme", "aep", "hunter2", null));
		assertOpens("""
				{"kind":"SFTP_SSH_KEY","domain":"sftp.acme","username":"aep","sshKey":"a2V5"}""",
				new Credentials.Sftp("sftp.acme", "aep", null, "a2V5"));
		assertOpens("""
				{"kind":"ACCESS_KEY","accessKeyId":"AKIA","secretAccessKey":"s3cr3t"}""",
				new Credentials.AccessKey("AKIA", "s3cr3t"));
		assertOpens("""
				{"kind":"CONNECTION_STRING","connectionString":"DefaultEndpointsProtocol=https"}""",
				new Credentials.ConnectionString("DefaultEndpointsProtocol=https"));
		assertOpens("""
				{"kind":"SERVICE_PRINCIPAL","url":"https://acme","servicePrincipalId":"id",\
				"servicePrincipalKey":"key","tenant":"t"}""",
				new Credentials.ServicePrincipal("https://acme", "id", "key", "t"));
		assertOpens("""
				{"kind":"NONE"}""", Credentials.NONE);
	}

	@Test
	void sftpCredentialsAreSealedAsThePasswordOrSshKeyKindTheyAre() {
		assertThat(sealed(new Credentials.Sftp("sftp.acme", "aep", "hunter2", null))).isEqualTo(
				"{\"kind\":\"SFTP_PASSWORD\",\"domain\":\"sftp.acme\",\"username\":\"aep\",\"password\":\"hunter2\","
						+ "\"sshKey\":null}");
		assertThat(sealed(new Credentials.Sftp("sftp.acme", "aep", null, "a2V5")))
			.isEqualTo("{\"kind\":\"SFTP_SSH_KEY\",\"domain\":\"sftp.acme\",\"username\":\"aep\",\"password\":null,"
					+ "\"sshKey\":\"a2V5\"}");
	}

	@Test
	void whatIsSealedOpensAsItWas() {
		Credentials.Sftp sftp = new Credentials.Sftp("sftp.acme", "aep", null, "a2V5");
		sealed(sftp);

		assertThat(this.vault.open(this.export)).isEqualTo(sftp);
	}

	private void assertOpens(String json, Credentials expected) {
		this.rows.put(this.export.value(), new StoredCredential(this.export, "k1",
				this.cipher.seal(json.getBytes(StandardCharsets.UTF_8), this.export), Clock.systemUTC().instant()));

		assertThat(this.vault.open(this.export)).as(json).isEqualTo(expected);
	}

	/** Stores, and answers what was sealed. */
	private String sealed(Credentials credentials) {
		this.vault.store(this.export, credentials);
		return new String(this.cipher.open("k1", this.rows.get(this.export.value()).ciphertext(), this.export),
				StandardCharsets.UTF_8);
	}

	/** Inserts rows in {@code rows}. */
	private static NewRows inserts(Map<UUID, StoredCredential> rows) {
		return new NewRows(null, null) {

			@Override
			void insert(Object entity) {
				StoredCredential row = (StoredCredential) entity;
				rows.put(row.getId(), row);
			}

		};
	}

	/** Finds rows in {@code rows}; nothing else is asked of them here. */
	private static StoredCredentials rows(Map<UUID, StoredCredential> rows) {
		return (StoredCredentials) Proxy.newProxyInstance(StoredCredentials.class.getClassLoader(),
				new Class<?>[] { StoredCredentials.class }, (proxy, method, arguments) -> switch (method.getName()) {
					case "findById" -> Optional.ofNullable(rows.get((UUID) arguments[0]));
					default -> throw new UnsupportedOperationException(method.getName());
				});
	}

}
