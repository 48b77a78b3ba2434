package com.acme.aepexport.export;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import com.fasterxml.jackson.annotation.JacksonAnnotationsInside;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * Where the files go, one record per {@link DestinationType} (whose rows name them for
 * JSON, see {@link DestinationTypeNames}): its location, and the credentials Adobe needs
 * to write there, with the rules a caller's request is checked against. The credentials
 * are write-only: read from a request, never written to JSON, so the stored spec holds
 * none; they travel apart, encrypted, and are deleted once Adobe holds them (see
 * {@link CredentialVault}). A destination read back from storage or from Adobe has
 * {@code null} credentials, except the Data Landing Zone's, which are always
 * {@link Credentials#NONE}.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@Schema(name = "Destination", description = "Where the files go; `type` says which kind of destination.")
public sealed interface Destination {

	/** Bounds of a location's fields, as the API states them. */
	int MAX_NAME = 255;

	int MAX_PATH = 1024;

	default DestinationType type() {
		return DestinationType.of(this);
	}

	/** The folder path inside the destination. */
	String path();

	/**
	 * What Adobe needs to write here; {@code null} once read back (only a new export
	 * carries them), except {@link Credentials#NONE} for a destination that needs none.
	 */
	Credentials credentials();

	/**
	 * A destination's credentials in JSON: read, never written, so no stored or answered
	 * JSON holds them.
	 */
	@Target({ ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER })
	@Retention(RetentionPolicy.RUNTIME)
	@JacksonAnnotationsInside
	@JsonProperty(access = JsonProperty.Access.WRITE_ONLY)
	@interface WriteOnly {

	}

	@Schema(name = "AmazonS3Destination")
	record AmazonS3(@NotBlank @Size(min = 1, max = MAX_NAME) String bucket,
			@NotBlank @Size(min = 1, max = MAX_PATH) String path,
			@NotNull @Valid @WriteOnly Credentials.AccessKey credentials) implements Destination {

	}

	@Schema(name = "AzureBlobDestination")
	record AzureBlob(@NotBlank @Size(min = 1, max = MAX_NAME) String container,
			@NotBlank @Size(min = 1, max = MAX_PATH) String path,
			@NotNull @Valid @WriteOnly Credentials.ConnectionString credentials) implements Destination {

	}

	@Schema(name = "AdlsGen2Destination")
	record AdlsGen2(@NotBlank @Size(min = 1, max = MAX_PATH) String path,
			@NotNull @Valid @WriteOnly Credentials.ServicePrincipal credentials) implements Destination {

	}

	@Schema(name = "DataLandingZoneDestination",
			description = "Adobe provisions the storage of the Data Landing Zone, so it needs no credentials.")
	record DataLandingZone(@NotBlank @Size(min = 1, max = MAX_PATH) String path) implements Destination {

		@Override
		public Credentials credentials() {
			return Credentials.NONE;
		}

	}

	@Schema(name = "GoogleCloudStorageDestination")
	record GoogleCloudStorage(@NotBlank @Size(min = 1, max = MAX_NAME) String bucket,
			@NotBlank @Size(min = 1, max = MAX_PATH) String path,
			@NotNull @Valid @WriteOnly Credentials.AccessKey credentials) implements Destination {

	}

	@Schema(name = "SftpDestination")
	record Sftp(@NotBlank @Size(min = 1, max = MAX_PATH) String path,
			@NotNull @Valid @WriteOnly Credentials.Sftp credentials) implements Destination {

	}

}
