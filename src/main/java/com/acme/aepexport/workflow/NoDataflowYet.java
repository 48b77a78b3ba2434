package com.acme.aepexport.workflow;

import com.acme.aepexport.export.ExportId;

/**
 * The export has no dataflow (yet), so it has no runs to show.
 */
public class NoDataflowYet extends RuntimeException {

	public NoDataflowYet(ExportId id) {
		super("Export " + id + " has no dataflow yet, so no runs");
	}

}
