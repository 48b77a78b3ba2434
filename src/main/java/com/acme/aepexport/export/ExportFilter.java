package com.acme.aepexport.export;

/**
 * Narrows a listing of exports; a {@code null} part matches everything.
 *
 * @param owner only this caller's exports; {@code null} for every owner's (an admin)
 * @param name matched as a case-insensitive substring
 */
public record ExportFilter(String owner, ExportStatus status, DestinationType destinationType, String name) {

}
