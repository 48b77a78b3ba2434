package com.acme.aepexport.workflow;

/**
 * What an Adobe dataflow is, as far as its flow spec and connection specs tell (Adobe's
 * documents and {@code exports.destinations}): only an {@link #AUDIENCE_FILE_EXPORT} can
 * be adopted as an export.
 */
public enum DataflowKind {

	/**
	 * Audiences from the Profile Store to one of the file-based cloud-storage
	 * destinations {@code exports.destinations} names, with its audience flow spec: what
	 * this service runs.
	 */
	AUDIENCE_FILE_EXPORT,
	/** Datasets from the Data Lake to a destination: not audiences. */
	DATASET_EXPORT,
	/** A source dataflow: it brings data into Experience Platform. */
	SOURCE_DATAFLOW,
	/**
	 * Audiences to a legacy cloud-storage destination, which Adobe replaced with the ones
	 * this service exports to.
	 */
	LEGACY_FILE_EXPORT,
	/**
	 * Audiences to a destination {@code exports.destinations} does not name: a streaming,
	 * social, advertising or e-mail destination, for instance.
	 */
	OTHER_DESTINATION,
	/** Neither Adobe's documents nor the configuration tell what it is. */
	UNKNOWN

}
