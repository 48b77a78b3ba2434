package com.acme.aepexport.workflow;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

import lombok.AccessLevel;
import lombok.AllArgsConstructor;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

import com.acme.aepexport.adobe.AdobeCallFailed;
import com.acme.aepexport.adobe.AdobeRehearsal;
import com.acme.aepexport.adobe.ConversionClient;
import com.acme.aepexport.adobe.FlowPatch;
import com.acme.aepexport.adobe.FlowServiceClient;
import com.acme.aepexport.adobe.FlowServiceClient.Entity;
import com.acme.aepexport.adobe.ProfileClient;
import com.acme.aepexport.export.CredentialVault;
import com.acme.aepexport.export.Credentials;
import com.acme.aepexport.export.EntityRef;
import com.acme.aepexport.export.ExportId;
import com.acme.aepexport.export.ExportSpec;

import static com.acme.aepexport.export.StepName.ATTACH_MAPPING;
import static com.acme.aepexport.export.StepName.AUDIENCES;
import static com.acme.aepexport.export.StepName.BASE_CONNECTION;
import static com.acme.aepexport.export.StepName.CONNECTION_SPEC;
import static com.acme.aepexport.export.StepName.DATAFLOW;
import static com.acme.aepexport.export.StepName.DEDUPLICATION_KEYS;
import static com.acme.aepexport.export.StepName.INPUT_SCHEMA;
import static com.acme.aepexport.export.StepName.MANDATORY_FIELDS;
import static com.acme.aepexport.export.StepName.MAPPING_SET;
import static com.acme.aepexport.export.StepName.OUTPUT_SCHEMA;
import static com.acme.aepexport.export.StepName.PROFILE_SCHEMA;
import static com.acme.aepexport.export.StepName.SOURCE_CONNECTION;
import static com.acme.aepexport.export.StepName.TARGET_CONNECTION;

/**
 * The workflow in one place: the table of an export's steps, each with what it needs,
 * what it does in Adobe, how it finds its entity again after a lost answer, and how a
 * teardown undoes it. Everything else is derived from this table ({@link StepGraph}): the
 * order the runner starts steps in, the chain of dataflow changes, the order a teardown
 * deletes in, and the diagram in README. Each row is one Adobe call (a create looks
 * before it makes), safe to run again.
 */
@Component
@AllArgsConstructor(access = AccessLevel.PRIVATE)
class ExportSteps {

	private final FlowServiceClient flowService;

	private final ConversionClient conversion;

	private final ProfileClient profiles;

	private final DestinationCatalog catalog;

	/** An export's credentials, for its base connection. */
	private final Function<ExportId, Credentials> credentials;

	private final FlowChange flowChange;

	@Autowired
	ExportSteps(FlowServiceClient flowService, ConversionClient conversion, ProfileClient profiles,
			DestinationCatalog catalog, CredentialVault vault, FlowChange flowChange) {
		this(flowService, conversion, profiles, catalog, (export) -> vault.open(export), flowChange);
	}

	/**
	 * The same table, its writes made to a rehearsal instead of Adobe and its base
	 * connection made of {@code credentials}: for a plan, which runs the very steps an
	 * export runs and lists what they would send.
	 */
	ExportSteps rehearsing(AdobeRehearsal adobe, Credentials credentials) {
		return new ExportSteps(adobe.flowService(), adobe.conversion(), this.profiles, this.catalog,
				(export) -> credentials, new FlowChange(adobe.flowService()));
	}

