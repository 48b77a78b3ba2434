package com.acme.aepexport.webhook;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * One event on its way to one subscription, and its attempts.
 *
 * @param eventId the {@code webhook-id} of every attempt
 * @param nextAttemptAt when the next attempt is due, while {@code PENDING}
 * @param history the attempts, newest first (the latest {@value Webhooks#MAX_HISTORY})
 */
public record Delivery(UUID id, UUID subscriptionId, String eventId, EventType eventType, UUID exportId,
		DeliveryStatus status, int attempts, Instant createdAt, Instant nextAttemptAt, Instant deliveredAt,
		List<Attempt> history) {

	/**
	 * @param statusCode the receiver's HTTP status; {@code null} when none came
	 * @param error why it failed; {@code null} for a 2xx
	 */
	public record Attempt(int attempt, Instant at, Integer statusCode, String error, long durationMillis) {

	}

}
