package com.acme.aepexport.console;

import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

import com.acme.aepexport.api.ApiSettings;
import com.acme.aepexport.export.ExportId;
import com.acme.aepexport.export.ExportNotFound;
import com.acme.aepexport.export.ExportService;
import com.acme.aepexport.export.ExportView;

/**
 * The viewer of the request being served, and the exports they may see: another owner's
 * export is not found, as in the API, so that its existence is not told either.
 */
@Component
class Viewers {

	private final ExportService exports;

	private final boolean securityEnabled;

	Viewers(ExportService exports, ApiSettings api) {
		this.exports = exports;
		this.securityEnabled = api.security().enabled();
	}

	Viewer current() {
		return Viewer.of(SecurityContextHolder.getContext().getAuthentication(), this.securityEnabled);
	}

	/**
	 * @throws ExportNotFound for another owner's export, or an unknown one
	 */
	ExportView visible(ExportId id) {
		Viewer viewer = current();
		return this.exports.find(id)
			.filter((export) -> viewer.mayAccess(export.owner()))
			.orElseThrow(() -> new ExportNotFound(id));
	}

}
