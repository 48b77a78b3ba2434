package com.acme.aepexport.support;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The wall clock, moved on by what a test adds: time still flows, so the service's
 * timeouts and polls work as they do, but a test can jump to a moment hours ahead (a
 * schedule's window) without waiting for it. It only ever moves forward.
 */
public final class MovableClock extends Clock {

	private final AtomicReference<Duration> ahead = new AtomicReference<>(Duration.ZERO);

	@Override
	public Instant instant() {
		return Instant.now().plus(this.ahead.get());
	}

	@Override
	public ZoneId getZone() {
		return ZoneOffset.UTC;
	}

	@Override
	public Clock withZone(ZoneId zone) {
		return Clock.offset(Clock.system(zone), this.ahead.get());
	}

	/** Moves the clock on by {@code time}. */
	public void moveOn(Duration time) {
		if (time.isNegative()) {
			throw new IllegalArgumentException("A movable clock only moves forward, not by " + time);
		}
		this.ahead.accumulateAndGet(time, Duration::plus);
	}

}
