package com.acme.aepexport.webhook;

import java.time.Clock;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import com.acme.aepexport.support.IntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Deliveries that ended longer ago than {@code exports.webhooks.retention} (30 days) go,
 * with their attempts; one still being tried stays, however old, and so does a recent
 * one.
 */
class WebhookPurgeIT extends IntegrationTest {

	@Autowired
	private Deliveries deliveries;

	@Autowired
	private WebhookSettings settings;

	@Autowired
	private Clock clock;

	@Test
	void endedDeliveriesPastTheirRetentionGoWithTheirAttempts() {
		UUID subscription = UUID.randomUUID();
		this.jdbc.update("""
				insert into webhook_subscription (id, owner, url, events, secret_key_id, secret_ciphertext, created_at)
				values (?, 'purge-owner', 'https://hooks.example.com/', '{export.succeeded}', 'k1', '\\x00', now())""",
				subscription);
		UUID oldDelivered = delivery(subscription, "DELIVERED", "40 days");
		UUID oldDead = delivery(subscription, "DEAD", "40 days");
		UUID oldPending = delivery(subscription, "PENDING", "40 days");
		UUID recentDelivered = delivery(subscription, "DELIVERED", "1 day");

		int purged = WebhookConfiguration.purge(this.deliveries, this.settings, this.clock);

		assertThat(purged).isGreaterThanOrEqualTo(2);
		assertThat(this.jdbc.queryForList("select id from webhook_delivery where subscription_id = ?", UUID.class,
				subscription))
			.containsExactlyInAnyOrder(oldPending, recentDelivered)
			.doesNotContain(oldDelivered, oldDead);
		assertThat(this.jdbc.queryForObject("select count(*) from webhook_attempt where delivery_id in (?, ?)",
				Integer.class, oldDelivered, oldDead))
			.isZero();
		assertThat(this.jdbc.queryForObject("select count(*) from webhook_attempt where delivery_id = ?", Integer.class,
				recentDelivered))
			.isOne();
		this.jdbc.update("delete from webhook_subscription where id = ?", subscription);
	}

	private UUID delivery(UUID subscription, String status, String age) {
		UUID id = UUID.randomUUID();
		this.jdbc.update("""
				insert into webhook_delivery (id, subscription_id, event_id, event_type, export_id, payload, status,
				  attempts, created_at)
				values (?, ?, ?, 'export.succeeded', gen_random_uuid(), '{}', ?, 1, now() - cast(? as interval))""", id,
				subscription, "msg_" + id, status, age);
		this.jdbc.update("insert into webhook_attempt (delivery_id, attempt, at, duration_ms) values (?, 1, now(), 5)",
				id);
		return id;
	}

}
