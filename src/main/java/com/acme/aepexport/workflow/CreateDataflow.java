package com.acme.aepexport.workflow;

import com.acme.aepexport.adobe.Deletion;
import com.acme.aepexport.adobe.Sandbox;
import java.util.List;
import java.util.Optional;

import org.springframework.stereotype.Component;

import com.acme.aepexport.adobe.FlowRequest;
import com.acme.aepexport.adobe.FlowServiceClient;
import com.acme.aepexport.adobe.SpecRef;
import com.acme.aepexport.export.EntityRef;
import com.acme.aepexport.export.StepName;

/**
 * Creates the audience dataflow from the source to the target, with the audience flow
 * spec of the destination and one empty {@code GeneralTransform} for the PATCHes that
 * follow. No {@code scheduleParams}: audience schedules live on each audience.
 */
@Component
class CreateDataflow implements Step.Creates {

	/** What the entity is called in Adobe, after the export's name. */
	static final String ENTITY = "dataflow";

	private final FlowServiceClient flowService;

	private final DestinationCatalog catalog;

	CreateDataflow(FlowServiceClient flowService, DestinationCatalog catalog) {
		this.flowService = flowService;
		this.catalog = catalog;
	}

	@Override
	public StepName name() {
		return StepName.DATAFLOW;
	}

	@Override
	public EntityRef run(StepContext context) {
		String name = context.entityName(ENTITY);
		FlowRequest request = new FlowRequest(name, context.description(ENTITY),
				SpecRef.of(this.catalog.entry(context.spec().destination().type()).flowSpecId()),
				List.of(context.ref(StepName.SOURCE_CONNECTION).id()),
				List.of(context.ref(StepName.TARGET_CONNECTION).id()),
				List.of(FlowRequest.Transformation.emptyGeneralTransform()));
		return context.createOnce(() -> find(context),
				() -> StepContext.flowServiceRef(this.flowService.createFlow(context.sandbox(), request)));
	}

	@Override
	public Optional<EntityRef> find(StepContext context) {
		return this.flowService
			.findFlow(context.sandbox(), context.ref(StepName.TARGET_CONNECTION).id(), context.namesToFind(ENTITY))
			.map(StepContext::flowServiceRef);
	}

	@Override
	public Deletion delete(Sandbox sandbox, String id) {
		return this.flowService.deleteFlow(sandbox, id);
	}

}
