package com.acme.aepexport.workflow;

import org.springframework.stereotype.Component;

import com.acme.aepexport.adobe.FlowPatch;
import com.acme.aepexport.export.EntityRef;
import com.acme.aepexport.export.StepName;

/**
 * Attaches the mapping set to the dataflow. It waits for the audiences, not because it
 * uses them, but because PATCHes of one flow must follow each other, each sending the
 * etag the previous one returned.
 */
@Component
class AttachMapping implements Step {

	private final FlowChange flowChange;

	AttachMapping(FlowChange flowChange) {
		this.flowChange = flowChange;
	}

	@Override
	public StepName name() {
		return StepName.ATTACH_MAPPING;
	}

	@Override
	public EntityRef run(StepContext context) {
		EntityRef mappingSet = context.ref(StepName.MAPPING_SET);
		return this.flowChange.apply(context,
				(flow) -> FlowPatch.attachMapping(flow, mappingSet.id(), mappingSet.version()));
	}

}
