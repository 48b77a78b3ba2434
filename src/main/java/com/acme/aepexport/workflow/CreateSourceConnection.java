package com.acme.aepexport.workflow;

import java.util.Set;

import org.springframework.stereotype.Component;

import com.acme.aepexport.adobe.AdobeRef;
import com.acme.aepexport.adobe.FlowServiceClient;
import com.acme.aepexport.adobe.SourceConnectionRequest;
import com.acme.aepexport.export.EntityRef;
import com.acme.aepexport.export.StepName;

/**
 * Connects the dataflow to the Profile Store. Needs nothing, so it runs beside the
 * connection spec and the schema chain.
 */
@Component
class CreateSourceConnection implements Step {

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
	public Set<StepName> needs() {
		return Set.of();
	}

	@Override
	public EntityRef run(StepContext context) {
		String name = context.entityName(ENTITY);
		AdobeRef created = context.createOnce(
				() -> this.flowService.findSourceConnection(context.sandbox(), context.namesToFind(ENTITY)),
				() -> this.flowService.createSourceConnection(context.sandbox(),
						SourceConnectionRequest.profileStore(name, context.description(ENTITY))));
		return EntityRef.flowService(created.id(), created.etag());
	}

}
