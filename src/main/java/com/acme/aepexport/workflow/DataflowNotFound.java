package com.acme.aepexport.workflow;

/**
 * Adobe has no such dataflow in the sandbox (its {@code GET /flows/{id}} answered 404).
 */
public class DataflowNotFound extends RuntimeException {

	DataflowNotFound(String sandbox, String flowId) {
		super("Adobe has no dataflow " + flowId + " in sandbox " + sandbox);
	}

}
