package com.acme.aepexport.adobe;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class AdobeRetryPolicyTest {

	private final AdobeRetryPolicy policy = new AdobeRetryPolicy(new AdobeSettings.Retry(4, Duration.ofMinutes(2),
			Duration.ofSeconds(1), Duration.ofSeconds(20), 2.0, 0.5, Duration.ofMinutes(10)));

	@Test
	void transientFaultsWaitLongerAndLongerWithJitter() {
		AdobeCallFailed unavailable = failure(503, true, null);

		Duration first = this.policy.delayBeforeRetry(unavailable, 1, 0, Duration.ZERO).orElseThrow();
		Duration second = this.policy.delayBeforeRetry(unavailable, 2, 0, Duration.ZERO).orElseThrow();
		Duration third = this.policy.delayBeforeRetry(unavailable, 3, 0, Duration.ZERO).orElseThrow();

		assertThat(first).isBetween(Duration.ofMillis(500), Duration.ofMillis(1500));
		assertThat(second).isBetween(Duration.ofMillis(1000), Duration.ofMillis(3000));
		assertThat(third).isBetween(Duration.ofMillis(2000), Duration.ofMillis(6000));
	}

	@Test
	void permanentFaultsAreNotRetried() {
		assertThat(this.policy.delayBeforeRetry(failure(400, false, null), 1, 0, Duration.ZERO)).isEmpty();
	}

	@Test
	void retryAfterIsHonouredWhenLongerThanTheBackoff() {
		assertThat(this.policy.delayBeforeRetry(failure(429, true, Duration.ofSeconds(30)), 1, 1, Duration.ZERO))
			.contains(Duration.ofSeconds(30));
	}

	@Test
	void theAttemptsAndTheTimeOfAStepAreBounded() {
		AdobeCallFailed unavailable = failure(503, true, null);

		assertThat(this.policy.delayBeforeRetry(unavailable, 4, 0, Duration.ZERO)).isEmpty();
		assertThat(this.policy.delayBeforeRetry(unavailable, 1, 0, Duration.ofMillis(119_600))).isEmpty();
		assertThat(this.policy.delayBeforeRetry(failure(429, true, Duration.ofMinutes(5)), 1, 1, Duration.ZERO))
			.isEmpty();
	}

	@Test
	void aCallNeverSentCostsNoAttemptOnlyTime() {
		AdobeCallFailed noRoom = AdobeCallFailed.notSent("POST /flows", "no room", null);

		assertThat(this.policy.delayBeforeRetry(noRoom, 40, 0, Duration.ofSeconds(30)))
			.as("after more not-sent tries than the step's attempts")
			.hasValueSatisfying(
					(pause) -> assertThat(pause).isBetween(Duration.ofMillis(500), Duration.ofMillis(1500)));
		assertThat(this.policy.delayBeforeRetry(noRoom, 1, 0, Duration.ofMillis(119_600)))
			.as("the step's time still bounds it")
			.isEmpty();
	}

	@Test
	void aThrottledCallCostsNoAttemptOnlyTime() {
		AdobeCallFailed throttled = failure(429, true, Duration.ofSeconds(3));

		assertThat(throttled.costsAnAttempt()).isFalse();
		assertThat(failure(503, true, null).costsAnAttempt()).isTrue();
		assertThat(this.policy.delayBeforeRetry(throttled, 40, 1, Duration.ofSeconds(30)))
			.as("after more 429s than the step's attempts, Adobe's Retry-After")
			.contains(Duration.ofSeconds(3));
		assertThat(this.policy.delayBeforeRetry(failure(429, true, null), 40, 1, Duration.ofSeconds(30)))
			.as("without one, the first pause")
			.hasValueSatisfying(
					(pause) -> assertThat(pause).isBetween(Duration.ofMillis(500), Duration.ofMillis(1500)));
		assertThat(this.policy.delayBeforeRetry(failure(429, true, null), 1, 3, Duration.ofSeconds(30)))
			.as("the third 429 of the step, the third pause")
			.hasValueSatisfying((pause) -> assertThat(pause).isBetween(Duration.ofSeconds(2), Duration.ofSeconds(6)));
		assertThat(this.policy.delayBeforeRetry(throttled, 1, 1, Duration.ofMillis(118_000)))
			.as("the step's time still bounds it")
			.isEmpty();
	}

	@Test
	void aRetryAfterLongerThanTheMostHonouredIsTakenAsThatAndNeverOverflows() {
		AdobeRetryPolicy capped = new AdobeRetryPolicy(new AdobeSettings.Retry(4, Duration.ofMinutes(2),
				Duration.ofSeconds(1), Duration.ofSeconds(20), 2.0, 0.5, Duration.ofSeconds(45)));

		assertThat(capped.delayBeforeRetry(failure(429, true, Duration.ofSeconds(Long.MAX_VALUE)), 1, 1,
				Duration.ofSeconds(10)))
			.contains(Duration.ofSeconds(45));
		assertThat(capped.delayBeforeRetry(failure(503, true, Duration.ofDays(365)), 1, 0, Duration.ofSeconds(90)))
			.as("the step's own budget still bounds it")
			.isEmpty();
		assertThat(AdobeErrors.retryAfter(Long.toString(Long.MAX_VALUE), java.time.Instant.now()))
			.isEqualTo(Duration.ofSeconds(Long.MAX_VALUE));
		assertThat(AdobeErrors.retryAfter("99999999999999999999999", java.time.Instant.now())).isNull();
	}

	@Test
	void retryAfterIsReadAsSecondsOrAsAnHttpDate() {
		java.time.Instant now = java.time.Instant.parse("2026-11-29T10:00:00Z");

		assertThat(AdobeErrors.retryAfter("120", now)).isEqualTo(Duration.ofMinutes(2));
		assertThat(AdobeErrors.retryAfter("Sun, 29 Nov 2026 10:00:30 GMT", now)).isEqualTo(Duration.ofSeconds(30));
		assertThat(AdobeErrors.retryAfter("soon", now)).isNull();
		assertThat(AdobeErrors.retryAfter(null, now)).isNull();
	}

	private static AdobeCallFailed failure(int status, boolean retryable, Duration retryAfter) {
		return new AdobeCallFailed("POST /flows", status, null, "failed", retryable, retryAfter, null);
	}

}
