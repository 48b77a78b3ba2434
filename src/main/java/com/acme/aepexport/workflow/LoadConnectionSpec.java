package com.acme.aepexport.workflow;

import org.springframework.stereotype.Component;

import com.acme.aepexport.adobe.FlowServiceClient;
import com.acme.aepexport.export.EntityRef;
import com.acme.aepexport.export.StepName;

/**
 * Reads the destination's connection spec: it has to exist before credentials are sent,
 * and its partner schema is the output schema. Cached by the client, so the steps that
 * use it later read it for free.
 */
@Component
class LoadConnectionSpec implements Step {

	private final FlowServiceClient flowService;

	private final DestinationCatalog catalog;

	LoadConnectionSpec(FlowServiceClient flowService, DestinationCatalog catalog) {
		this.flowService = flowService;
		this.catalog = catalog;
	}

	@Override
	public StepName name() {
		return StepName.CONNECTION_SPEC;
	}

	@Override
	public EntityRef run(StepContext context) {
		String specId = this.catalog.entry(context.spec().destination().type()).connectionSpecId();
		return EntityRef.read(this.flowService.connectionSpec(context.sandbox(), specId).id());
	}

}
