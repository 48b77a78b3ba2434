package com.acme.aepexport.emulator;

/**
 * How an emulated dataflow run ends, with the status Adobe reports for it. Adobe
 * documents {@code Success} and {@code Failed} (its examples spell them in lower case);
 * {@code partialSuccess} and {@code cancelled} are not documented as run statuses, which
 * is why the emulator sends them: a reader of runs must keep values it does not know.
 */
public enum RunOutcome {

	SUCCESS("success"), FAILED("failed"), PARTIAL_SUCCESS("partialSuccess"), CANCELLED("cancelled");

	private final String status;

	RunOutcome(String status) {
		this.status = status;
	}

	/** {@code metrics.statusSummary.status} once the run is over. */
	public String status() {
		return this.status;
	}

}
