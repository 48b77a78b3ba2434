package com.acme.aepexport.adobe;

import java.util.List;

/**
 * A change of one of Adobe's entities, sent as JSON Patch operations ({@code PATCH} with
 * {@code If-Match}): what the entity lacks of the change, computed against it as Adobe
 * holds it, and empty when it carries the change already.
 */
public abstract sealed class JsonPatch permits FlowPatch, TargetConnectionPatch {

	private final List<PatchOperation> operations;

	JsonPatch(List<PatchOperation> operations) {
		this.operations = List.copyOf(operations);
	}

	/** Whether the entity carries the change already: nothing to send. */
	public boolean isEmpty() {
		return this.operations.isEmpty();
	}

	List<PatchOperation> operations() {
		return this.operations;
	}

	@Override
	public String toString() {
		return this.operations.toString();
	}

}
