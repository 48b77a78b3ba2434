package com.acme.aepexport.export;

/**
 * Narrows a listing of exports; a {@code null} part matches everything.
 *
 * @param name matched as a case-insensitive substring
 */
public record ExportFilter(ExportStatus status, DestinationType destinationType, String name) {

	public static ExportFilter none() {
		return new ExportFilter(null, null, null);
	}

}
