package com.acme.aepexport.export;

import java.util.Optional;
import java.util.function.Predicate;

/**
 * An Adobe dataflow that is already an export's (one the workflow created, or one adopted
 * before) cannot be adopted again: one export per dataflow.
 */
public class DataflowAlreadyExported extends RuntimeException {

	private final String flowId;

	private final ExportId exportId;

	private final String owner;

	/**
	 * @param exportId the export that has it, or {@code null} when another adoption of it
	 * was stored at the same moment
	 * @param owner that export's owner, or {@code null} with it
	 */
	public DataflowAlreadyExported(String flowId, ExportId exportId, String owner) {
		super("Dataflow " + flowId + " is already "
				+ ((exportId != null) ? "export " + exportId : "an export (adopted at the same moment)"));
		this.flowId = flowId;
		this.exportId = exportId;
		this.owner = owner;
	}

	public String flowId() {
		return this.flowId;
	}

	/**
	 * The export that has the dataflow, to be named to one who {@code mayAccess} its
	 * owner; empty when it is not known, or not theirs to see.
	 */
	public Optional<ExportId> exportSeenBy(Predicate<String> mayAccess) {
		return (this.exportId != null && mayAccess.test(this.owner)) ? Optional.of(this.exportId) : Optional.empty();
	}

}
