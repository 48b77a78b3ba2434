package com.acme.aepexport.export;

/** Where an ad hoc activation job stands, as far as its Adobe call tells. */
public enum ActivationStatus {

	/** Stored, Adobe being asked. */
	SENDING,

	/** Adobe started the job and named its runs. */
	STARTED,

	/** Adobe refused it: nothing started. */
	REFUSED,

	/** Adobe gave no usable answer: the job may have started. */
	UNKNOWN;

	/** Whether the job may hold its audiences (until its runs end or its time passes). */
	public boolean mayRun() {
		return this != REFUSED;
	}

}