	/**
	 * In {@link com.acme.aepexport.export.StepName} order: each needs only rows above it.
	 */
	List<Step> table() {
		return List.of(Step.read(CONNECTION_SPEC, Set.of(), this::readConnectionSpec),
				Step.create(SOURCE_CONNECTION, Set.of(), this::createSourceConnection, this::findSourceConnection,
						(sandbox, id) -> this.flowService.delete(sandbox, Entity.SOURCE_CONNECTION, id))
					.sharedBy((sandbox, id) -> this.flowService.flowsFrom(sandbox, id)),
				// Adobe's UI lets dataflows share a destination account.
				Step.create(BASE_CONNECTION, Set.of(CONNECTION_SPEC), this::createBaseConnection,
						this::findBaseConnection,
						(sandbox, id) -> this.flowService.delete(sandbox, Entity.BASE_CONNECTION, id))
					.sharedBy((sandbox, id) -> this.flowService.targetConnectionsOf(sandbox, id)),
				Step.create(TARGET_CONNECTION, Set.of(BASE_CONNECTION), this::createTargetConnection,
						this::findTargetConnection,
						(sandbox, id) -> this.flowService.delete(sandbox, Entity.TARGET_CONNECTION, id)),
				Step.create(DATAFLOW, Set.of(SOURCE_CONNECTION, TARGET_CONNECTION), this::createDataflow,
						this::findDataflow, (sandbox, id) -> this.flowService.delete(sandbox, Entity.FLOW, id)),
				Step.flowChange(AUDIENCES, Set.of(DATAFLOW), this::addAudiences),
				Step.read(PROFILE_SCHEMA, Set.of(), this::readProfileSchema),
				Step.create(INPUT_SCHEMA, Set.of(PROFILE_SCHEMA), this::createInputSchema,
						(context) -> findSchema(context, INPUT),
						(sandbox, id) -> this.conversion.deleteSchema(sandbox, id))
					.kept(),
				Step.create(OUTPUT_SCHEMA, Set.of(CONNECTION_SPEC), this::createOutputSchema,
						(context) -> findSchema(context, OUTPUT),
						(sandbox, id) -> this.conversion.deleteSchema(sandbox, id))
					.kept(),
				Step.create(MAPPING_SET, Set.of(INPUT_SCHEMA, OUTPUT_SCHEMA), this::createMappingSet,
						this::findMappingSet, (sandbox, id) -> this.conversion.deleteMappingSet(sandbox, id)),
				// After the audiences not for their sake: changes of one flow follow each
				// other.
				Step.flowChange(ATTACH_MAPPING, Set.of(AUDIENCES, MAPPING_SET), this::attachMapping),
				Step.flowChange(MANDATORY_FIELDS, Set.of(ATTACH_MAPPING), this::setMandatoryFields)
					.onlyIf((spec) -> !spec.mandatoryFields().isEmpty()),
				// After the mandatory fields, which may be among them.
				Step.flowChange(DEDUPLICATION_KEYS, Set.of(MANDATORY_FIELDS), this::setDeduplicationKeys)
					.onlyIf((spec) -> !spec.deduplicationKeys().isEmpty()));
	}

	/**
	 * The destination's connection spec: it has to exist before credentials are sent, and
	 * its partner schema is the output schema. Cached by the client, so the steps that
	 * use it later read it for free.
	 */
	private EntityRef readConnectionSpec(StepContext context) {
		return EntityRef.read(this.flowService.connectionSpec(context.sandbox(), connectionSpecId(context)).id());
	}

	/** The Profile Store as the dataflow's source. */
	private EntityRef createSourceConnection(StepContext context) {
		return StepContext
			.flowServiceRef(this.flowService.createSourceConnection(context.sandbox(), context.named(SOURCE)));
	}

	private Optional<EntityRef> findSourceConnection(StepContext context) {
		return this.flowService.findSourceConnection(context.sandbox(), context.namesToFind(SOURCE))
			.map(StepContext::flowServiceRef);
	}

	/** The credentials (and PGP key), under the connection spec's auth spec. */
	private EntityRef createBaseConnection(StepContext context) {
		ExportSpec spec = context.spec();
		Credentials credentials = this.credentials.apply(context.exportId());
		try {
			return StepContext
				.flowServiceRef(this.flowService.createBaseConnection(context.sandbox(), context.named(BASE),
						connectionSpecId(context), spec.destination().type(), credentials, spec.file().pgpPublicKey()));
		}
		catch (AdobeCallFailed refused) {
			// Should Adobe quote what it refuses, it stays out of our logs and rows.
			throw refused.redacting(credentials.secrets());
		}
	}

	private Optional<EntityRef> findBaseConnection(StepContext context) {
		return this.flowService
			.findBaseConnection(context.sandbox(), connectionSpecId(context), context.namesToFind(BASE))
			.map(StepContext::flowServiceRef);
	}

	/** Where and how files are written: location, format, CSV options, compression. */
	private EntityRef createTargetConnection(StepContext context) {
		ExportSpec spec = context.spec();
		return StepContext
			.flowServiceRef(this.flowService.createTargetConnection(context.sandbox(), context.named(TARGET),
					connectionSpecId(context), context.ref(BASE_CONNECTION).id(), spec.destination(), spec.file()));
	}

	private Optional<EntityRef> findTargetConnection(StepContext context) {
		return this.flowService
			.findTargetConnection(context.sandbox(), context.ref(BASE_CONNECTION).id(), context.namesToFind(TARGET))
			.map(StepContext::flowServiceRef);
	}

