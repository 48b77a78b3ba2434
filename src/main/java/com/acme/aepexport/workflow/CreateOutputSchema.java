package com.acme.aepexport.workflow;

import com.acme.aepexport.adobe.Deletion;
import com.acme.aepexport.adobe.Sandbox;
import java.util.Optional;

import org.springframework.stereotype.Component;

import tools.jackson.databind.JsonNode;

import com.acme.aepexport.adobe.ConversionClient;
import com.acme.aepexport.adobe.ConversionSchemaRequest;
import com.acme.aepexport.adobe.FlowServiceClient;
import com.acme.aepexport.export.EntityRef;
import com.acme.aepexport.export.StepName;

/**
 * Creates the Data Prep schema the mapping writes to: the partner schema of the
 * destination's connection spec.
 */
@Component
class CreateOutputSchema implements Step.Creates {

	/** What the entity is called in Adobe, after the export's name. */
	static final String ENTITY = "output schema";

	private final FlowServiceClient flowService;

	private final ConversionClient conversion;

	private final DestinationCatalog catalog;

	CreateOutputSchema(FlowServiceClient flowService, ConversionClient conversion, DestinationCatalog catalog) {
		this.flowService = flowService;
		this.conversion = conversion;
		this.catalog = catalog;
	}

	@Override
	public StepName name() {
		return StepName.OUTPUT_SCHEMA;
	}

	@Override
	public EntityRef run(StepContext context) {
		String specId = this.catalog.entry(context.spec().destination().type()).connectionSpecId();
		String name = context.entityName(ENTITY);
		return context.createOnce(() -> find(context), () -> {
			JsonNode partnerSchema = this.flowService.connectionSpec(context.sandbox(), specId)
				.partnerSchema()
				.orElseThrow(() -> new IllegalStateException(
						"Connection spec " + specId + " has no targetSpec.attributes.partnerSchema.jsonSchema"));
			return StepContext.dataPrepRef(
					this.conversion.createSchema(context.sandbox(), new ConversionSchemaRequest(name, partnerSchema)));
		});
	}

	@Override
	public Optional<EntityRef> find(StepContext context) {
		return this.conversion.findSchema(context.sandbox(), context.namesToFind(ENTITY)).map(StepContext::dataPrepRef);
	}

	@Override
	public Deletion delete(Sandbox sandbox, String id) {
		return this.conversion.deleteSchema(sandbox, id);
	}

	@Override
	public boolean deletable() {
		return false;
	}

}
