package com.acme.aepexport.adobe;

import java.util.Map;
import java.util.Optional;

/**
 * What Adobe's documents say a connection spec or flow spec id is, beyond the
 * destinations an export runs (those are configuration, {@code exports.destinations}):
 * enough to tell a dataflow built elsewhere apart from a file-based audience export, and
 * to say what it is instead. Sources: adobe-api-notes.md, §7.2 (Profile Store, Data
 * Lake), §8.1 (MIGRATION's legacy cards) and §8.2 (DEST-REF {@code FlowSpec_V2}'s dataset
 * flow specs); FS-REF's flow spec example for the Data Lake as a source dataflow's
 * target.
 */
public final class DocumentedSpecs {

	/** The Profile Store: the source of every audience dataflow. */
	public static final String PROFILE_STORE = SourceConnectionRequest.PROFILE_STORE_SPEC_ID;

	/** The Experience Platform Data Lake as a source: the source of dataset exports. */
	public static final String DATA_LAKE_SOURCE = "23598e46-f560-407b-88d5-ea6207e49db0";

	/** The Experience Platform Data Lake as a target: where source dataflows write. */
	public static final String DATA_LAKE_TARGET = "c604ff05-7f1a-43c0-8e18-33bf874cb11c";

	/** DEST-REF {@code FlowSpec_V2}: the flow specs it labels "Dataset", by id. */
	private static final Map<String, String> DATASET_FLOW_SPECS = Map.of("269ba276-16fc-47db-92b0-c1049a3c131f",
			"Amazon S3 - Dataset", "354d6aad-4754-46e4-a576-1b384561c440", "SFTP - Dataset",
			"95bd8965-fc8a-4119-b9c3-944c2c2df6d2", "Azure Blob Storage - Dataset",
			"585c15c4-6cbf-4126-8f87-e26bff78b657", "Google Cloud Storage - Dataset",
			"cd2fc47e-e838-4f38-a581-8fff2f99b63a", "Data Landing Zone - Dataset",
			"17be2013-2549-41ce-96e7-a70363bec293", "Azure Data Lake Gen2 - Dataset");

	/** MIGRATION: the cloud-storage destinations the new ones replaced, by id. */
	private static final Map<String, String> LEGACY_CONNECTION_SPECS = Map.of("4890fc95-5a1f-4983-94bb-e060c08e3f81",
			"Amazon S3 (legacy)", "e258278b-a4cf-43ac-b158-4fa0ca0d948b", "Azure Blob Storage (legacy)",
			"64ef4b8b-a6e0-41b5-9677-3805d1ee5dd0", "SFTP (legacy)");

	/** MIGRATION: the one flow spec of the legacy cloud-storage destinations. */
	private static final String LEGACY_FLOW_SPEC = "71471eba-b620-49e4-90fd-23f1fa0174d8";

	private DocumentedSpecs() {
	}

	/** DEST-REF's label of a dataset flow spec, e.g. {@code Amazon S3 - Dataset}. */
	public static Optional<String> datasetFlowSpec(String flowSpecId) {
		return Optional.ofNullable((flowSpecId != null) ? DATASET_FLOW_SPECS.get(flowSpecId) : null);
	}

	/**
	 * What a legacy cloud-storage connection spec is, e.g. {@code Amazon S3 (legacy)}.
	 */
	public static Optional<String> legacyDestination(String connectionSpecId) {
		return Optional.ofNullable((connectionSpecId != null) ? LEGACY_CONNECTION_SPECS.get(connectionSpecId) : null);
	}

	/** Whether the flow spec is the legacy cloud-storage destinations'. */
	public static boolean isLegacyFlowSpec(String flowSpecId) {
		return LEGACY_FLOW_SPEC.equals(flowSpecId);
	}

}
