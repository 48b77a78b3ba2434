package com.acme.aepexport.adobe;

import java.time.Duration;
import java.util.function.LongSupplier;

import com.netflix.concurrency.limits.limit.AbstractLimit;

/**
 * Additive increase, multiplicative decrease, as Netflix's {@code AIMDLimit} does it (one
 * more while at least half the limit is in flight, {@code backoffRatio} times the limit
 * on a drop or a call slower than {@code slowCall}), with one thing that library lacks: a
 * memory of where Adobe last said no. After a drop the limit grows back to one below the
 * limit that drew it and stays there for {@code plateau}, then probes higher again. Plain
 * AIMD climbs back into the same {@code 429}s window after window, and each {@code 429}
 * holds its export for Adobe's {@code Retry-After}, a second or more, while its worker
 * waits: what a throttled backlog lost was mostly that (ExportBenchmark). The drops of
 * one burst, which can end in the windows after the cut (their calls were sent before it,
 * under the higher limit), cut once: taken one by one, each set the plateau one lower
 * than the last, and a backlog spent its time below Adobe's room.
 */
final class PlateauLimit extends AbstractLimit {

	private final int min;

	private final int max;

	private final double backoffRatio;

	private final long slowCallNanos;

	private final long plateauNanos;

	private final LongSupplier nanoTime;

	/**
	 * Where the limit stops growing until {@link #plateauEnds}; written under the lock of
	 * {@link AbstractLimit#onSample}, read without it by {@link #plateau()}.
	 */
	private volatile int plateau = Integer.MAX_VALUE;

	private volatile long plateauEnds;

	/** When the last drop cut the limit; written and read under the same lock. */
	private long lastCut;

	PlateauLimit(AdobeSettings.Concurrency settings, LongSupplier nanoTime) {
		super(settings.initial());
		this.min = settings.min();
		this.max = settings.max();
		this.backoffRatio = settings.backoffRatio();
		this.slowCallNanos = settings.slowCall().toNanos();
		this.plateauNanos = settings.plateau().toNanos();
		this.nanoTime = nanoTime;
		this.lastCut = nanoTime.getAsLong() - Long.MAX_VALUE / 2;
	}

	/** Called under the lock of {@link AbstractLimit#onSample}, one window at a time. */
	@Override
	protected int _update(long startTime, long rtt, int inflight, boolean didDrop) {
		int limit = getLimit();
		long now = this.nanoTime.getAsLong();
		if (didDrop || rtt > this.slowCallNanos) {
			if (inflight > limit || now - this.lastCut < 2 * rtt) {
				// Sent before the cut (more in flight than it allows, or answered within
				// two round trips of it): the same burst.
				return limit;
			}
			this.lastCut = now;
			this.plateau = Math.max(this.min, limit - 1);
			this.plateauEnds = now + this.plateauNanos;
			limit = (int) (limit * this.backoffRatio);
		}
		else if (inflight * 2 >= limit && (limit < this.plateau || now - this.plateauEnds >= 0)) {
			limit++;
		}
		return Math.min(this.max, Math.max(this.min, limit));
	}

	/** Where the limit stays for now, if a drop set one (for the tests and logs). */
	int plateau() {
		return (this.nanoTime.getAsLong() - this.plateauEnds < 0) ? this.plateau : Integer.MAX_VALUE;
	}

	@Override
	public String toString() {
		return "PlateauLimit[limit=" + getLimit() + ", plateau=" + plateau() + " for "
				+ Duration.ofNanos(this.plateauNanos) + "]";
	}

}
