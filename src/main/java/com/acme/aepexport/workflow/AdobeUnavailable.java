package com.acme.aepexport.workflow;

import com.acme.aepexport.adobe.AdobeCallFailed;
import com.acme.aepexport.export.ChangeError;

/**
 * Adobe refused or did not answer a call made for a caller who is waiting (a change, a
 * run list), after the retries it was worth.
 */
public class AdobeUnavailable extends RuntimeException {

	private final Integer httpStatus;

	private final String adobeCode;

	private final boolean retryable;

	private final boolean timedOut;

	AdobeUnavailable(AdobeCallFailed failed) {
		super(failed.getMessage(), failed);
		this.httpStatus = failed.httpStatus();
		this.adobeCode = failed.adobeCode();
		this.retryable = failed.retryable();
		this.timedOut = failed.timedOut();
	}

	/** A change a worker applied for the caller, and Adobe refused. */
	AdobeUnavailable(ChangeError error) {
		super(error.message());
		this.httpStatus = error.httpStatus();
		this.adobeCode = error.adobeCode();
		this.retryable = error.retryable();
		this.timedOut = false;
	}

	/** Whether Adobe gave no answer in the time allowed. */
	public boolean timedOut() {
		return this.timedOut;
	}

	/** Adobe's status, or {@code null} when no answer came. */
	public Integer httpStatus() {
		return this.httpStatus;
	}

	public String adobeCode() {
		return this.adobeCode;
	}

	/** Whether the same request may succeed later. */
	public boolean retryable() {
		return this.retryable;
	}

}
