package com.acme.aepexport.workflow;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.DoubleAccumulator;
import java.util.stream.IntStream;

import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

import com.acme.aepexport.support.IntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An Adobe that takes four calls at once and answers {@code 429} to a fifth, against
 * workers that could send far more: the service finds Adobe's room instead of being told
 * it. The limit of calls in flight starts at 16, shrinks on the {@code 429}s, and every
 * export still ends {@code SUCCEEDED}, each refused call tried again by its step.
 */
@TestPropertySource(properties = { "exports.workers.concurrency=12", "adobe.concurrency.initial=16",
		"adobe.concurrency.max=32", "adobe.retry.initial-backoff=200ms", "adobe.retry.max-attempts=10" })
class AdaptiveConcurrencyIT extends IntegrationTest {

	private static final int ADOBES_ROOM = 4;

	@Autowired
	private MeterRegistry meters;

	@AfterEach
	void adobeAsBefore() {
		this.emulator.unthrottled();
	}

	@Test
	void the429sOfAnAdobeWithLessRoomShrinkTheLimitAndEveryExportStillSucceeds() throws InterruptedException {
		this.emulator.throttle(Duration.ofMillis(30), ADOBES_ROOM);
		// The lowest the limit went: once the exports are done the limit may grow back,
		// as it should while calls come back in time.
		DoubleAccumulator lowest = new DoubleAccumulator(Math::min, limit());
		ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
		sampler.scheduleAtFixedRate(() -> lowest.accumulate(limit()), 0, 5, TimeUnit.MILLISECONDS);

		List<String> ids = IntStream.range(0, 12)
			.mapToObj((i) -> startExport(example("AMAZON_S3", newSandbox())))
			.toList();

		ids.forEach((id) -> assertThat(awaitFinished(id).path("status").asString()).as(id).isEqualTo("SUCCEEDED"));
		sampler.shutdown();
		sampler.awaitTermination(5, TimeUnit.SECONDS);
		List<ServeEvent> served = this.adobe.getAllServeEvents();
		long refused = served.stream().filter((event) -> event.getResponse().getStatus() == 429).count();
		System.out.printf(
				"Adaptive concurrency: %d calls, %d refused with 429, peak %d in flight, limit at least %.0f, now %.0f%n",
				served.size(), refused, this.emulator.peakInFlight(), lowest.get(), limit());
		assertThat(refused).as("Adobe had less room than the limit to start with").isPositive();
		// Calls of other test contexts (their background reads) share the emulator and
		// its room, so only this service's limit is asserted, not the emulator's calls in
		// flight.
		assertThat(lowest.get()).as("the limit once Adobe answered 429s").isLessThan(16);
	}

	private double limit() {
		return this.meters.get("aep.adobe.concurrency.limit").gauge().value();
	}

}
