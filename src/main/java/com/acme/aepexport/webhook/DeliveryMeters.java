package com.acme.aepexport.webhook;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.stereotype.Component;

/**
 * The sender's attempts by outcome ({@code aep.webhooks.deliveries}), and the deliveries
 * still pending ({@code aep.webhooks.deliveries.pending}).
 */
@Component
class DeliveryMeters {

	private static final String OUTCOMES = "Webhook delivery attempts by outcome: delivered (2xx), failed (tried "
			+ "again later), dead (given up after exports.webhooks.max-age)";

	private final Counter delivered;

	private final Counter failed;

	private final Counter dead;

	DeliveryMeters(MeterRegistry meters, Deliveries deliveries) {
		this.delivered = outcome(meters, "delivered");
		this.failed = outcome(meters, "failed");
		this.dead = outcome(meters, "dead");
		Gauge.builder("aep.webhooks.deliveries.pending", deliveries, DeliveryMeters::pending)
			.description("Webhook deliveries not yet delivered nor given up")
			.register(meters);
	}

	void delivered() {
		this.delivered.increment();
	}

	void failed() {
		this.failed.increment();
	}

	void dead() {
		this.dead.increment();
	}

	/** NaN while the database cannot say: a scrape still answers. */
	private static double pending(Deliveries deliveries) {
		try {
			return deliveries.pending();
		}
		catch (RuntimeException unavailable) {
			return Double.NaN;
		}
	}

	private static Counter outcome(MeterRegistry meters, String outcome) {
		return Counter.builder("aep.webhooks.deliveries")
			.tag("outcome", outcome)
			.description(OUTCOMES)
			.register(meters);
	}

}
