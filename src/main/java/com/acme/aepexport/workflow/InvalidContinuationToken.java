package com.acme.aepexport.workflow;

/**
 * A continuation token that this service did not give for this export's runs.
 */
public class InvalidContinuationToken extends RuntimeException {

	public InvalidContinuationToken() {
		super("The continuationToken does not continue a list of this export's runs; start again without one");
	}

}
