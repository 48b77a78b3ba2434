package com.acme.aepexport.workflow;

import com.acme.aepexport.adobe.AdobeCallFailed;
import com.acme.aepexport.export.ChangeError;

/**
 * Adobe gave no usable answer (a timeout, a {@code 429} or {@code 5xx} past its retries):
 * the same request may succeed later.
 */
public final class AdobeUnavailable extends AdobeProblem {

	private final boolean timedOut;

	AdobeUnavailable(AdobeCallFailed failed, boolean timedOut) {
		super(failed.getMessage(), failed, failed.httpStatus(), failed.adobeCode());
		this.timedOut = timedOut;
	}

	AdobeUnavailable(ChangeError error) {
		super(error.message(), null, error.httpStatus(), error.adobeCode());
		this.timedOut = false;
	}

	/** Whether Adobe gave no answer in the time the caller is given. */
	public boolean timedOut() {
		return this.timedOut;
	}

}
