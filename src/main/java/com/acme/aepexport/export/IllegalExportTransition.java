package com.acme.aepexport.export;

/**
 * An export or step was asked to move to a state it cannot reach from where it is.
 */
public class IllegalExportTransition extends IllegalStateException {

	public IllegalExportTransition(String message) {
		super(message);
	}

}
