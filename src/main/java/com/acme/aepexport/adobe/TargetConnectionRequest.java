package com.acme.aepexport.adobe;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * {@code POST /targetConnections}: where the files land and what they look like.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record TargetConnectionRequest(String name, String description, String baseConnectionId, Params params,
		SpecRef connectionSpec) {

	/**
	 * The {@code targetSpec} parameters. Each destination uses its own location fields:
	 * {@code bucketName} + {@code path} (S3, GCS), {@code container} + {@code path}
	 * (Azure Blob), {@code path} (ADLS Gen2, Data Landing Zone), {@code remotePath}
	 * (SFTP).
	 *
	 * @param includeFileManifest {@code true} to have Adobe write a manifest file per
	 * run; left out otherwise (see docs/adobe-deviations.md: Adobe shows it only as a
	 * later PATCH)
	 */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	public record Params(String mode, String bucketName, String container, String path, String remotePath,
			String fileType, String compression, CsvOptions csvOptions, Boolean includeFileManifest) {

		/** The only mode the file-based destinations know. */
		public static final String SERVER_TO_SERVER = "Server-to-server";

	}

	/** Empty strings are meaningful here ({@code quote: ""} is the NUL character). */
	public record CsvOptions(String delimiter, String quote, String escape, String nullValue, String emptyValue) {

	}

}
