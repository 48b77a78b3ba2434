package com.acme.aepexport.export;

/** The caller's {@code If-Match} names another version of the export than the current. */
public class ExportVersionMismatch extends RuntimeException {

	public ExportVersionMismatch(ExportId id, long expected, long actual) {
		super("Export " + id + " is at version " + actual + ", not " + expected
				+ ": read it again (its ETag) and decide again");
	}

}
