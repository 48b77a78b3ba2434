package com.acme.aepexport.workflow;

import com.acme.aepexport.adobe.AdobeCallFailed;
import com.acme.aepexport.export.ChangeError;

/**
 * A call made in Adobe for a caller who is waiting (a change, a run list) did not give
 * what was asked, after the retries it was worth: Adobe refused it
 * ({@link AdobeRefused}), or gave no usable answer in time ({@link AdobeUnavailable}).
 */
public abstract sealed class AdobeProblem extends RuntimeException permits AdobeRefused, AdobeUnavailable {

	private final Integer httpStatus;

	private final String adobeCode;

	AdobeProblem(String message, Throwable cause, Integer httpStatus, String adobeCode) {
		super(message, cause);
		this.httpStatus = httpStatus;
		this.adobeCode = adobeCode;
	}

	static AdobeProblem of(AdobeCallFailed failed) {
		return (failed.retryable() || failed.timedOut()) ? new AdobeUnavailable(failed, failed.timedOut())
				: new AdobeRefused(failed);
	}

	/** A change a worker applied for the caller, and Adobe did not take. */
	public static AdobeProblem of(ChangeError error) {
		return error.retryable() ? new AdobeUnavailable(error) : new AdobeRefused(error);
	}

	/** Adobe's status, or {@code null} when no answer came. */
	public Integer httpStatus() {
		return this.httpStatus;
	}

	public String adobeCode() {
		return this.adobeCode;
	}

}
