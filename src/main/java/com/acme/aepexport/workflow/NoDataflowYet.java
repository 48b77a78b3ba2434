package com.acme.aepexport.workflow;

import com.acme.aepexport.export.ExportId;

/**
 * The export has no dataflow (yet), so it has no runs to show and nothing to pause.
 */
public class NoDataflowYet extends RuntimeException {

	public NoDataflowYet(ExportId id) {
		this(id, "so no runs");
	}

	/**
	 * @param so what the export cannot have or do without one
	 */
	NoDataflowYet(ExportId id, String so) {
		super("Export " + id + " has no dataflow yet, " + so);
	}

}
