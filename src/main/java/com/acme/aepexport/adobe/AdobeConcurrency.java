package com.acme.aepexport.adobe;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import com.netflix.concurrency.limits.Limiter;
import com.netflix.concurrency.limits.limit.WindowedLimit;
import com.netflix.concurrency.limits.limiter.SimpleLimiter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * How many calls to Adobe this instance has in flight at once: as many as Adobe takes,
 * found as it goes, not a number fixed in advance. The limit grows by one while calls
 * come back in time with no {@code 429}, and shrinks by {@code backoff-ratio} on a
 * {@code 429}, a {@code 503}, a timeout or a call slower than {@code slow-call} (additive
 * increase, multiplicative decrease), then holds one below where Adobe said no for
 * {@code plateau} before it probes higher ({@link PlateauLimit}), between {@code min} and
 * {@code max} (the ceiling per instance), and never above this instance's share of the
 * org's ceiling ({@link OrgShare}). Changes are decided once per window of samples, and a
 * burst of {@code 429}s that ends in several windows shrinks the limit once
 * ({@link PlateauLimit}), not once each. A call that finds no room waits for it, at most
 * {@code max-wait} (a caller's call at most its own timeout). Netflix's
 * concurrency-limits does the windows; what counts as a drop is Adobe's to say, so it is
 * said here, and so is the wait: the library's {@code BlockingLimiter} has one timeout
 * for every caller.
 */
final class AdobeConcurrency {

	private final SimpleLimiter<Void> limiter;

	private final Duration maxWait;

	/**
	 * This instance's share of the org's ceiling ({@link OrgShare}); unbounded when the
	 * org has none.
	 */
	private volatile int share = Integer.MAX_VALUE;

	/** Waited on for room; notified whenever a call ends. */
	private final Object room = new Object();

	AdobeConcurrency(AdobeSettings.Concurrency settings, MeterRegistry meters) {
		this.limiter = SimpleLimiter.newBuilder()
			.named("adobe")
			.limit(WindowedLimit.newBuilder()
				.minWindowTime(100, TimeUnit.MILLISECONDS)
				.maxWindowTime(1, TimeUnit.SECONDS)
				.windowSize(10)
				.build(new PlateauLimit(settings, System::nanoTime)))
			.build();
		this.maxWait = settings.maxWait();
		Gauge.builder("aep.adobe.concurrency.limit", this.limiter, SimpleLimiter::getLimit)
			.description("Calls to Adobe this instance may have in flight now (adaptive)")
			.register(meters);
		Gauge.builder("aep.adobe.concurrency.in-flight", this.limiter, SimpleLimiter::getInflight)
			.description("Calls to Adobe this instance has in flight now")
			.register(meters);
		Gauge.builder("aep.adobe.concurrency.share", this, (concurrency) -> Math.min(concurrency.share, settings.max()))
			.description("This instance's share of adobe.concurrency.org-max (max when the org has no ceiling)")
			.register(meters);
	}

	/**
	 * Makes the call once there is room for it, waiting at most {@code max-wait}.
	 * @throws AdobeCallFailed ({@linkplain AdobeCallFailed#sent() not sent}) when no room
	 * came in time, or the wait was interrupted (the interrupt is kept); and whatever the
	 * call throws
	 */
	<T> T call(String operation, Supplier<T> call) {
		return call(operation, this.maxWait, call);
	}

	/** As {@link #call(String, Supplier)}, waiting at most {@code wait} for room. */
	<T> T call(String operation, Duration wait, Supplier<T> call) {
		Limiter.Listener listener = acquire(operation, wait.compareTo(this.maxWait) < 0 ? wait : this.maxWait);
		try {
			T answer = call.get();
			listener.onSuccess();
			return answer;
		}
		catch (AdobeCallFailed failed) {
			if (isOverload(failed)) {
				listener.onDropped();
			}
			else if (failed.httpStatus() != null) {
				// A refusal came back in time: Adobe had room for it.
				listener.onSuccess();
			}
			else {
				listener.onIgnore();
			}
			throw failed;
		}
		catch (RuntimeException | Error ex) {
			listener.onIgnore();
			throw ex;
		}
	}

	private Limiter.Listener acquire(String operation, Duration wait) {
		long deadline = System.nanoTime() + wait.toNanos();
		synchronized (this.room) {
			while (true) {
				Optional<Limiter.Listener> permit = (this.limiter.getInflight() < this.share)
						? this.limiter.acquire(null) : Optional.empty();
				if (permit.isPresent()) {
					return released(permit.get());
				}
				long left = deadline - System.nanoTime();
				if (left <= 0) {
					throw AdobeCallFailed.notSent(operation,
							"no room to call Adobe within " + wait + " (adobe.concurrency.max-wait)", null);
				}
				try {
					TimeUnit.NANOSECONDS.timedWait(this.room, left);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					throw AdobeCallFailed.notSent(operation, "interrupted while waiting for room to call Adobe", ex);
				}
			}
		}
	}

	/** The permit, which wakes the calls waiting for room when it is given back. */
	private Limiter.Listener released(Limiter.Listener permit) {
		return new Limiter.Listener() {

			@Override
			public void onSuccess() {
				permit.onSuccess();
				wake();
			}

			@Override
			public void onIgnore() {
				permit.onIgnore();
				wake();
			}

			@Override
			public void onDropped() {
				permit.onDropped();
				wake();
			}

		};
	}

	private void wake() {
		synchronized (this.room) {
			this.room.notifyAll();
		}
	}

	/**
	 * Sets this instance's share of the org's ceiling; calls waiting for room look again.
	 */
	void share(int calls) {
		this.share = calls;
		wake();
	}

	int share() {
		return this.share;
	}

	int limit() {
		return this.limiter.getLimit();
	}

	int inFlight() {
		return this.limiter.getInflight();
	}

	/** Adobe saying it has no room: throttled, unavailable, or no answer in time. */
	private static boolean isOverload(AdobeCallFailed failed) {
		Integer status = failed.httpStatus();
		return failed.timedOut() || (status != null && (status == 429 || status == 503));
	}

}
