package com.acme.aepexport.workflow;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

import lombok.AccessLevel;
import lombok.RequiredArgsConstructor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

import com.acme.aepexport.adobe.AdobeCallFailed;
import com.acme.aepexport.adobe.AdobeConnection;
import com.acme.aepexport.adobe.AdobeSettings;
import com.acme.aepexport.adobe.ConversionClient;
import com.acme.aepexport.adobe.DataPrepRef;
import com.acme.aepexport.adobe.Flow;
import com.acme.aepexport.adobe.FlowServiceClient;
import com.acme.aepexport.adobe.MappingSet;
import com.acme.aepexport.adobe.Sandbox;
import com.acme.aepexport.adobe.UnsupportedValue;
import com.acme.aepexport.export.Adoption;
import com.acme.aepexport.export.CallerRequest;
import com.acme.aepexport.export.DataflowState;
import com.acme.aepexport.export.DestinationType;
import com.acme.aepexport.export.EntityRef;
import com.acme.aepexport.export.ExportService;
import com.acme.aepexport.export.ExportSpec;
import com.acme.aepexport.export.ExportView;
import com.acme.aepexport.export.StepName;

/**
 * Adopts a dataflow built elsewhere (in Adobe's UI, by another tool) as an export, for a
 * caller who waits: reads the flow, its target, source and base connections and its
 * mapping set from Adobe (never credentials, and nothing is changed in Adobe), tells
 * whether it is a file-based audience export ({@link DataflowKinds}), and stores it
 * {@code SUCCEEDED}, each step with the entity it stands for as Adobe holds it now. From
 * then on it is an export like any other: runs, changes, pause, export now and teardown.
 * <p>
 * The reads come in the order that refuses soonest: the export store first (a dataflow an
 * export has), then the flow, then its connections (what it is), and only for a flow that
 * is an audience export its base connection and mapping set. Nothing is retried: the
 * caller may ask again, and nothing was stored.
 */
@Service
@RequiredArgsConstructor(access = AccessLevel.PACKAGE)
public class ExportImports {

	private static final Logger log = LoggerFactory.getLogger(ExportImports.class);

	/** How a value of Adobe's dataflow is named in a problem. */
	private static final String IN_DATAFLOW = "dataflow.";

	private final ExportService exports;

	private final FlowServiceClient flowService;

	private final ConversionClient conversion;

	private final DestinationCatalog catalog;

	private final AdobeSettings adobe;

