package com.acme.aepexport.workflow;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import com.acme.aepexport.adobe.DocumentedSpecs;
import com.acme.aepexport.export.DestinationType;

/**
 * Tells what a dataflow built elsewhere is from its flow spec and the connection specs of
 * its source and target, as Adobe's documents ({@link DocumentedSpecs}) and the
 * destination catalog ({@code exports.destinations}) tell them apart; a pure function.
 * The rules, in order: a Data Lake source or a dataset flow spec is a dataset export; any
 * other source than the Profile Store makes a source dataflow; a legacy cloud-storage
 * connection spec or flow spec a legacy file export; a target connection spec the catalog
 * does not name another destination; a flow spec other than the catalog's audience flow
 * spec of that destination is not told; the rest is a file-based audience export.
 */
final class DataflowKinds {

	private static final String ONLY = " Only file-based audience exports to the destinations of exports.destinations "
			+ "can be imported.";

	private DataflowKinds() {
	}

	/**
	 * @param specName the name Adobe gives a connection spec (read only for a message),
	 * or {@code null} when it cannot be read
	 * @return the destination type of a file-based audience export
	 * @throws NotImportable naming what the dataflow is instead
	 */
	static DestinationType audienceExport(String flowId, String flowSpecId, String sourceSpecId, String targetSpecId,
			List<DestinationCatalog.Entry> catalog, Function<String, String> specName) {
		Optional<String> dataset = DocumentedSpecs.datasetFlowSpec(flowSpecId);
		if (DocumentedSpecs.DATA_LAKE_SOURCE.equals(sourceSpecId) || dataset.isPresent()) {
			throw new NotImportable(DataflowKind.DATASET_EXPORT,
					"Dataflow " + flowId + " is a dataset export: it exports datasets, not audiences (flow spec "
							+ flowSpecId
							+ dataset.map((label) -> ", \"" + label + "\" in Adobe's Destinations API").orElse("")
							+ "; source connection spec " + sourceSpecId
							+ (DocumentedSpecs.DATA_LAKE_SOURCE.equals(sourceSpecId)
									? ", the Experience Platform Data Lake" : "")
							+ "; target connection spec " + targetSpecId + ")." + ONLY);
		}
		if (sourceSpecId == null || targetSpecId == null) {
			throw new NotImportable(DataflowKind.UNKNOWN,
					"Dataflow " + flowId + ": Adobe names no connection spec for its "
							+ ((sourceSpecId == null) ? "source" : "target")
							+ " connection, so what it is cannot be told." + ONLY);
		}
		if (!DocumentedSpecs.PROFILE_STORE.equals(sourceSpecId)) {
			throw new NotImportable(DataflowKind.SOURCE_DATAFLOW,
					"Dataflow " + flowId + " is a source dataflow: it reads from connection spec "
							+ named(sourceSpecId, specName) + " into "
							+ (DocumentedSpecs.DATA_LAKE_TARGET.equals(targetSpecId)
									? "the Experience Platform Data Lake (connection spec " + targetSpecId + ")"
									: "connection spec " + targetSpecId)
							+ ", not from the Profile Store (" + DocumentedSpecs.PROFILE_STORE
							+ ") as an audience export does." + ONLY);
		}
		Optional<String> legacy = DocumentedSpecs.legacyDestination(targetSpecId);
		if (legacy.isPresent() || DocumentedSpecs.isLegacyFlowSpec(flowSpecId)) {
			throw new NotImportable(DataflowKind.LEGACY_FILE_EXPORT,
					"Dataflow " + flowId
							+ " activates audiences to a legacy cloud-storage destination (connection spec "
							+ targetSpecId + legacy.map((name) -> ", " + name).orElse("") + "; flow spec " + flowSpecId
							+ "), which Adobe replaced with the destinations this service exports to: "
							+ listed(catalog) + "." + ONLY);
		}
		DestinationCatalog.Entry destination = catalog.stream()
			.filter((entry) -> entry.connectionSpecId().equals(targetSpecId))
			.findFirst()
			.orElseThrow(() -> new NotImportable(DataflowKind.OTHER_DESTINATION,
					"Dataflow " + flowId + " activates audiences to connection spec " + named(targetSpecId, specName)
							+ ", which is not one of the file-based cloud-storage destinations this service exports "
							+ "to (exports.destinations: " + listed(catalog)
							+ "): a streaming, social, advertising or e-mail destination, for instance." + ONLY));
		if (!destination.flowSpecId().equals(flowSpecId)) {
			throw new NotImportable(DataflowKind.UNKNOWN,
					"Dataflow " + flowId + " reads audiences from the Profile Store into " + destination.type()
							+ " (connection spec " + targetSpecId + "), but with flow spec " + flowSpecId
							+ ", not the audience flow spec exports.destinations." + destination.type()
							+ ".flow-spec-id names (" + destination.flowSpecId()
							+ ") nor one Adobe documents for datasets. If Adobe's audience flow spec for "
							+ destination.type() + " is " + flowSpecId + ", correct the configuration.");
		}
		return destination.type();
	}

	private static String named(String specId, Function<String, String> specName) {
		String name = (specId != null) ? specName.apply(specId) : null;
		return specId + ((name != null) ? " (" + name + ")" : "");
	}

	private static String listed(List<DestinationCatalog.Entry> catalog) {
		return catalog.stream()
			.map((entry) -> entry.type() + " " + entry.connectionSpecId())
			.collect(Collectors.joining(", "));
	}

}
