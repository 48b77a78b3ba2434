package com.acme.aepexport.workflow;

/**
 * Adobe's guardrails for ad hoc activation jobs ({@code ad-hoc-activation.yaml}), and
 * ours around them, each checked before Adobe is called. A request that cannot be made as
 * asked is {@link #conflict() unprocessable} (the same request always fails); one the
 * state of the export's runs or schedules forbids for now is a conflict (it may pass
 * later).
 */
public enum ActivationGuardrail {

	/** An audience asked for is not one of the export's. */
	AUDIENCE_NOT_IN_EXPORT(false),

	/** An audience is named twice. */
	AUDIENCE_NAMED_TWICE(false),

	/** An empty list was given. */
	NO_AUDIENCE(false),

	/** More than 80 audiences in one job. */
	TOO_MANY_AUDIENCES(false),

	/**
	 * Less than an hour since the audience's first scheduled activation, or that
	 * activation is still to come.
	 */
	TOO_SOON_AFTER_FIRST_SCHEDULED_ACTIVATION(true),

	/** The audience's schedule ended: Adobe holds it out of schedule range. */
	SCHEDULE_ENDED(true),

	/** A scheduled run of the audience waits or runs. */
	SCHEDULED_RUN_IN_PROGRESS(true),

	/** An ad hoc job of the audience is still going on. */
	ACTIVATION_IN_PROGRESS(true);

	private final boolean conflict;

	ActivationGuardrail(boolean conflict) {
		this.conflict = conflict;
	}

	/** Whether it may pass later (a 409), rather than never as asked (a 422). */
	public boolean conflict() {
		return this.conflict;
	}

}