	/**
	 * @param sandbox the flow's sandbox, or {@code null} for
	 * {@code adobe.default-sandbox}
	 * @param name the export's name, or {@code null} for the flow's own
	 * @param fit the spec as the export can hold it (the API's bounds): may cut text, and
	 * throws to refuse; called before anything is stored
	 * @return the export, {@code SUCCEEDED}
	 * @throws com.acme.aepexport.export.DataflowAlreadyExported when an export has the
	 * dataflow already (nothing is asked of Adobe)
	 * @throws DataflowNotFound when Adobe has no such dataflow in the sandbox
	 * @throws NotImportable when it is no file-based audience export, or holds what an
	 * export cannot
	 * @param request the import as the export's history records it
	 * @throws AdobeProblem when Adobe refuses a read or does not answer
	 */
	public ExportView adopt(String owner, String sandbox, String flowId, String name, UnaryOperator<ExportSpec> fit,
			CallerRequest request) {
		Sandbox in = new Sandbox((sandbox != null) ? sandbox : this.adobe.defaultSandbox());
		this.exports.refuseIfExported(flowId);
		Flow flow = flow(in, flowId);
		if (flow.sourceConnectionIds().size() != 1 || flow.targetConnectionIds().size() != 1) {
			throw new NotImportable(DataflowKind.UNKNOWN,
					"Dataflow " + flowId + " has " + flow.sourceConnectionIds().size() + " source and "
							+ flow.targetConnectionIds().size()
							+ " target connections; an audience export has one of each.");
		}
		AdobeConnection target = adobe(() -> this.flowService.targetConnection(in, flow.targetConnectionIds().get(0)));
		AdobeConnection source = adobe(() -> this.flowService.sourceConnection(in, flow.sourceConnectionIds().get(0)));
		DestinationType type = DataflowKinds.audienceExport(flowId, flow.flowSpecId(), source.connectionSpecId(),
				target.connectionSpecId(), this.catalog.entries(), (specId) -> specName(in, specId));
		AdobeConnection base = (target.baseConnectionId() != null)
				? adobe(() -> this.flowService.baseConnection(in, target.baseConnectionId())) : null;
		MappingSet mappingSet = (flow.mappingId() != null)
				? adobe(() -> this.conversion.mappingSet(in, flow.mappingId(), flow.mappingVersion())) : null;

		List<UnsupportedValue> unsupported = new ArrayList<>();
		List<ExportSpec.Audience> audiences = flow.audiences(unsupported);
		List<ExportSpec.DeduplicationKey> keys = flow.deduplicationKeys(unsupported);
		if (!unsupported.isEmpty()) {
			throw NotImportable.holding(flowId,
					unsupported.stream()
						.map((value) -> new InvalidField(IN_DATAFLOW + value.field(), value.reason()))
						.toList());
		}
		ExportSpec spec = fit.apply(new ExportSpec((name != null) ? name : defaultName(flow), in.name(),
				target.destination(type), target.file((base != null) ? base.pgpPublicKey() : null), audiences,
				(mappingSet != null) ? mappingSet.mapping() : List.of(), flow.mandatoryFields(), keys));

		Map<StepName, EntityRef> entities = new EnumMap<>(StepName.class);
		EntityRef dataflow = EntityRef.flowService(flow.id(), flow.etag());
		entities.put(StepName.CONNECTION_SPEC, EntityRef.read(target.connectionSpecId()));
		entities.put(StepName.SOURCE_CONNECTION, EntityRef.flowService(source.id(), source.etag()));
		if (base != null) {
			entities.put(StepName.BASE_CONNECTION, EntityRef.flowService(base.id(), base.etag()));
		}
		entities.put(StepName.TARGET_CONNECTION, EntityRef.flowService(target.id(), target.etag()));
		entities.put(StepName.DATAFLOW, dataflow);
		// The dataflow's changes stand for what it carries, each with its current etag.
		if (!spec.audiences().isEmpty()) {
			entities.put(StepName.AUDIENCES, dataflow);
		}
		if (mappingSet != null) {
			putSchema(entities, StepName.INPUT_SCHEMA, mappingSet.inputSchema());
			putSchema(entities, StepName.OUTPUT_SCHEMA, mappingSet.outputSchema());
			entities.put(StepName.MAPPING_SET, EntityRef.dataPrep(mappingSet.ref().id(), mappingSet.ref().version()));
			entities.put(StepName.ATTACH_MAPPING, dataflow);
		}
		if (!spec.mandatoryFields().isEmpty()) {
			entities.put(StepName.MANDATORY_FIELDS, dataflow);
		}
		if (!spec.deduplicationKeys().isEmpty()) {
			entities.put(StepName.DEDUPLICATION_KEYS, dataflow);
		}
		DataflowState state = flow.isDisabled() ? DataflowState.DISABLED
				: flow.isEnabled() ? DataflowState.ENABLED : null;
		ExportView export = this.exports.adopt(new Adoption(owner, spec, entities, state), request);
		log.info("Export {} adopts dataflow {} ({}, {} audiences) in sandbox {}", export.id(), flowId, type,
				spec.audiences().size(), in.name());
		return export;
	}

	private Flow flow(Sandbox sandbox, String flowId) {
		try {
			return this.flowService.findFlow(sandbox, flowId)
				.orElseThrow(() -> new DataflowNotFound(sandbox.name(), flowId));
		}
		catch (AdobeCallFailed failed) {
			throw AdobeProblem.of(failed);
		}
	}

	/** The name Adobe gives a connection spec, for a message; {@code null} if unknown. */
	private String specName(Sandbox sandbox, String specId) {
		try {
			return this.flowService.connectionSpecForCaller(sandbox, specId).name();
		}
		catch (AdobeCallFailed unknown) {
			return null;
		}
	}

	/** The flow's own name, or (nameless) its id. */
	private static String defaultName(Flow flow) {
		return (flow.name() != null && !flow.name().isBlank()) ? flow.name() : "Dataflow " + flow.id();
	}

	private static void putSchema(Map<StepName, EntityRef> entities, StepName step, DataPrepRef schema) {
		if (schema != null) {
			entities.put(step, EntityRef.dataPrep(schema.id(), schema.version()));
		}
	}

	private static <T> T adobe(Supplier<T> call) {
		try {
			return call.get();
		}
		catch (AdobeCallFailed failed) {
			throw AdobeProblem.of(failed);
		}
	}

}
