package com.acme.aepexport.workflow;

import com.acme.aepexport.adobe.Deletion;
import java.util.Optional;

import org.springframework.stereotype.Component;

import com.acme.aepexport.adobe.ConversionClient;
import com.acme.aepexport.adobe.ConversionSchemaRequest;
import com.acme.aepexport.adobe.ProfileClient;
import com.acme.aepexport.adobe.Sandbox;
import com.acme.aepexport.export.EntityRef;
import com.acme.aepexport.export.StepName;

/**
 * Creates the Data Prep schema the mapping reads from: the profile union schema with the
 * sandbox's identity namespaces under {@code identityMap}.
 */
@Component
class CreateInputSchema implements Step.Creates {

	/** What the entity is called in Adobe, after the export's name. */
	static final String ENTITY = "input schema";

	private final ProfileClient profiles;

	private final ConversionClient conversion;

	CreateInputSchema(ProfileClient profiles, ConversionClient conversion) {
		this.profiles = profiles;
		this.conversion = conversion;
	}

	@Override
	public StepName name() {
		return StepName.INPUT_SCHEMA;
	}

	@Override
	public EntityRef run(StepContext context) {
		Sandbox sandbox = context.sandbox();
		String name = context.entityName(ENTITY);
		return context.createOnce(() -> find(context),
				() -> StepContext
					.dataPrepRef(this.conversion.createSchema(sandbox, ConversionSchemaRequest.profileInput(name,
							this.profiles.unionSchema(sandbox), this.profiles.identityNamespaces(sandbox)))));
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
