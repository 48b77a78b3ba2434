package com.acme.aepexport.adobe;

import lombok.AccessLevel;
import lombok.RequiredArgsConstructor;
import tools.jackson.databind.JsonNode;

import com.acme.aepexport.export.Destination;
import com.acme.aepexport.export.DestinationType;
import com.acme.aepexport.export.ExportSpec.FileSettings;

/**
 * A source, target or base connection as Adobe holds it ({@code GET}), read for an export
 * that adopts a dataflow built elsewhere: its etag, its connection spec, and, for a
 * target connection, where and how files are written, in an export's terms. Never
 * credentials.
 */
@RequiredArgsConstructor(access = AccessLevel.PACKAGE)
public final class AdobeConnection implements AdobeEntity {

	private final AdobeRef ref;

	private final String connectionSpecId;

	private final String baseConnectionId;

	private final JsonNode params;

	private final String publicKey;

	@Override
	public AdobeRef ref() {
		return this.ref;
	}

	/** {@code null} when Adobe names none. */
	public String connectionSpecId() {
		return this.connectionSpecId;
	}

	/**
	 * A target connection's base connection ({@code baseConnectionId}, or
	 * {@code inheritedAttributes.baseConnection.id} as FS-REF spells it); {@code null}
	 * when Adobe names none.
	 */
	public String baseConnectionId() {
		return this.baseConnectionId;
	}

	/**
	 * A base connection's PGP public key ({@code encryption.params.publicKey}), with
	 * which files are encrypted; {@code null} for plain files.
	 */
	public String pgpPublicKey() {
		return this.publicKey;
	}

	/**
	 * A target connection's location, as the destination of an export of that type: a
	 * value Adobe leaves out is {@code null}.
	 */
	public Destination destination(DestinationType type) {
		return AdobeTerms.destination(type, this.params);
	}

	/**
	 * A target connection's file settings; one Adobe leaves out, or gives a value an
	 * export does not know, is {@code null}.
	 * @param pgpPublicKey the base connection's, or {@code null}
	 */
	public FileSettings file(String pgpPublicKey) {
		return AdobeTerms.file(this.params, pgpPublicKey);
	}

	/**
	 * Whether a target connection has Adobe write a manifest file with each run's files.
	 */
	public boolean writesFileManifest() {
		return AdobeTerms.writesFileManifest(this.params);
	}

}