	/** The audience dataflow from the source to the target. */
	private EntityRef createDataflow(StepContext context) {
		String flowSpecId = this.catalog.entry(context.spec().destination().type()).flowSpecId();
		return StepContext.flowServiceRef(this.flowService.createFlow(context.sandbox(), context.named(FLOW),
				flowSpecId, context.ref(SOURCE_CONNECTION).id(), context.ref(TARGET_CONNECTION).id()));
	}

	private Optional<EntityRef> findDataflow(StepContext context) {
		return this.flowService
			.findFlow(context.sandbox(), context.ref(TARGET_CONNECTION).id(), context.namesToFind(FLOW))
			.map(StepContext::flowServiceRef);
	}

	/** Every audience, each with its own schedule, in one change. */
	private EntityRef addAudiences(StepContext context) {
		return this.flowChange.apply(context, (flow) -> FlowPatch.addAudiences(flow, context.spec().audiences()));
	}

	/**
	 * The profile union schema and the identity namespaces, which the input schema is
	 * made of. Cached by the client for the steps that follow.
	 */
	private EntityRef readProfileSchema(StepContext context) {
		this.profiles.unionSchema(context.sandbox());
		this.profiles.identityNamespaces(context.sandbox());
		return EntityRef.none();
	}

	/** What can be mapped from: the profile attributes and the identity namespaces. */
	private EntityRef createInputSchema(StepContext context) {
		return StepContext.dataPrepRef(this.conversion.createInputSchema(context.sandbox(), context.entityName(INPUT),
				this.profiles.unionSchema(context.sandbox()), this.profiles.identityNamespaces(context.sandbox())));
	}

	/** The destination's partner schema, from its connection spec: what is mapped to. */
	private EntityRef createOutputSchema(StepContext context) {
		String specId = connectionSpecId(context);
		JsonNode partnerSchema = this.flowService.connectionSpec(context.sandbox(), specId)
			.partnerSchema()
			.orElseThrow(() -> new IllegalStateException(
					"Connection spec " + specId + " has no targetSpec.attributes.partnerSchema.jsonSchema"));
		return StepContext.dataPrepRef(
				this.conversion.createOutputSchema(context.sandbox(), context.entityName(OUTPUT), partnerSchema));
	}

	private Optional<EntityRef> findSchema(StepContext context, String what) {
		return this.conversion.findSchema(context.sandbox(), context.namesToFind(what)).map(StepContext::dataPrepRef);
	}

	/** The export's field mapping, from the input schema to the output schema. */
	private EntityRef createMappingSet(StepContext context) {
		return StepContext.dataPrepRef(this.conversion.createMappingSet(context.sandbox(), context.entityName(MAPPING),
				context.ref(INPUT_SCHEMA).id(), context.ref(OUTPUT_SCHEMA).id(), context.spec().mapping()));
	}

	private Optional<EntityRef> findMappingSet(StepContext context) {
		return this.conversion.findMappingSet(context.sandbox(), context.namesToFind(MAPPING))
			.map(StepContext::dataPrepRef);
	}

	private EntityRef attachMapping(StepContext context) {
		EntityRef mappingSet = context.ref(MAPPING_SET);
		return this.flowChange.apply(context,
				(flow) -> FlowPatch.attachMapping(flow, mappingSet.id(), mappingSet.version()));
	}

	/**
	 * Fields every exported profile must have: a change of the flow, not of {@code /runs}
	 * as the tutorial shows.
	 */
	private EntityRef setMandatoryFields(StepContext context) {
		return this.flowChange.apply(context,
				(flow) -> FlowPatch.mandatoryFields(flow, context.spec().mandatoryFields()));
	}

	/** Identity namespaces or profile attributes, as Adobe's primary fields. */
	private EntityRef setDeduplicationKeys(StepContext context) {
		return this.flowChange.apply(context,
				(flow) -> FlowPatch.deduplicationKeys(flow, context.spec().deduplicationKeys()));
	}

	/** The name the export's dataflow is given in Adobe. */
	static String dataflowName(ExportSpec spec, ExportId exportId) {
		return EntityNames.of(spec, exportId, FLOW);
	}

	private String connectionSpecId(StepContext context) {
		return this.catalog.entry(context.spec().destination().type()).connectionSpecId();
	}

	/** What the entities are called in Adobe, after the export's name. */
	private static final String SOURCE = "source connection";

	private static final String BASE = "base connection";

	private static final String TARGET = "target connection";

	private static final String FLOW = "dataflow";

	private static final String INPUT = "input schema";

	private static final String OUTPUT = "output schema";

	private static final String MAPPING = "mapping set";

}
