package com.acme.aepexport.workflow;

import java.util.List;
import java.util.Map;

import com.acme.aepexport.adobe.AdobeRef;
import com.acme.aepexport.adobe.Sandbox;
import com.acme.aepexport.export.EntityRef;
import com.acme.aepexport.export.ExportId;
import com.acme.aepexport.export.ExportSpec;
import com.acme.aepexport.export.StepName;

/**
 * What a step sees: the export's spec and what the steps before it kept.
 *
 * @param done the refs of the steps that succeeded, as stored
 */
record StepContext(ExportId exportId, ExportSpec spec, Map<StepName, EntityRef> done) {

	/**
	 * The steps that change the flow, in the order they run; each sends the etag of the
	 * one before.
	 */
	private static final List<StepName> FLOW_CHANGES = List.of(StepName.DATAFLOW, StepName.AUDIENCES,
			StepName.ATTACH_MAPPING, StepName.MANDATORY_FIELDS, StepName.DEDUPLICATION_KEYS);

	StepContext {
		done = Map.copyOf(done);
	}

	Sandbox sandbox() {
		return new Sandbox(this.spec.sandbox());
	}

	EntityRef ref(StepName step) {
		EntityRef ref = this.done.get(step);
		if (ref == null) {
			throw new IllegalStateException("Export " + this.exportId + " has no result of " + step + " yet");
		}
		return ref;
	}

	/**
	 * The dataflow with the etag of the latest change made to it: flow PATCHes are
	 * serialized (each needs the one before), so this is the etag Adobe holds.
	 */
	AdobeRef flow() {
		String etag = FLOW_CHANGES.reversed()
			.stream()
			.filter(this.done::containsKey)
			.map((step) -> this.done.get(step).etag())
			.findFirst()
			.orElseThrow(() -> new IllegalStateException("Export " + this.exportId + " has no dataflow yet"));
		return new AdobeRef(ref(StepName.DATAFLOW).id(), etag);
	}

	/**
	 * The name of an entity this export creates in Adobe: readable in Adobe's UI and
	 * unique to the export and step, so that a create whose answer was lost can be found.
	 */
	String entityName(String what) {
		return this.spec.name() + " - " + what + " [" + this.exportId + "]";
	}

	String description() {
		return "Created by aep-export-facade for export " + this.exportId;
	}

}
