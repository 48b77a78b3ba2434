package com.acme.aepexport.api;

import java.util.List;

/**
 * A request broke one or more rules; answered as one 400 problem listing them all.
 */
class InvalidRequest extends RuntimeException {

	private final List<FieldProblem> problems;

	InvalidRequest(List<FieldProblem> problems) {
		super(problems.size() + " invalid fields");
		this.problems = List.copyOf(problems);
	}

	List<FieldProblem> problems() {
		return this.problems;
	}

}
