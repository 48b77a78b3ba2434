package com.acme.aepexport.export;

public class ExportNotFound extends RuntimeException {

	private final ExportId id;

	public ExportNotFound(ExportId id) {
		super("No export " + id);
		this.id = id;
	}

	public ExportId id() {
		return this.id;
	}

}
