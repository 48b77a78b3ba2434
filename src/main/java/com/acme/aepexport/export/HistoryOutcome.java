package com.acme.aepexport.export;

/**
 * What became of a request in an export's history. {@link #ACCEPTED} is the only outcome
 * that changes: to one of the others, once, when the work the request started ends.
 */
public enum HistoryOutcome {

	/**
	 * Accepted; the work it started goes on (a workflow, a change Adobe has yet to
	 * confirm).
	 */
	ACCEPTED,
	/** Done: Adobe carries it (or nothing was left to do). */
	APPLIED,
	/** Adobe refused it: asking the same again will be refused again. */
	REFUSED,
	/**
	 * It did not get done: the workflow or teardown stopped on an error, Adobe did not
	 * answer, or the export was deleted first.
	 */
	FAILED

}
