package com.acme.aepexport.workflow;

import java.util.List;

/**
 * A change Adobe cannot make to an existing dataflow: a new export is needed.
 */
public class NotChangeableInPlace extends RuntimeException {

	private final List<String> fields;

	public NotChangeableInPlace(List<String> fields) {
		super("Cannot be changed in place: " + String.join(", ", fields)
				+ ". Create a new export (and delete this one) instead.");
		this.fields = List.copyOf(fields);
	}

	public List<String> fields() {
		return this.fields;
	}

}
