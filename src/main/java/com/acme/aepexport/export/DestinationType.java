package com.acme.aepexport.export;

import java.util.Arrays;

/**
 * The cloud-storage destinations an export can activate audiences to, one row each: the
 * name a caller gives as {@code type}, the name people read, the record that holds its
 * location and credentials, and the Adobe spec ids it is exported with unless
 * {@code exports.destinations} corrects them (docs/adobe-deviations.md, row 1). A seventh
 * destination is a row here, its record in {@link Destination} and its example body in
 * {@code openapi/examples/<row>.json}; the compiler then points at the cases that spell
 * it for Adobe.
 */
public enum DestinationType {

	AMAZON_S3("Amazon S3", Destination.AmazonS3.class, "4fce964d-3f37-408f-9778-e597338a21ee",
			"1a0514a6-33d4-4c7f-aff8-594799c47549"),
	AZURE_BLOB("Azure Blob Storage", Destination.AzureBlob.class, "6d6b59bf-fb58-4107-9064-4d246c0e5bb2",
			"752d422f-b16f-4f0d-b1c6-26e448e3b388"),
	ADLS_GEN2("Azure Data Lake Gen2", Destination.AdlsGen2.class, "be2c3209-53bc-47e7-ab25-145db8b873e1",
			"db060570-a155-418a-a6d3-b4d97698e5dc"),
	DATA_LANDING_ZONE("Data Landing Zone", Destination.DataLandingZone.class, "10440537-2a7b-4583-ac39-ed38d4b848e8",
			"7e635b9f-e59b-4546-8ba8-fce6496693c8"),
	GOOGLE_CLOUD_STORAGE("Google Cloud Storage", Destination.GoogleCloudStorage.class,
			"c5d93acb-ea8b-4b14-8f53-02138444ae99", "976d663b-80b4-4193-be6b-2d0487516623"),
	SFTP("SFTP", Destination.Sftp.class, "36965a81-b1c6-401b-99f8-22508f1e6a26",
			"fd36aaa4-bf2b-43fb-9387-43785eeeb799");

	private final String displayName;

	private final Class<? extends Destination> record;

	private final String connectionSpecId;

	private final String flowSpecId;

	DestinationType(String displayName, Class<? extends Destination> record, String connectionSpecId,
			String flowSpecId) {
		this.displayName = displayName;
		this.record = record;
		this.connectionSpecId = connectionSpecId;
		this.flowSpecId = flowSpecId;
	}

	public String displayName() {
		return this.displayName;
	}

	/** The record of a destination of this type (what a caller sends, and is stored). */
	public Class<? extends Destination> record() {
		return this.record;
	}

	/** The destination's connection spec in Adobe's catalog, unless configured. */
	public String connectionSpecId() {
		return this.connectionSpecId;
	}

	/** The audience (segment) flow spec, not the dataset one, unless configured. */
	public String flowSpecId() {
		return this.flowSpecId;
	}

	/** The row whose record {@code destination} is. */
	static DestinationType of(Destination destination) {
		return Arrays.stream(values())
			.filter((type) -> type.record == destination.getClass())
			.findFirst()
			.orElseThrow(() -> new IllegalStateException("No row for " + destination.getClass()));
	}

}
