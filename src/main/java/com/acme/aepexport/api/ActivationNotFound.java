package com.acme.aepexport.api;

import java.util.UUID;

import com.acme.aepexport.export.ExportId;

/** No such export-now job of the export. */
class ActivationNotFound extends RuntimeException {

	ActivationNotFound(ExportId export, UUID activationId) {
		super("Export " + export + " has no activation " + activationId);
	}

}
