package com.acme.aepexport.adobe;

import java.time.Duration;

/**
 * Adobe's failures and our retry policy, made by hand for the unit tests of code that
 * calls Adobe (their constructors are this package's).
 */
public final class AdobeFakes {

	private AdobeFakes() {
	}

	/** Adobe refused the call: trying again would get the same answer. */
	public static AdobeCallFailed refused(String operation, int status, String message) {
		return new AdobeCallFailed(operation, status, null, message, false, null);
	}

	/** Adobe is busy: the same call may succeed later. */
	public static AdobeCallFailed busy(String operation) {
		return new AdobeCallFailed(operation, 503, "503000", "busy", true, null);
	}

	/** This instance had no room to make the call: it never reached Adobe. */
	public static AdobeCallFailed noRoom(String operation) {
		return AdobeCallFailed.notSent(operation, "no room to call Adobe", null);
	}

	/**
	 * Up to {@code maxAttempts} attempts a step, {@code backoff} apart exactly (no
	 * growth, no jitter).
	 */
	public static AdobeRetryPolicy retryPolicy(int maxAttempts, Duration backoff) {
		return new AdobeRetryPolicy(new AdobeSettings.Retry(maxAttempts, Duration.ofMinutes(1), backoff, backoff, 1.0,
				0.0, Duration.ofMinutes(1)));
	}

}
