package com.acme.aepexport.workflow;

import org.springframework.stereotype.Component;

import com.acme.aepexport.adobe.ProfileClient;
import com.acme.aepexport.export.EntityRef;
import com.acme.aepexport.export.StepName;

/**
 * Reads the sandbox's profile union schema and identity namespaces, from which the input
 * schema is built. The client caches both per sandbox, so the input schema step reads
 * them again for free (or fetches them afresh after a restart).
 */
@Component
class LoadProfileSchema implements Step {

	private final ProfileClient profiles;

	LoadProfileSchema(ProfileClient profiles) {
		this.profiles = profiles;
	}

	@Override
	public StepName name() {
		return StepName.PROFILE_SCHEMA;
	}

	@Override
	public EntityRef run(StepContext context) {
		this.profiles.unionSchema(context.sandbox());
		this.profiles.identityNamespaces(context.sandbox());
		return EntityRef.none();
	}

}
