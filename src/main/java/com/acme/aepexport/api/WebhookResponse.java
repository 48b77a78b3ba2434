package com.acme.aepexport.api;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import org.springframework.data.domain.Page;

import com.acme.aepexport.webhook.Delivery;
import com.acme.aepexport.webhook.DeliveryStatus;
import com.acme.aepexport.webhook.EventType;
import com.acme.aepexport.webhook.NewSubscription;
import com.acme.aepexport.webhook.Subscription;

/** A webhook subscription, never with its secret. */
@Schema(name = "Webhook")
record WebhookResponse(UUID id, @Schema(maxLength = WebhookRequest.MAX_URL) String url,
		@ArraySchema(maxItems = WebhookRequest.MAX_EVENTS, schema = @Schema(allowableValues = {
				"export.succeeded", "export.failed", "export.deleted", "run.succeeded", "run.partial", "run.failed",
				"run.missed", "change.applied", "activation.started" })) List<String> events,
		@Schema(maxLength = WebhookRequest.MAX_DESCRIPTION, nullable = true) String description, Instant createdAt){

	/** {@code whsec_} and the base64 of 32 bytes. */
	static final int SECRET_LENGTH = 50;

	static WebhookResponse from(Subscription subscription) {
		return new WebhookResponse(subscription.id(), subscription.url(), names(subscription.events()),
				subscription.description(), subscription.createdAt());
	}

	private static List<String> names(List<EventType> events) {
		return events.stream().map(EventType::wireName).toList();
	}

	/** The answer to {@code POST /webhooks}: the one time the secret is shown. */
	@Schema(name = "NewWebhook")
	record Created(UUID id, @Schema(maxLength = WebhookRequest.MAX_URL) String url,
			@ArraySchema(maxItems = WebhookRequest.MAX_EVENTS, schema = @Schema(allowableValues = {
					"export.succeeded", "export.failed", "export.deleted", "run.succeeded", "run.partial", "run.failed",
					"run.missed", "change.applied", "activation.started" })) List<String> events,
			@Schema(maxLength = WebhookRequest.MAX_DESCRIPTION, nullable = true) String description, Instant createdAt,
			@Schema(description = "The signing secret (Standard Webhooks: whsec_ and the base64 of the HMAC-SHA256 "
					+ "key). Shown in this answer only: keep it; it cannot be read again.", maxLength = SECRET_LENGTH,
					pattern = "^whsec_[A-Za-z0-9+/=]{1,64}$") String secret){

		@Override
		public String toString() {
			return "Created[id=" + this.id + ", secret=******]";
		}

		static Created from(NewSubscription created) {
			Subscription subscription = created.subscription();
			return new Created(subscription.id(), subscription.url(), names(subscription.events()),
					subscription.description(), subscription.createdAt(), created.secret());
		}

	}

	@Schema(name = "WebhookPage")
	record PageResponse(@ArraySchema(maxItems = Paging.MAX_SIZE) List<WebhookResponse> items,
			@JsonUnwrapped Paging paging) {

		static PageResponse from(Page<Subscription> page) {
			return new PageResponse(page.map(WebhookResponse::from).getContent(), Paging.of(page));
		}

	}

	/** One event on its way to the subscription, and its attempts. */
	@Schema(name = "WebhookDelivery")
	record DeliveryResponse(UUID id,
			@Schema(description = "The webhook-id header of every attempt.", maxLength = 40) String eventId,
			@Schema(allowableValues = {
					"export.succeeded", "export.failed", "export.deleted", "run.succeeded", "run.partial", "run.failed",
					"run.missed", "change.applied", "activation.started" }) String eventType,
			UUID exportId, DeliveryStatus status, @Schema(minimum = "0", maximum = "" + Integer.MAX_VALUE) int attempts,
			Instant createdAt,
			@Schema(nullable = true,
					description = "When the next attempt is due, while PENDING.") Instant nextAttemptAt,
			@Schema(nullable = true) Instant deliveredAt,
			@ArraySchema(maxItems = com.acme.aepexport.webhook.Webhooks.MAX_HISTORY,
					arraySchema = @Schema(description = "The attempts, newest first.")) List<AttemptResponse> history){

		static DeliveryResponse from(Delivery delivery) {
			return new DeliveryResponse(delivery.id(), delivery.eventId(), delivery.eventType().wireName(),
					delivery.exportId(), delivery.status(), delivery.attempts(), delivery.createdAt(),
					delivery.nextAttemptAt(), delivery.deliveredAt(),
					delivery.history().stream().map(AttemptResponse::from).toList());
		}

	}

	@Schema(name = "WebhookAttempt")
	record AttemptResponse(@Schema(minimum = "1", maximum = "" + Integer.MAX_VALUE) int attempt, Instant at,
			@Schema(nullable = true, minimum = "100", maximum = "599",
					description = "The receiver's HTTP status; null when none came.") Integer statusCode,
			@Schema(nullable = true, maxLength = AnswerLimits.MESSAGE) String error,
			@Schema(minimum = "0", maximum = "" + Long.MAX_VALUE) long durationMillis) {

		static AttemptResponse from(Delivery.Attempt attempt) {
			return new AttemptResponse(attempt.attempt(), attempt.at(), attempt.statusCode(),
					AnswerLimits.cut(attempt.error(), AnswerLimits.MESSAGE), attempt.durationMillis());
		}

	}

	@Schema(name = "WebhookDeliveryPage")
	record DeliveryPage(@ArraySchema(maxItems = Paging.MAX_SIZE) List<DeliveryResponse> items,
			@JsonUnwrapped Paging paging) {

		static DeliveryPage from(Page<Delivery> page) {
			return new DeliveryPage(page.map(DeliveryResponse::from).getContent(), Paging.of(page));
		}

	}

}
