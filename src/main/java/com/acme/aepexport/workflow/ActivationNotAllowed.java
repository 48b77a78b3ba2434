package com.acme.aepexport.workflow;

import java.util.List;

/**
 * An ad hoc activation job refused before Adobe was called: every audience that breaks a
 * guardrail, and which one. All of one kind: either every one a
 * {@link ActivationGuardrail#conflict() conflict}, or none.
 */
public class ActivationNotAllowed extends RuntimeException {

	private final transient List<Violation> violations;

	ActivationNotAllowed(List<Violation> violations) {
		super(violations.getFirst().message()
				+ ((violations.size() > 1) ? " (and " + (violations.size() - 1) + " more)" : ""));
		this.violations = List.copyOf(violations);
	}

	public List<Violation> violations() {
		return this.violations;
	}

	/** The guardrail of the first violation, the one the message names. */
	public ActivationGuardrail guardrail() {
		return this.violations.getFirst().guardrail();
	}

	public boolean conflict() {
		return guardrail().conflict();
	}

	/**
	 * @param field where the audience was named: {@code audienceIds[i]} in the request,
	 * {@code audiences[i]} in the export when the request named none, or
	 * {@code audienceIds} for the list as a whole
	 */
	public record Violation(ActivationGuardrail guardrail, String field, String message) {

	}

}
