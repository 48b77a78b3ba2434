package com.acme.aepexport.webhook;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A caller's subscription to the events of their exports; never its secret.
 *
 * @param owner the caller who subscribed
 */
public record Subscription(UUID id, String owner, String url, List<EventType> events, String description,
		Instant createdAt) {

}
