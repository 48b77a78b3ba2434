package com.acme.aepexport.adobe;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The limit's arithmetic, one window at a time, on a clock the test moves: AIMD, and the
 * plateau below where Adobe last said no.
 */
class PlateauLimitTest {

	private static final long RTT = Duration.ofMillis(150).toNanos();

	private static final AdobeSettings.Concurrency SETTINGS = new AdobeSettings.Concurrency(8, 2, 64, 0.9,
			Duration.ofSeconds(5), Duration.ofSeconds(4), 0, Duration.ofSeconds(5), Duration.ofSeconds(30));

	private final AtomicLong now = new AtomicLong();

	private final PlateauLimit limit = new PlateauLimit(SETTINGS, this.now::get);

	@Test
	void itGrowsByOneAWindowWhileAtLeastHalfOfItIsInFlight() {
		busyWindows(8);
		assertThat(this.limit.getLimit()).isEqualTo(16);

		this.limit.onSample(0, RTT, 7, false);
		assertThat(this.limit.getLimit()).as("under half in flight: no need for more").isEqualTo(16);
		assertThat(this.limit.plateau()).isEqualTo(Integer.MAX_VALUE);
	}

	@Test
	void aDropCutsItAndItGrowsBackToOneBelowWhereAdobeSaidNoAndStaysThereForThePlateau() {
		busyWindows(9);
		assertThat(this.limit.getLimit()).isEqualTo(17);

		this.limit.onSample(0, RTT, 17, true);

		assertThat(this.limit.getLimit()).as("17 × 0.9").isEqualTo(15);
		assertThat(this.limit.plateau()).isEqualTo(16);
		busyWindows(20);
		assertThat(this.limit.getLimit()).as("back to one below 17, no further").isEqualTo(16);

		this.now.addAndGet(Duration.ofSeconds(29).toNanos());
		busyWindows(5);
		assertThat(this.limit.getLimit()).isEqualTo(16);

		this.now.addAndGet(Duration.ofSeconds(1).toNanos());
		assertThat(this.limit.plateau()).as("the plateau ended").isEqualTo(Integer.MAX_VALUE);
		busyWindows(2);
		assertThat(this.limit.getLimit()).as("probing higher again").isEqualTo(18);
	}

	@Test
	void theDropsOfOneBurstCutOnceThoughTheyEndInTheWindowsAfterTheCut() {
		busyWindows(10);
		assertThat(this.limit.getLimit()).isEqualTo(18);

		this.limit.onSample(0, RTT, 18, true);
		this.now.addAndGet(RTT);
		this.limit.onSample(0, RTT, 17, true);

		assertThat(this.limit.getLimit()).as("18 × 0.9, once").isEqualTo(16);
		assertThat(this.limit.plateau()).isEqualTo(17);

		this.now.addAndGet(2 * RTT);
		this.limit.onSample(0, RTT, 18, true);
		assertThat(this.limit.getLimit()).as("later, but sent under the limit before the cut").isEqualTo(16);

		this.limit.onSample(0, RTT, 16, true);
		assertThat(this.limit.getLimit()).as("a drop after the burst: 16 × 0.9").isEqualTo(14);
		assertThat(this.limit.plateau()).isEqualTo(15);
	}

	@Test
	void aDropWithinTwoRoundTripsOfTheCutIsTheSameBurstThoughNoMoreIsInFlightThanTheLimit() {
		busyWindows(10);
		this.limit.onSample(0, RTT, 18, true);
		assertThat(this.limit.getLimit()).isEqualTo(16);

		this.now.addAndGet(2 * RTT - 1);
		this.limit.onSample(0, RTT, 16, true);
		assertThat(this.limit.getLimit()).isEqualTo(16);

		this.now.addAndGet(1);
		this.limit.onSample(0, RTT, 16, true);
		assertThat(this.limit.getLimit()).as("two round trips on: a burst of its own").isEqualTo(14);
	}

	@Test
	void aCallSlowerThanSlowCallCountsAsADrop() {
		busyWindows(2);

		this.limit.onSample(0, Duration.ofSeconds(6).toNanos(), 10, false);

		assertThat(this.limit.getLimit()).isEqualTo(9);
		assertThat(this.limit.plateau()).isEqualTo(9);
	}

	@Test
	void itStaysBetweenMinAndMax() {
		for (int i = 0; i < 20; i++) {
			this.now.addAndGet(2 * RTT);
			this.limit.onSample(0, RTT, 1, true);
		}
		assertThat(this.limit.getLimit()).isEqualTo(SETTINGS.min());
		this.now.addAndGet(Duration.ofMinutes(1).toNanos());
		busyWindows(100);
		assertThat(this.limit.getLimit()).isEqualTo(SETTINGS.max());
	}

	/** Windows in which all of the limit was in flight and nothing dropped. */
	private void busyWindows(int windows) {
		for (int i = 0; i < windows; i++) {
			this.limit.onSample(0, RTT, this.limit.getLimit(), false);
		}
	}

}
