package com.acme.aepexport.export;

import java.util.EnumMap;
import java.util.Map;

/**
 * A dataflow built elsewhere (in Adobe's UI, by another tool), as an export adopts it:
 * the spec read back from Adobe, and the Adobe entity each step stands for.
 *
 * @param owner the caller who adopts it; only they, or an admin, see the export
 * @param entities per step, the entity the dataflow has, with the etag or version Adobe
 * holds now; a step without one is {@code SKIPPED}. The dataflow's is required.
 * @param dataflowState as Adobe holds the dataflow, or {@code null} when Adobe says it is
 * neither enabled nor disabled (the export then shows it as a new one, enabled)
 */
public record Adoption(String owner, ExportSpec spec, Map<StepName, EntityRef> entities, DataflowState dataflowState) {

	public Adoption {
		if (owner == null || owner.isBlank()) {
			throw new IllegalArgumentException("an export needs an owner");
		}
		if (spec.sandbox() == null) {
			throw new IllegalArgumentException("an adopted dataflow is in a sandbox");
		}
		EntityRef flow = entities.get(StepName.DATAFLOW);
		if (flow == null || flow.id() == null) {
			throw new IllegalArgumentException("an adoption needs the dataflow");
		}
		entities = Map.copyOf(new EnumMap<>(entities));
	}

	/** The adopted dataflow's id. */
	public String flowId() {
		return this.entities.get(StepName.DATAFLOW).id();
	}

}
