package com.acme.aepexport.adobe;

import tools.jackson.databind.JsonNode;

/**
 * A target connection as Adobe holds it ({@code GET /targetConnections/{id}}): its etag,
 * and whether it has Adobe write a manifest file per run, to tell whether a change is
 * already there.
 */
public final class TargetConnection {

	private final String id;

	private final String etag;

	private final boolean fileManifest;

	TargetConnection(String id, String etag, JsonNode params) {
		this.id = id;
		this.etag = etag;
		this.fileManifest = AdobeTerms.writesFileManifest(params);
	}

	public String id() {
		return this.id;
	}

	public AdobeRef ref() {
		return new AdobeRef(this.id, this.etag);
	}

	/** Whether Adobe writes a manifest file with each run's files. */
	public boolean writesFileManifest() {
		return this.fileManifest;
	}

}
