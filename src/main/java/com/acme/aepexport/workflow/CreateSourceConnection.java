package com.acme.aepexport.workflow;

import com.acme.aepexport.adobe.Deletion;
import com.acme.aepexport.adobe.Sandbox;
import java.util.Optional;

import org.springframework.stereotype.Component;

import com.acme.aepexport.adobe.FlowServiceClient;
import com.acme.aepexport.adobe.SourceConnectionRequest;
import com.acme.aepexport.export.EntityRef;
import com.acme.aepexport.export.StepName;

/**
 * Connects the dataflow to the Profile Store. Needs nothing, so it runs beside the
 * connection spec and the schema chain.
 */
@Component
class CreateSourceConnection implements Step.Creates {

	/** What the entity is called in Adobe, after the export's name. */
	static final String ENTITY = "source connection";

	private final FlowServiceClient flowService;

	CreateSourceConnection(FlowServiceClient flowService) {
		this.flowService = flowService;
	}

	@Override
	public StepName name() {
		return StepName.SOURCE_CONNECTION;
	}

	@Override
	public EntityRef run(StepContext context) {
		String name = context.entityName(ENTITY);
		return context.createOnce(() -> find(context),
				() -> StepContext.flowServiceRef(this.flowService.createSourceConnection(context.sandbox(),
						SourceConnectionRequest.profileStore(name, context.description(ENTITY)))));
	}

	@Override
	public Optional<EntityRef> find(StepContext context) {
		return this.flowService.findSourceConnection(context.sandbox(), context.namesToFind(ENTITY))
			.map(StepContext::flowServiceRef);
	}

	@Override
	public Deletion delete(Sandbox sandbox, String id) {
		return this.flowService.deleteSourceConnection(sandbox, id);
	}

}
