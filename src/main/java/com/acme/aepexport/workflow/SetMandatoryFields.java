package com.acme.aepexport.workflow;

import java.util.List;
import java.util.Set;

import org.springframework.stereotype.Component;

import com.acme.aepexport.adobe.PatchOperation;
import com.acme.aepexport.export.EntityRef;
import com.acme.aepexport.export.ExportSpec;
import com.acme.aepexport.export.StepName;

/**
 * Marks fields every exported profile must have. A PATCH of the flow, not of
 * {@code /runs} as the tutorial shows.
 */
@Component
class SetMandatoryFields implements Step {

	private final FlowChange flowChange;

	SetMandatoryFields(FlowChange flowChange) {
		this.flowChange = flowChange;
	}

	@Override
	public StepName name() {
		return StepName.MANDATORY_FIELDS;
	}

	@Override
	public Set<StepName> needs() {
		return Set.of(StepName.ATTACH_MAPPING);
	}

	@Override
	public boolean appliesTo(ExportSpec spec) {
		return !spec.mandatoryFields().isEmpty();
	}

	@Override
	public EntityRef run(StepContext context) {
		List<String> fields = context.spec().mandatoryFields();
		return this.flowChange.apply(context, (flow) -> Set.copyOf(flow.mandatoryFields()).equals(Set.copyOf(fields)),
				(flow) -> List.of(PatchOperation.add("/transformations/0/params/mandatoryFields", fields)));
	}

}
