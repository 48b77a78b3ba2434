package com.acme.aepexport.export;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * Where the files go. Credentials are not part of it: they travel apart, encrypted, and
 * are deleted once Adobe holds them (see {@link Credentials}).
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({ @JsonSubTypes.Type(value = Destination.AmazonS3.class, name = "AMAZON_S3"),
		@JsonSubTypes.Type(value = Destination.AzureBlob.class, name = "AZURE_BLOB"),
		@JsonSubTypes.Type(value = Destination.AdlsGen2.class, name = "ADLS_GEN2"),
		@JsonSubTypes.Type(value = Destination.DataLandingZone.class, name = "DATA_LANDING_ZONE"),
		@JsonSubTypes.Type(value = Destination.GoogleCloudStorage.class, name = "GOOGLE_CLOUD_STORAGE"),
		@JsonSubTypes.Type(value = Destination.Sftp.class, name = "SFTP") })
public sealed interface Destination {

	DestinationType type();

	/** The folder path inside the destination. */
	String path();

	record AmazonS3(String bucket, String path) implements Destination {

		@Override
		public DestinationType type() {
			return DestinationType.AMAZON_S3;
		}

	}

	record AzureBlob(String container, String path) implements Destination {

		@Override
		public DestinationType type() {
			return DestinationType.AZURE_BLOB;
		}

	}

	record AdlsGen2(String path) implements Destination {

		@Override
		public DestinationType type() {
			return DestinationType.ADLS_GEN2;
		}

	}

	record DataLandingZone(String path) implements Destination {

		@Override
		public DestinationType type() {
			return DestinationType.DATA_LANDING_ZONE;
		}

	}

	record GoogleCloudStorage(String bucket, String path) implements Destination {

		@Override
		public DestinationType type() {
			return DestinationType.GOOGLE_CLOUD_STORAGE;
		}

	}

	record Sftp(String path) implements Destination {

		@Override
		public DestinationType type() {
			return DestinationType.SFTP;
		}

	}

}
