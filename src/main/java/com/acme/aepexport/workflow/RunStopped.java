package com.acme.aepexport.workflow;

import com.acme.aepexport.export.ExportId;

/**
 * A run cut short because this instance stops: not a failure of the export, whose run is
 * handed back to be taken again at once, by another instance.
 */
class RunStopped extends RuntimeException {

	RunStopped(ExportId id, InterruptedException cause) {
		super("Run of export " + id + " stopped: the instance stops", cause);
	}

}
