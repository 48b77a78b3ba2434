package com.acme.aepexport.adobe;

import java.util.List;

/**
 * A change of a target connection, in an export's terms, sent in Adobe's: JSON Patch
 * operations on its {@code params} ({@code PATCH /targetConnections/{id}}, FS-REF
 * {@code patchTargetConnection}). Like {@link FlowPatch}, what the target connection
 * lacks of the change, computed against it as Adobe holds it, and empty when it carries
 * the change already.
 */
public final class TargetConnectionPatch extends JsonPatch {

	private static final String PARAMS = "/params";

	private TargetConnectionPatch(List<PatchOperation> operations) {
		super(operations);
	}

	/**
	 * Has Adobe write a manifest file per run, or stop: {@code add} of
	 * {@code /params/includeFileManifest}, as Adobe's tutorial shows it, with
	 * {@code false} to stop (an {@code add} replaces a member that is there).
	 */
	public static TargetConnectionPatch fileManifest(AdobeConnection current, boolean manifest) {
		if (current != null && current.writesFileManifest() == manifest) {
			return new TargetConnectionPatch(List.of());
		}
		return new TargetConnectionPatch(
				List.of(PatchOperation.add(PARAMS + "/" + AdobeTerms.FILE_MANIFEST, manifest)));
	}

}
