package com.acme.aepexport.workflow;

import java.util.List;
import java.util.Set;

import org.springframework.stereotype.Component;

import com.acme.aepexport.adobe.PatchOperation;
import com.acme.aepexport.adobe.ProfileMapping;
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
	public Set<StepName> needs() {
		return Set.of(StepName.AUDIENCES, StepName.MAPPING_SET);
	}

	@Override
	public EntityRef run(StepContext context) {
		EntityRef mappingSet = context.ref(StepName.MAPPING_SET);
		return this.flowChange.apply(context, (flow) -> mappingSet.id().equals(flow.mappingId()),
				(flow) -> List.of(PatchOperation.add("/transformations/0/params/profileMapping",
						new ProfileMapping(mappingSet.id(), mappingSet.version()))));
	}

}
