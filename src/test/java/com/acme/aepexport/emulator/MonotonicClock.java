package com.acme.aepexport.emulator;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Epoch milliseconds that never repeat, so "newest first" is a total order even for
 * entities created in the same millisecond.
 */
final class MonotonicClock {

	private final AtomicLong last = new AtomicLong();

	long millis() {
		return this.last.updateAndGet((previous) -> Math.max(previous + 1, System.currentTimeMillis()));
	}

}
