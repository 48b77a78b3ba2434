package com.acme.aepexport.api;

import com.acme.aepexport.export.ExportId;

/**
 * No such run of the export's dataflow (or it is another flow's run).
 */
class RunNotFound extends RuntimeException {

	RunNotFound(ExportId export, String runId) {
		super("Export " + export + " has no run " + runId);
	}

}
