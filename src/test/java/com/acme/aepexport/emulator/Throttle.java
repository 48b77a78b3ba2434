package com.acme.aepexport.emulator;

import java.time.Duration;
import java.util.PriorityQueue;
import java.util.concurrent.TimeUnit;

/**
 * Adobe's capacity, for benchmarks: every answer takes {@code latency}, and a call that
 * arrives while {@code capacity} calls are in flight is refused. A call is in flight from
 * its arrival until its answer is due to leave (arrival + its delay), which is when
 * Adobe's servers are done with it: a client that never holds more than {@code capacity}
 * calls open is never refused. A refused call holds no capacity. {@link #OFF} delays
 * nothing, refuses nothing and counts nothing.
 */
final class Throttle {

	static final Throttle OFF = new Throttle(Duration.ZERO, Integer.MAX_VALUE, false);

	private final long latencyMillis;

	private final int capacity;

	private final boolean on;

	/** When the answers of the calls in flight are due, {@link System#nanoTime()}. */
	private final PriorityQueue<Long> due = new PriorityQueue<>();

	private int peak;

	private Throttle(Duration latency, int capacity, boolean on) {
		this.latencyMillis = latency.toMillis();
		this.capacity = capacity;
		this.on = on;
	}

	static Throttle of(Duration latency, int capacity) {
		if (latency.isNegative() || capacity < 1) {
			throw new IllegalArgumentException(
					"latency must be >= 0 and capacity >= 1, were " + latency + ", " + capacity);
		}
		return new Throttle(latency, capacity, true);
	}

	long latencyMillis() {
		return this.latencyMillis;
	}

	/**
	 * Whether a call arriving now is served; if so it is in flight for
	 * {@code delayMillis}.
	 */
	synchronized boolean admit(long delayMillis) {
		if (!this.on) {
			return true;
		}
		long now = System.nanoTime();
		dropAnswered(now);
		if (this.due.size() >= this.capacity) {
			return false;
		}
		this.due.add(now + TimeUnit.MILLISECONDS.toNanos(delayMillis));
		this.peak = Math.max(this.peak, this.due.size());
		return true;
	}

	synchronized int inFlight() {
		dropAnswered(System.nanoTime());
		return this.due.size();
	}

	/** The most calls in flight at once since this throttle was set. */
	synchronized int peak() {
		return this.peak;
	}

	private void dropAnswered(long now) {
		while (!this.due.isEmpty() && this.due.peek() - now <= 0) {
			this.due.poll();
		}
	}

}
