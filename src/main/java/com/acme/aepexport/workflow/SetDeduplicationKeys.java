package com.acme.aepexport.workflow;

import java.util.List;

import org.springframework.stereotype.Component;

import com.acme.aepexport.adobe.FlowPatch;
import com.acme.aepexport.adobe.PrimaryField;
import com.acme.aepexport.export.EntityRef;
import com.acme.aepexport.export.ExportSpec;
import com.acme.aepexport.export.StepName;

/**
 * Sets the deduplication keys (Adobe's {@code primaryFields}): identity namespaces or
 * profile attributes. Waits for the mandatory fields, which may be among them.
 */
@Component
class SetDeduplicationKeys implements Step {

	private final FlowChange flowChange;

	SetDeduplicationKeys(FlowChange flowChange) {
		this.flowChange = flowChange;
	}

	/** Our deduplication keys as Adobe's primary fields. */
	static List<PrimaryField> primaryFields(List<ExportSpec.DeduplicationKey> keys) {
		return keys.stream().map((key) -> switch (key) {
			case ExportSpec.IdentityKey identity -> PrimaryField.identity(identity.identityNamespace());
			case ExportSpec.AttributeKey attribute -> PrimaryField.attribute(attribute.attribute());
		}).toList();
	}

	@Override
	public StepName name() {
		return StepName.DEDUPLICATION_KEYS;
	}

	@Override
	public boolean appliesTo(ExportSpec spec) {
		return !spec.deduplicationKeys().isEmpty();
	}

	@Override
	public EntityRef run(StepContext context) {
		List<PrimaryField> keys = primaryFields(context.spec().deduplicationKeys());
		return this.flowChange.apply(context, (flow) -> FlowPatch.primaryFields(flow, keys));
	}

}
