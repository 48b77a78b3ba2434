package com.acme.aepexport.export;

/**
 * Another worker took the export (this one was presumed dead): this worker must stop
 * without writing anything more.
 */
public class ExportClaimLost extends IllegalExportTransition {

	public ExportClaimLost(ExportId id) {
		super("Another worker has taken export " + id);
	}

}
