package com.acme.aepexport.export;

import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/**
 * What Adobe needs to write to a destination, one record per kind, with the rules a
 * caller's request is checked against. Held encrypted until the base connection exists,
 * then deleted (stored with their kind, see {@link CredentialKinds}). Every
 * {@code toString()} is redacted so that no log line, exception message or debugger view
 * shows a secret.
 */
public sealed interface Credentials {

	String REDACTED = "[redacted]";

	/** The Data Landing Zone's: Adobe provisions the storage. */
	Credentials NONE = new None();

	/** The values that must never be shown: keys, passwords, connection strings. */
	List<String> secrets();

	/**
	 * The same credentials with each of their {@link #secrets()} as {@link #REDACTED}:
	 * what a plan shows of the base connection it would make.
	 */
	Credentials redacted();

	/** Amazon S3 and Google Cloud Storage HMAC keys. */
	@Schema(name = "AccessKeyCredentials", accessMode = Schema.AccessMode.WRITE_ONLY,
			description = "HMAC access key (Amazon S3, Google Cloud Storage).")
	record AccessKey(@NotBlank @Size(min = 1, max = 256) String accessKeyId,
			@NotBlank @Size(min = 1, max = 1024) @Schema(format = "password") String secretAccessKey)
			implements
				Credentials {

		@Override
		public List<String> secrets() {
			return List.of(this.accessKeyId, this.secretAccessKey);
		}

		@Override
		public AccessKey redacted() {
			return new AccessKey(REDACTED, REDACTED);
		}

		@Override
		public String toString() {
			return "AccessKey" + REDACTED;
		}

	}

	/** Azure Blob Storage. */
	@Schema(name = "ConnectionStringCredentials", accessMode = Schema.AccessMode.WRITE_ONLY)
	record ConnectionString(@NotBlank @Size(min = 1, max = 4096) @Schema(format = "password") String connectionString)
			implements
				Credentials {

		@Override
		public List<String> secrets() {
			return List.of(this.connectionString);
		}

		@Override
		public ConnectionString redacted() {
			return new ConnectionString(REDACTED);
		}

		@Override
		public String toString() {
			return "ConnectionString" + REDACTED;
		}

	}

	/** Azure Data Lake Gen2. */
	@Schema(name = "ServicePrincipalCredentials", accessMode = Schema.AccessMode.WRITE_ONLY)
	record ServicePrincipal(@NotBlank @Size(min = 1, max = 2048) String url,
			@NotBlank @Size(min = 1, max = 256) String servicePrincipalId,
			@NotBlank @Size(min = 1, max = 1024) @Schema(format = "password") String servicePrincipalKey,
			@NotBlank @Size(min = 1, max = 256) String tenant) implements Credentials {

		@Override
		public List<String> secrets() {
			return List.of(this.servicePrincipalKey);
		}

		@Override
		public ServicePrincipal redacted() {
			return new ServicePrincipal(this.url, this.servicePrincipalId, REDACTED, this.tenant);
		}

		@Override
		public String toString() {
			return "ServicePrincipal" + REDACTED;
		}

	}

	/**
	 * SFTP, with either a password or an SSH key: {@code sshKey} is the base64 of the
	 * private key, as Adobe takes it. Stored as the kind it is ({@code SFTP_PASSWORD} or
	 * {@code SFTP_SSH_KEY}), as before both were one record.
	 */
	@Schema(name = "SftpCredentials", accessMode = Schema.AccessMode.WRITE_ONLY,
			description = "Give either `password` or `sshKey` (the base64 of the private key).")
	@CrossFieldRules
	record Sftp(@NotBlank @Size(min = 1, max = 255) String domain, @NotBlank @Size(min = 1, max = 255) String username,
			@Size(max = 1024) @Schema(format = "password") String password,
			@Base64Text @Size(max = 32_768) @Schema(format = "password",
					description = "base64 of the private SSH key") String sshKey)
			implements
				Credentials,
				CrossFieldRules.Checked {

		@Override
		public void check(CrossFieldRules.Violations violations) {
			if ((this.password == null) == (this.sshKey == null)) {
				violations.reject("password", "give either password or sshKey");
			}
		}

		/** Whether Adobe is to be given the SSH key (rather than the password). */
		public boolean usesSshKey() {
			return this.sshKey != null;
		}

		@Override
		public List<String> secrets() {
			return Stream.of(this.password, this.sshKey).filter(Objects::nonNull).toList();
		}

		@Override
		public Sftp redacted() {
			return new Sftp(this.domain, this.username, (this.password != null) ? REDACTED : null,
					(this.sshKey != null) ? REDACTED : null);
		}

		@Override
		public String toString() {
			return "Sftp" + REDACTED;
		}

	}

	/** Data Landing Zone: Adobe provisions the storage, nothing to authenticate. */
	record None() implements Credentials {

		@Override
		public List<String> secrets() {
			return List.of();
		}

		@Override
		public None redacted() {
			return this;
		}

	}

}
