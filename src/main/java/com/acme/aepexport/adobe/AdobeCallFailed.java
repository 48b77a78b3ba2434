package com.acme.aepexport.adobe;

import java.time.Duration;
import java.util.Collection;
import java.util.Optional;

/**
 * An Adobe call did not succeed: Adobe refused it, failed, or did not answer in time. The
 * message is Adobe's own where it gave one and never contains what we sent.
 */
public class AdobeCallFailed extends RuntimeException {

	private final String operation;

	private final Integer httpStatus;

	private final String adobeCode;

	private final String adobeMessage;

	private final boolean retryable;

	private final Duration retryAfter;

	private final boolean timedOut;

	private final boolean sent;

	AdobeCallFailed(String operation, Integer httpStatus, String adobeCode, String message, boolean retryable,
			Throwable cause) {
		this(operation, httpStatus, adobeCode, message, retryable, null, cause);
	}

	AdobeCallFailed(String operation, Integer httpStatus, String adobeCode, String message, boolean retryable,
			Duration retryAfter, Throwable cause) {
		this(operation, httpStatus, adobeCode, message, retryable, retryAfter, false, true, cause);
	}

	private AdobeCallFailed(String operation, Integer httpStatus, String adobeCode, String message, boolean retryable,
			Duration retryAfter, boolean timedOut, boolean sent, Throwable cause) {
		super(operation + " failed" + ((httpStatus != null) ? " with HTTP " + httpStatus : "") + ": " + message, cause);
		this.operation = operation;
		this.httpStatus = httpStatus;
		this.adobeCode = adobeCode;
		this.adobeMessage = message;
		this.retryable = retryable;
		this.retryAfter = retryAfter;
		this.timedOut = timedOut;
		this.sent = sent;
	}

	/** Adobe did not answer within {@code timeout}; the call may still have happened. */
	static AdobeCallFailed noAnswer(String operation, Duration timeout, Throwable cause) {
		return new AdobeCallFailed(operation, null, null, "no answer within " + timeout, true, null, true, true, cause);
	}

	/**
	 * The call was never sent: this instance had no room for it
	 * ({@link AdobeConcurrency}) within {@code reason}'s wait, or the wait was
	 * interrupted. It says nothing about Adobe, so it costs the step none of its attempts
	 * ({@link AdobeRetryPolicy}).
	 */
	static AdobeCallFailed notSent(String operation, String reason, Throwable cause) {
		return new AdobeCallFailed(operation, null, null, reason, true, null, false, false, cause);
	}

	/**
	 * Adobe answered, but its answer cannot be used: a field we need is missing, of
	 * another type, or out of range. Trying the same call again would get the same
	 * answer, so it is not retryable; the message names the field.
	 * @param field where in the answer, e.g. {@code items[2].id}; empty for the whole
	 * answer
	 */
	static AdobeCallFailed unusable(String operation, String field, String reason) {
		return new AdobeCallFailed(operation, 200, null,
				"Adobe's answer cannot be used: " + (field.isEmpty() ? "" : field + " ") + reason, false, null);
	}

	/** What was attempted, e.g. {@code POST /flows}. */
	public String operation() {
		return this.operation;
	}

	/** Adobe's status, or {@code null} when no answer arrived. */
	public Integer httpStatus() {
		return this.httpStatus;
	}

	public String adobeCode() {
		return this.adobeCode;
	}

	/** Adobe's own words, without our prefix. */
	public String adobeMessage() {
		return this.adobeMessage;
	}

	/**
	 * The same failure with these values blanked out of Adobe's words: an error about
	 * credentials must not carry them into a log line or a stored error, should Adobe
	 * quote them.
	 */
	public AdobeCallFailed redacting(Collection<String> secrets) {
		String message = this.adobeMessage;
		for (String secret : secrets) {
			if (secret != null && !secret.isEmpty()) {
				message = message.replace(secret, "[redacted]");
			}
		}
		return new AdobeCallFailed(this.operation, this.httpStatus, this.adobeCode, message, this.retryable,
				this.retryAfter, this.timedOut, this.sent, null);
	}

	/**
	 * Whether the same call may succeed later: timeouts, lost connections, 429 and 5xx.
	 */
	public boolean retryable() {
		return this.retryable;
	}

	/** Whether no answer came within the time allowed (rather than no connection). */
	public boolean timedOut() {
		return this.timedOut;
	}

	/**
	 * Whether the call may have reached Adobe; {@code false} only when it never left this
	 * instance ({@link #notSent}).
	 */
	public boolean sent() {
		return this.sent;
	}

	/**
	 * Whether the call counts among its step's attempts: it may have reached Adobe, and
	 * Adobe did not answer {@code 429}. A {@code 429} is Adobe refusing the call for its
	 * load alone, having done nothing: a backlog drained against an Adobe that throttles
	 * must not fail exports for it. Such a call, like one never sent, costs its step time
	 * ({@code adobe.retry.max-time-per-step}), not attempts.
	 */
	public boolean costsAnAttempt() {
		return this.sent && !throttled();
	}

	/** Whether Adobe answered {@code 429}. */
	public boolean throttled() {
		return this.sent && this.httpStatus != null && this.httpStatus == 429;
	}

	/** How long Adobe asked us to wait ({@code Retry-After}), when it said. */
	public Optional<Duration> retryAfter() {
		return Optional.ofNullable(this.retryAfter);
	}

}
