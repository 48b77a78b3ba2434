package com.acme.aepexport.adobe;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * The adaptive limit of calls to Adobe in flight, driven by calls that answer as Adobe
 * would: it grows while calls come back, shrinks on {@code 429}, and a call with no room
 * waits, then fails retryably; nothing here needs a server.
 */
class AdobeConcurrencyTest {

	private static final AdobeSettings.Concurrency SETTINGS = new AdobeSettings.Concurrency(4, 1, 32, 0.5,
			Duration.ofSeconds(5), Duration.ofMillis(300), 0, Duration.ofSeconds(5), Duration.ofSeconds(30));

	private final AdobeConcurrency concurrency = new AdobeConcurrency(SETTINGS, new SimpleMeterRegistry());

	@Test
	void theLimitGrowsWhileCallsComeBackInTime() throws InterruptedException {
		AtomicBoolean running = new AtomicBoolean(true);
		try (ExecutorService callers = Executors.newVirtualThreadPerTaskExecutor()) {
			for (int i = 0; i < 32; i++) {
				callers.submit(() -> {
					while (running.get()) {
						this.concurrency.call("GET /flows", () -> pause(5));
					}
				});
			}
			await().atMost(Duration.ofSeconds(10)).until(() -> this.concurrency.limit() >= 12);
			running.set(false);
		}
		assertThat(this.concurrency.inFlight()).isZero();
	}

	@Test
	void aBurstOf429sShrinksTheLimitAndItNeverGoesBelowTheMinimum() {
		// A window of the limit needs ten calls at least.
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
			for (int i = 0; i < 20; i++) {
				assertThatExceptionOfType(AdobeCallFailed.class)
					.isThrownBy(() -> this.concurrency.call("POST /flows", () -> {
						pause(2);
						throw new AdobeCallFailed("POST /flows", 429, "429050", "Too many requests", true, null);
					}));
			}
			assertThat(this.concurrency.limit()).isEqualTo(SETTINGS.min());
		});
		assertThat(this.concurrency.inFlight()).isZero();
	}

	@Test
	void aRefusalThatCameBackInTimeDoesNotShrinkTheLimit() {
		for (int i = 0; i < 200; i++) {
			assertThatExceptionOfType(AdobeCallFailed.class)
				.isThrownBy(() -> this.concurrency.call("POST /flows", () -> {
					pause(2);
					throw new AdobeCallFailed("POST /flows", 400, "FLOW-1001", "bad", false, null);
				}));
		}
		assertThat(this.concurrency.limit()).isGreaterThanOrEqualTo(SETTINGS.initial());
	}

	@Test
	void aCallWithNoRoomWaitsThenFailsRetryably() throws InterruptedException {
		CountDownLatch holding = new CountDownLatch(SETTINGS.initial());
		CountDownLatch release = new CountDownLatch(1);
		try (ExecutorService callers = Executors.newVirtualThreadPerTaskExecutor()) {
			for (int i = 0; i < SETTINGS.initial(); i++) {
				callers.submit(() -> this.concurrency.call("GET /flows", () -> {
					holding.countDown();
					hold(release);
					return null;
				}));
			}
			assertThat(holding.await(5, TimeUnit.SECONDS)).isTrue();
			long started = System.nanoTime();

			assertThatExceptionOfType(AdobeCallFailed.class)
				.isThrownBy(() -> this.concurrency.call("POST /flows", () -> "sent"))
				.satisfies((failed) -> assertThat(failed.retryable()).isTrue())
				.withMessageContaining("no room to call Adobe within PT0.3S");
			assertThat(Duration.ofNanos(System.nanoTime() - started)).isBetween(Duration.ofMillis(250),
					Duration.ofSeconds(3));

			release.countDown();
		}
		assertThat(this.concurrency.call("POST /flows", () -> "sent")).isEqualTo("sent");
	}

	@Test
	void aCallWaitingForRoomGoesAsSoonAsACallEnds() throws InterruptedException {
		CountDownLatch holding = new CountDownLatch(SETTINGS.initial());
		CountDownLatch release = new CountDownLatch(1);
		try (ExecutorService callers = Executors.newVirtualThreadPerTaskExecutor()) {
			for (int i = 0; i < SETTINGS.initial(); i++) {
				callers.submit(() -> this.concurrency.call("GET /flows", () -> {
					holding.countDown();
					hold(release);
					return null;
				}));
			}
			assertThat(holding.await(5, TimeUnit.SECONDS)).isTrue();
			var waiting = callers.submit(() -> this.concurrency.call("POST /flows", () -> "sent"));
			release.countDown();

			assertThat(waiting).succeedsWithin(Duration.ofMillis(250)).isEqualTo("sent");
		}
	}

	@Test
	void theOrgsShareCapsTheCallsInFlightAndARaisedShareLetsAWaitingCallGo() throws InterruptedException {
		this.concurrency.share(2);
		CountDownLatch holding = new CountDownLatch(2);
		CountDownLatch release = new CountDownLatch(1);
		try (ExecutorService callers = Executors.newVirtualThreadPerTaskExecutor()) {
			for (int i = 0; i < 2; i++) {
				callers.submit(() -> this.concurrency.call("GET /flows", () -> {
					holding.countDown();
					hold(release);
					return null;
				}));
			}
			assertThat(holding.await(5, TimeUnit.SECONDS)).isTrue();
			assertThatExceptionOfType(AdobeCallFailed.class)
				.isThrownBy(() -> this.concurrency.call("POST /flows", () -> "sent"))
				.withMessageContaining("no room");

			var waiting = callers.submit(() -> this.concurrency.call("POST /flows", () -> "sent"));
			this.concurrency.share(3);

			assertThat(waiting).succeedsWithin(Duration.ofMillis(250)).isEqualTo("sent");
			release.countDown();
		}
	}

	@Test
	void anInterruptedWaitFailsRetryablyAndKeepsTheInterrupt() throws InterruptedException {
		CountDownLatch holding = new CountDownLatch(SETTINGS.initial());
		CountDownLatch release = new CountDownLatch(1);
		try (ExecutorService callers = Executors.newVirtualThreadPerTaskExecutor()) {
			for (int i = 0; i < SETTINGS.initial(); i++) {
				callers.submit(() -> this.concurrency.call("GET /flows", () -> {
					holding.countDown();
					hold(release);
					return null;
				}));
			}
			assertThat(holding.await(5, TimeUnit.SECONDS)).isTrue();

			Thread.currentThread().interrupt();
			assertThatExceptionOfType(AdobeCallFailed.class)
				.isThrownBy(() -> this.concurrency.call("POST /flows", () -> "sent"))
				.withMessageContaining("interrupted");
			assertThat(Thread.interrupted()).isTrue();

			release.countDown();
		}
	}

	private static Object pause(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		return null;
	}

	private static void hold(CountDownLatch latch) {
		try {
			latch.await();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
