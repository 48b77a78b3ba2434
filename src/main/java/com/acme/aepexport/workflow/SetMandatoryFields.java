package com.acme.aepexport.workflow;

import java.util.List;

import org.springframework.stereotype.Component;

import com.acme.aepexport.adobe.FlowPatch;
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
	public boolean appliesTo(ExportSpec spec) {
		return !spec.mandatoryFields().isEmpty();
	}

	@Override
	public EntityRef run(StepContext context) {
		List<String> fields = context.spec().mandatoryFields();
		return this.flowChange.apply(context, (flow) -> FlowPatch.mandatoryFields(flow, fields));
	}

}
