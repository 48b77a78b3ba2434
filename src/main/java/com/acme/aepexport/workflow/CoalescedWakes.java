package com.acme.aepexport.workflow;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;

/**
 * Runs a wake on a thread of its own after each ask, the asks made while it waits to run
 * sharing one run. An ask made before the thread takes it is answered by the run that
 * follows; one made after, or during a run, by the next: none goes unanswered.
 * <p>
 * Written by hand because it is a flag and a park: what a library offers for it (a
 * reactive sink, an executor with a queue of one) brings more than it saves.
 */
final class CoalescedWakes implements AutoCloseable {

	private final Runnable wake;

	private final AtomicBoolean asked = new AtomicBoolean();

	private final Thread thread;

	CoalescedWakes(String name, Runnable wake) {
		this.wake = wake;
		this.thread = Thread.ofVirtual().name(name).start(this::wakeWhenAsked);
	}

	/** Never waits: at most it unparks the waking thread. */
	void ask() {
		if (!this.asked.getAndSet(true)) {
			LockSupport.unpark(this.thread);
		}
	}

	private void wakeWhenAsked() {
		while (!Thread.currentThread().isInterrupted()) {
			if (this.asked.getAndSet(false)) {
				this.wake.run();
			}
			else {
				LockSupport.park(this);
			}
		}
	}

	/** Asks made from now on are not answered. */
	@Override
	public void close() {
		this.thread.interrupt();
	}

}
