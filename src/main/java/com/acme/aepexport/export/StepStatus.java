package com.acme.aepexport.export;

public enum StepStatus {

	PENDING, RUNNING, SUCCEEDED, FAILED, SKIPPED;

	/** Whether later steps may rely on this one. */
	public boolean isDone() {
		return this == SUCCEEDED || this == SKIPPED;
	}

}
