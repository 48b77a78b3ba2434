package com.acme.aepexport.export;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * What Adobe needs to write to a destination. Held encrypted until the base connection
 * exists, then deleted. Every {@code toString()} is redacted so that no log line,
 * exception message or debugger view shows a secret.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
@JsonSubTypes({ @JsonSubTypes.Type(value = Credentials.AccessKey.class, name = "ACCESS_KEY"),
		@JsonSubTypes.Type(value = Credentials.ConnectionString.class, name = "CONNECTION_STRING"),
		@JsonSubTypes.Type(value = Credentials.ServicePrincipal.class, name = "SERVICE_PRINCIPAL"),
		@JsonSubTypes.Type(value = Credentials.SftpPassword.class, name = "SFTP_PASSWORD"),
		@JsonSubTypes.Type(value = Credentials.SftpSshKey.class, name = "SFTP_SSH_KEY"),
		@JsonSubTypes.Type(value = Credentials.None.class, name = "NONE") })
public sealed interface Credentials {

	String REDACTED = "[redacted]";

	/** The values that must never be shown: keys, passwords, connection strings. */
	List<String> secrets();

	/**
	 * The same credentials with each of their {@link #secrets()} as {@link #REDACTED}:
	 * what a plan shows of the base connection it would make.
	 */
	Credentials redacted();

	/** Amazon S3 and Google Cloud Storage HMAC keys. */
	record AccessKey(String accessKeyId, String secretAccessKey) implements Credentials {

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
	record ConnectionString(String connectionString) implements Credentials {

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
	record ServicePrincipal(String url, String servicePrincipalId, String servicePrincipalKey,
			String tenant) implements Credentials {

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

	record SftpPassword(String domain, String username, String password) implements Credentials {

		@Override
		public List<String> secrets() {
			return List.of(this.password);
		}

		@Override
		public SftpPassword redacted() {
			return new SftpPassword(this.domain, this.username, REDACTED);
		}

		@Override
		public String toString() {
			return "SftpPassword" + REDACTED;
		}

	}

	/** {@code sshKey} is the base64 of the private key, as Adobe takes it. */
	record SftpSshKey(String domain, String username, String sshKey) implements Credentials {

		@Override
		public List<String> secrets() {
			return List.of(this.sshKey);
		}

		@Override
		public SftpSshKey redacted() {
			return new SftpSshKey(this.domain, this.username, REDACTED);
		}

		@Override
		public String toString() {
			return "SftpSshKey" + REDACTED;
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
