package com.acme.aepexport.adobe;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * {@code POST /connections}: the destination's credentials ({@code auth}) and, for
 * encrypted files, the PGP public key ({@code encryption}, on the base connection as
 * Adobe's newer tutorial and migration guide put it). No {@code toString()} here shows a
 * secret.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record BaseConnectionRequest(String name, String description, Auth auth, Encryption encryption,
		SpecRef connectionSpec) {

	/**
	 * @param specName the {@code name} of one of the connection spec's {@code authSpec}
	 * entries
	 */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	public record Auth(String specName, AuthParams params) {

	}

	/** The {@code params} of one {@code authSpec}, in Adobe's spelling. */
	public sealed interface AuthParams {

	}

	/** Amazon S3, spec "Access Key". */
	public record S3AccessKey(String s3AccessKey, String s3SecretKey) implements AuthParams {

		@Override
		public String toString() {
			return "S3AccessKey[redacted]";
		}

	}

	/** Azure Blob Storage, spec "ConnectionString". */
	public record AzureConnectionString(String connectionString) implements AuthParams {

		@Override
		public String toString() {
			return "AzureConnectionString[redacted]";
		}

	}

	/** ADLS Gen2, spec "Azure Service Principal Auth". */
	public record AzureServicePrincipal(String url, String servicePrincipalId, String servicePrincipalKey,
			String tenant) implements AuthParams {

		@Override
		public String toString() {
			return "AzureServicePrincipal[redacted]";
		}

	}

	/** Google Cloud Storage, spec "Google Cloud Storage authentication credentials". */
	public record GcsAccessKey(String accessKeyId, String secretAccessKey) implements AuthParams {

		@Override
		public String toString() {
			return "GcsAccessKey[redacted]";
		}

	}

	/** SFTP, spec "SFTP with Password". */
	public record SftpPassword(String domain, String username, String password) implements AuthParams {

		@Override
		public String toString() {
			return "SftpPassword[redacted]";
		}

	}

	/** SFTP, spec "SFTP with SSH Key"; {@code sshKey} is base64. */
	public record SftpSshKey(String domain, String username, String sshKey) implements AuthParams {

		@Override
		public String toString() {
			return "SftpSshKey[redacted]";
		}

	}

	public record Encryption(String specName, EncryptionParams params) {

		/**
		 * The literals of Adobe's newer tutorial and migration guide (adobe-api-notes.md
		 * §8.3).
		 */
		public static Encryption pgp(String publicKey) {
			return new Encryption("File Encryption", new EncryptionParams("PGP/GPG", publicKey));
		}

	}

	public record EncryptionParams(String encryptionAlgo, String publicKey) {

	}

}
