package com.acme.aepexport.adobe;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;

import io.github.resilience4j.core.IntervalFunction;

/**
 * When a failed Adobe call is worth trying again, and after how long: only transient
 * faults (timeouts, lost connections, 408, 429, 5xx), after an exponentially growing
 * pause with jitter or Adobe's {@code Retry-After} when it is longer, within a budget of
 * attempts and of time per workflow step. Adobe documents no rate limits
 * (adobe-api-notes.md §4.6), so this is a defensive choice, not a contract.
 */
public class AdobeRetryPolicy {

	private final AdobeSettings.Retry settings;

	private final IntervalFunction backoff;

	AdobeRetryPolicy(AdobeSettings.Retry settings) {
		this.settings = settings;
		this.backoff = IntervalFunction.ofExponentialRandomBackoff(settings.initialBackoff(), settings.multiplier(),
				settings.jitter(), settings.maxBackoff());
	}

	/**
	 * A call that was never sent, or that Adobe throttled
	 * ({@link AdobeCallFailed#costsAnAttempt()}), is not an attempt: it is tried again
	 * for as long as the step's time allows, so that this instance or Adobe being busy
	 * never fails an export by itself. A throttled one waits longer each time, as
	 * attempts do; one never sent waits the first pause.
	 * @param failure what the last attempt ended with
	 * @param attemptsMade attempts of the step so far, the failed one included
	 * @param throttles the step's calls Adobe throttled so far, the failed one included
	 * @param spent time since the step's first attempt
	 * @return the pause before the next attempt, or empty when the step should fail now
	 */
	public Optional<Duration> delayBeforeRetry(AdobeCallFailed failure, int attemptsMade, int throttles,
			Duration spent) {
		if (!failure.retryable() || (failure.costsAnAttempt() && attemptsMade >= this.settings.maxAttempts())) {
			return Optional.empty();
		}
		int tries = failure.costsAnAttempt() ? attemptsMade : failure.throttled() ? Math.max(throttles, 1) : 1;
		Duration delay = Duration.ofMillis(this.backoff.apply(tries));
		Duration askedFor = failure.retryAfter()
			.filter((retryAfter) -> retryAfter.compareTo(this.settings.maxRetryAfter()) <= 0)
			.orElseGet(() -> failure.retryAfter().isPresent() ? this.settings.maxRetryAfter() : Duration.ZERO);
		if (askedFor.compareTo(delay) > 0) {
			delay = askedFor;
		}
		if (spent.plus(delay).compareTo(this.settings.maxTimePerStep()) > 0) {
			return Optional.empty();
		}
		return Optional.of(delay);
	}

	/**
	 * Makes {@code call} until it succeeds, sleeping between attempts as
	 * {@link #delayBeforeRetry} says; for Adobe work done while a caller waits (a change,
	 * a teardown step), where the workflow's own retry queue does not apply.
	 * @throws AdobeCallFailed the last failure, once it is permanent or the budget is
	 * spent
	 */
	public <T> T call(Clock clock, Supplier<T> call) throws InterruptedException {
		Instant first = clock.instant();
		int attempts = 0;
		int throttles = 0;
		while (true) {
			try {
				return call.get();
			}
			catch (AdobeCallFailed failed) {
				attempts += failed.costsAnAttempt() ? 1 : 0;
				throttles += failed.throttled() ? 1 : 0;
				Optional<Duration> pause = delayBeforeRetry(failed, Math.max(attempts, 1), throttles,
						Duration.between(first, clock.instant()));
				if (pause.isEmpty()) {
					throw failed;
				}
				Thread.sleep(pause.get());
			}
		}
	}

}
