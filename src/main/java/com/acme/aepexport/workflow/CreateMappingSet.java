package com.acme.aepexport.workflow;

import com.acme.aepexport.adobe.Deletion;
import com.acme.aepexport.adobe.Sandbox;
import java.util.Optional;

import org.springframework.stereotype.Component;

import com.acme.aepexport.adobe.ConversionClient;
import com.acme.aepexport.adobe.MappingSetRequest;
import com.acme.aepexport.export.EntityRef;
import com.acme.aepexport.export.StepName;

/**
 * Creates the mapping set from profile attributes and identities to the exported columns.
 */
@Component
class CreateMappingSet implements Step.Creates {

	/** What the entity is called in Adobe, after the export's name. */
	static final String ENTITY = "mapping set";

	private final ConversionClient conversion;

	CreateMappingSet(ConversionClient conversion) {
		this.conversion = conversion;
	}

	@Override
	public StepName name() {
		return StepName.MAPPING_SET;
	}

	@Override
	public EntityRef run(StepContext context) {
		String name = context.entityName(ENTITY);
		MappingSetRequest request = MappingSetRequest.of(name, context.ref(StepName.INPUT_SCHEMA).id(),
				context.ref(StepName.OUTPUT_SCHEMA).id(),
				context.spec()
					.mapping()
					.stream()
					.map((field) -> MappingSetRequest.Mapping.attribute(field.source(), field.target()))
					.toList());
		return context.createOnce(() -> find(context),
				() -> StepContext.dataPrepRef(this.conversion.createMappingSet(context.sandbox(), request)));
	}

	@Override
	public Optional<EntityRef> find(StepContext context) {
		return this.conversion.findMappingSet(context.sandbox(), context.namesToFind(ENTITY))
			.map(StepContext::dataPrepRef);
	}

	@Override
	public Deletion delete(Sandbox sandbox, String id) {
		return this.conversion.deleteMappingSet(sandbox, id);
	}

}
