package com.acme.aepexport.workflow;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;

import lombok.extern.slf4j.Slf4j;

/**
 * Runs a wake on a thread of its own after each ask, the asks made while it waits to run
 * sharing one run. An ask made before the thread takes it is answered by the run that
 * follows; one made after, or during a run, by the next: none goes unanswered.
 * <p>
 * Written by hand because it is a flag and a park: what a library offers for it (a
 * reactive sink, an executor with a queue of one) brings more than it saves.
 */
@Slf4j
final class CoalescedWakes implements AutoCloseable {

	private final Runnable wake;

	private final AtomicBoolean asked = new AtomicBoolean();

	private volatile boolean closed;

	private final Thread thread;

	CoalescedWakes(String name, Runnable wake) {
		this.wake = wake;
		this.thread = Thread.ofVirtual().name(name).start(this::wakeWhenAsked);
	}

	/** Never waits: at most it unparks the waking thread. */
	void ask() {
		if (!this.closed && !this.asked.getAndSet(true)) {
			LockSupport.unpark(this.thread);
		}
	}

	private void wakeWhenAsked() {
		while (!this.closed) {
			if (this.asked.getAndSet(false)) {
				try {
					this.wake.run();
				}
				catch (RuntimeException ex) {
					// The next ask wakes again: the thread must outlive one failure.
					log.warn("Waking failed", ex);
				}
			}
			else {
				LockSupport.park(this);
			}
		}
	}

	/** Asks made from now on are not answered (one made before may still be). */
	@Override
	public void close() {
		this.closed = true;
		LockSupport.unpark(this.thread);
	}

}
