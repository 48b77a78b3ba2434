package com.acme.aepexport.api;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import io.swagger.v3.oas.annotations.media.DiscriminatorMapping;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import com.acme.aepexport.export.Credentials;
import com.acme.aepexport.export.Destination;
import com.acme.aepexport.export.DestinationType;

/**
 * Where to export, polymorphic on {@code type}. Field names are ours; the workflow maps
 * them to Adobe's. Credentials are write-only.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({ @JsonSubTypes.Type(value = DestinationRequest.AmazonS3.class, name = "AMAZON_S3"),
		@JsonSubTypes.Type(value = DestinationRequest.AzureBlob.class, name = "AZURE_BLOB"),
		@JsonSubTypes.Type(value = DestinationRequest.AdlsGen2.class, name = "ADLS_GEN2"),
		@JsonSubTypes.Type(value = DestinationRequest.DataLandingZone.class, name = "DATA_LANDING_ZONE"),
		@JsonSubTypes.Type(value = DestinationRequest.GoogleCloudStorage.class, name = "GOOGLE_CLOUD_STORAGE"),
		@JsonSubTypes.Type(value = DestinationRequest.Sftp.class, name = "SFTP") })
@Schema(name = "Destination", description = "Where the files go; `type` says which kind of destination.",
		oneOf = { DestinationRequest.AmazonS3.class, DestinationRequest.AzureBlob.class,
				DestinationRequest.AdlsGen2.class, DestinationRequest.DataLandingZone.class,
				DestinationRequest.GoogleCloudStorage.class, DestinationRequest.Sftp.class },
		discriminatorProperty = "type",
		discriminatorMapping = { @DiscriminatorMapping(value = "AMAZON_S3", schema = DestinationRequest.AmazonS3.class),
				@DiscriminatorMapping(value = "AZURE_BLOB", schema = DestinationRequest.AzureBlob.class),
				@DiscriminatorMapping(value = "ADLS_GEN2", schema = DestinationRequest.AdlsGen2.class),
				@DiscriminatorMapping(value = "DATA_LANDING_ZONE", schema = DestinationRequest.DataLandingZone.class),
				@DiscriminatorMapping(value = "GOOGLE_CLOUD_STORAGE",
						schema = DestinationRequest.GoogleCloudStorage.class),
				@DiscriminatorMapping(value = "SFTP", schema = DestinationRequest.Sftp.class) })
sealed interface DestinationRequest {

	DestinationType type();

	Destination toDestination();

	Credentials toCredentials();

	@Schema(name = "AmazonS3Destination")
	record AmazonS3(@NotBlank @Size(min = 1, max = 255) String bucket, @NotBlank @Size(min = 1, max = 1024) String path,
			@NotNull @Valid AccessKeyCredentials credentials) implements DestinationRequest {

		@Override
		public DestinationType type() {
			return DestinationType.AMAZON_S3;
		}

		@Override
		public Destination toDestination() {
			return new Destination.AmazonS3(this.bucket, this.path);
		}

		@Override
		public Credentials toCredentials() {
			return this.credentials.toCredentials();
		}

	}

	@Schema(name = "AzureBlobDestination")
	record AzureBlob(@NotBlank @Size(min = 1, max = 255) String container,
			@NotBlank @Size(min = 1, max = 1024) String path,
			@NotNull @Valid ConnectionStringCredentials credentials) implements DestinationRequest {

		@Override
		public DestinationType type() {
			return DestinationType.AZURE_BLOB;
		}

		@Override
		public Destination toDestination() {
			return new Destination.AzureBlob(this.container, this.path);
		}

		@Override
		public Credentials toCredentials() {
			return new Credentials.ConnectionString(this.credentials.connectionString());
		}

	}

	@Schema(name = "AdlsGen2Destination")
	record AdlsGen2(@NotBlank @Size(min = 1, max = 1024) String path,
			@NotNull @Valid ServicePrincipalCredentials credentials) implements DestinationRequest {

		@Override
		public DestinationType type() {
			return DestinationType.ADLS_GEN2;
		}

		@Override
		public Destination toDestination() {
			return new Destination.AdlsGen2(this.path);
		}

		@Override
		public Credentials toCredentials() {
			return new Credentials.ServicePrincipal(this.credentials.url(), this.credentials.servicePrincipalId(),
					this.credentials.servicePrincipalKey(), this.credentials.tenant());
		}

	}

	@Schema(name = "DataLandingZoneDestination",
			description = "Adobe provisions the storage of the Data Landing Zone, so it needs no credentials.")
	record DataLandingZone(@NotBlank @Size(min = 1, max = 1024) String path) implements DestinationRequest {

		@Override
		public DestinationType type() {
			return DestinationType.DATA_LANDING_ZONE;
		}

		@Override
		public Destination toDestination() {
			return new Destination.DataLandingZone(this.path);
		}

		@Override
		public Credentials toCredentials() {
			return new Credentials.None();
		}

	}

	@Schema(name = "GoogleCloudStorageDestination")
	record GoogleCloudStorage(@NotBlank @Size(min = 1, max = 255) String bucket,
			@NotBlank @Size(min = 1, max = 1024) String path,
			@NotNull @Valid AccessKeyCredentials credentials) implements DestinationRequest {

		@Override
		public DestinationType type() {
			return DestinationType.GOOGLE_CLOUD_STORAGE;
		}

		@Override
		public Destination toDestination() {
			return new Destination.GoogleCloudStorage(this.bucket, this.path);
		}

		@Override
		public Credentials toCredentials() {
			return this.credentials.toCredentials();
		}

	}

	@Schema(name = "SftpDestination")
	record Sftp(@NotBlank @Size(min = 1, max = 1024) String path,
			@NotNull @Valid SftpCredentials credentials) implements DestinationRequest {

		@Override
		public DestinationType type() {
			return DestinationType.SFTP;
		}

		@Override
		public Destination toDestination() {
			return new Destination.Sftp(this.path);
		}

		@Override
		public Credentials toCredentials() {
			return (this.credentials.sshKey() != null)
					? new Credentials.SftpSshKey(this.credentials.domain(), this.credentials.username(),
							this.credentials.sshKey())
					: new Credentials.SftpPassword(this.credentials.domain(), this.credentials.username(),
							this.credentials.password());
		}

	}

	@Schema(name = "AccessKeyCredentials", accessMode = Schema.AccessMode.WRITE_ONLY,
			description = "HMAC access key (Amazon S3, Google Cloud Storage).")
	record AccessKeyCredentials(@NotBlank @Size(min = 1, max = 256) String accessKeyId,
			@NotBlank @Size(min = 1, max = 1024) @Schema(format = "password") String secretAccessKey) {

		Credentials toCredentials() {
			return new Credentials.AccessKey(this.accessKeyId, this.secretAccessKey);
		}

		@Override
		public String toString() {
			return "AccessKeyCredentials" + Credentials.REDACTED;
		}

	}

	@Schema(name = "ConnectionStringCredentials", accessMode = Schema.AccessMode.WRITE_ONLY)
	record ConnectionStringCredentials(
			@NotBlank @Size(min = 1, max = 4096) @Schema(format = "password") String connectionString) {

		@Override
		public String toString() {
			return "ConnectionStringCredentials" + Credentials.REDACTED;
		}

	}

	@Schema(name = "ServicePrincipalCredentials", accessMode = Schema.AccessMode.WRITE_ONLY)
	record ServicePrincipalCredentials(@NotBlank @Size(min = 1, max = 2048) String url,
			@NotBlank @Size(min = 1, max = 256) String servicePrincipalId,
			@NotBlank @Size(min = 1, max = 1024) @Schema(format = "password") String servicePrincipalKey,
			@NotBlank @Size(min = 1, max = 256) String tenant) {

		@Override
		public String toString() {
			return "ServicePrincipalCredentials" + Credentials.REDACTED;
		}

	}

	@Schema(name = "SftpCredentials", accessMode = Schema.AccessMode.WRITE_ONLY,
			description = "Give either `password` or `sshKey` (the base64 of the private key).")
	@CrossFieldRules
	record SftpCredentials(@NotBlank @Size(min = 1, max = 255) String domain,
			@NotBlank @Size(min = 1, max = 255) String username,
			@Size(max = 1024) @Schema(format = "password") String password,
			@Base64Text @Size(max = 32_768) @Schema(format = "password",
					description = "base64 of the private SSH key") String sshKey)
			implements
				CrossFieldRules.Checked {

		@Override
		public void check(CrossFieldRules.Violations violations) {
			if ((this.password == null) == (this.sshKey == null)) {
				violations.reject("password", "give either password or sshKey");
			}
		}

		@Override
		public String toString() {
			return "SftpCredentials" + Credentials.REDACTED;
		}

	}

}
