package com.acme.aepexport.workflow;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class CoalescedWakesTest {

	private final AtomicInteger runs = new AtomicInteger();

	@Test
	void anAskIsAnsweredByARun() {
		try (CoalescedWakes wakes = new CoalescedWakes("test-wakes", this.runs::incrementAndGet)) {
			wakes.ask();
			await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(this.runs).hasValue(1));
		}
	}

	@Test
	void asksMadeDuringARunShareTheNextOne() throws Exception {
		CountDownLatch running = new CountDownLatch(1);
		CountDownLatch release = new CountDownLatch(1);
		try (CoalescedWakes wakes = new CoalescedWakes("test-wakes", () -> {
			this.runs.incrementAndGet();
			running.countDown();
			awaitQuietly(release);
		})) {
			wakes.ask();
			running.await();
			try (ExecutorService askers = Executors.newVirtualThreadPerTaskExecutor()) {
				for (int i = 0; i < 100; i++) {
					askers.submit(wakes::ask);
				}
			}
			release.countDown();
			await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(this.runs).hasValue(2));
			await().during(Duration.ofMillis(200)).untilAsserted(() -> assertThat(this.runs).hasValue(2));
		}
	}

	@Test
	void aWakeThatFailsDoesNotStopTheNext() {
		try (CoalescedWakes wakes = new CoalescedWakes("test-wakes", () -> {
			if (this.runs.incrementAndGet() == 1) {
				throw new IllegalStateException("first wake fails");
			}
		})) {
			wakes.ask();
			await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(this.runs).hasValue(1));
			wakes.ask();
			await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(this.runs).hasValue(2));
		}
	}

	@Test
	void noAskIsAnsweredOnceClosed() {
		CoalescedWakes wakes = new CoalescedWakes("test-wakes", this.runs::incrementAndGet);
		wakes.close();
		wakes.ask();
		await().during(Duration.ofMillis(200)).untilAsserted(() -> assertThat(this.runs).hasValue(0));
	}

	private static void awaitQuietly(CountDownLatch latch) {
		try {
			latch.await();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
