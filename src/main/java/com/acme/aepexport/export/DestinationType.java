package com.acme.aepexport.export;

/**
 * The cloud-storage destinations an export can activate audiences to.
 */
public enum DestinationType {

	AMAZON_S3("Amazon S3"), AZURE_BLOB("Azure Blob Storage"), ADLS_GEN2("Azure Data Lake Gen2"),
	DATA_LANDING_ZONE("Data Landing Zone"), GOOGLE_CLOUD_STORAGE("Google Cloud Storage"), SFTP("SFTP");

	private final String displayName;

	DestinationType(String displayName) {
		this.displayName = displayName;
	}

	public String displayName() {
		return this.displayName;
	}

}
