package com.acme.aepexport.workflow;

import java.util.Set;

import org.springframework.stereotype.Component;

import com.acme.aepexport.adobe.ConversionClient;
import com.acme.aepexport.adobe.ConversionSchemaRequest;
import com.acme.aepexport.adobe.DataPrepRef;
import com.acme.aepexport.adobe.ProfileClient;
import com.acme.aepexport.adobe.Sandbox;
import com.acme.aepexport.export.EntityRef;
import com.acme.aepexport.export.StepName;

/**
 * Creates the Data Prep schema the mapping reads from: the profile union schema with the
 * sandbox's identity namespaces under {@code identityMap}.
 */
@Component
class CreateInputSchema implements Step {

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
	public Set<StepName> needs() {
		return Set.of(StepName.PROFILE_SCHEMA);
	}

	@Override
	public EntityRef run(StepContext context) {
		Sandbox sandbox = context.sandbox();
		String name = context.entityName(ENTITY);
		DataPrepRef created = context.createOnce(() -> this.conversion.findSchema(sandbox, context.namesToFind(ENTITY)),
				() -> this.conversion.createSchema(sandbox, ConversionSchemaRequest.profileInput(name,
						this.profiles.unionSchema(sandbox), this.profiles.identityNamespaces(sandbox))));
		return EntityRef.dataPrep(created.id(), created.version());
	}

}
