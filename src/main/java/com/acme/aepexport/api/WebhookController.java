package com.acme.aepexport.api;

import java.net.URI;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import lombok.RequiredArgsConstructor;
import tools.jackson.databind.JsonNode;

import org.springframework.http.ResponseEntity;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.acme.aepexport.webhook.NewSubscription;
import com.acme.aepexport.webhook.Subscription;
import com.acme.aepexport.webhook.SubscriptionNotFound;
import com.acme.aepexport.webhook.Webhooks;

@RestController
@RequestMapping("/webhooks")
@Validated
@Tag(name = "Webhooks",
		description = "Subscribe to your exports' events, signed as the Standard Webhooks specification says.")
@RequiredArgsConstructor
class WebhookController {

	/** {@code /webhooks/} and a UUID. */
	static final int LOCATION_LENGTH = 46;

	private final Webhooks webhooks;

	private final RequestReader reader;

	@PostMapping
	@Operation(operationId = "subscribeWebhook", summary = "Subscribe to the events of your exports",
			description = "Each event is POSTed to the URL as JSON (`type`, `timestamp`, `data`) with the headers "
					+ "`webhook-id` (the same on every attempt), `webhook-timestamp` and `webhook-signature` "
					+ "(`v1,` and the base64 HMAC-SHA256 of `id.timestamp.body`, keyed with the secret's decoded "
					+ "bytes). An answer other than 2xx is tried again, with backoff, for 24 hours.")
	@ApiResponse(responseCode = "201",
			description = "Subscribed; the answer holds the signing secret, shown only here.",
			headers = @Header(name = "Location", ref = OpenApiContract.WEBHOOK_LOCATION))
	@io.swagger.v3.oas.annotations.parameters.RequestBody(
			content = @Content(mediaType = "application/json", schema = @Schema(implementation = WebhookRequest.class)))
	ResponseEntity<WebhookResponse.Created> subscribe(Caller caller, @RequestBody JsonNode body) {
		WebhookRequest request = this.reader.read(body, WebhookRequest.class);
		NewSubscription created = this.webhooks.subscribe(caller.id(), request.url(), request.eventTypes(),
				request.description());
		return ResponseEntity.created(URI.create("/webhooks/" + created.subscription().id()))
			.body(WebhookResponse.Created.from(created));
	}

	@GetMapping
	@Operation(operationId = "listWebhooks", summary = "Your webhook subscriptions, newest first")
	WebhookResponse.PageResponse list(Caller caller,
			@Parameter(description = "From 0; a page past the last is empty.") @RequestParam(
					defaultValue = "0") @Min(0) @Max(Integer.MAX_VALUE) int page,
			@RequestParam(defaultValue = "20") @Min(1) @Max(Paging.MAX_SIZE) int size) {
		return WebhookResponse.PageResponse.from(this.webhooks.list(caller.listedOwner(), page, size));
	}

	@GetMapping("/{id}")
	@Operation(operationId = "getWebhook", summary = "A webhook subscription (never its secret)")
	WebhookResponse get(Caller caller, @PathVariable UUID id) {
		return WebhookResponse.from(visible(caller, id));
	}

	@DeleteMapping("/{id}")
	@Operation(operationId = "deleteWebhook", summary = "Unsubscribe",
			description = "Deletes the subscription and its deliveries; no further attempt is made.")
	@ApiResponse(responseCode = "204", description = "Deleted.")
	ResponseEntity<Void> delete(Caller caller, @PathVariable UUID id) {
		this.webhooks.delete(visible(caller, id).id());
		return ResponseEntity.noContent().build();
	}

	@GetMapping("/{id}/deliveries")
	@Operation(operationId = "listWebhookDeliveries", summary = "The subscription's deliveries, newest first",
			description = "Each with its status (PENDING, DELIVERED, DEAD) and its latest attempts.")
	WebhookResponse.DeliveryPage deliveries(Caller caller, @PathVariable UUID id,
			@Parameter(description = "From 0; a page past the last is empty.") @RequestParam(
					defaultValue = "0") @Min(0) @Max(Integer.MAX_VALUE) int page,
			@RequestParam(defaultValue = "20") @Min(1) @Max(Paging.MAX_SIZE) int size) {
		return WebhookResponse.DeliveryPage.from(this.webhooks.deliveries(visible(caller, id).id(), page, size));
	}

	@PostMapping("/{id}/deliveries/{deliveryId}/redeliver")
	@Operation(operationId = "redeliverWebhook", summary = "Send a delivery again",
			description = "The same event id and body, due at once and tried again for 24 hours from now, whatever "
					+ "became of it before.")
	@ApiResponse(responseCode = "202", description = "Queued; the delivery is PENDING.")
	ResponseEntity<WebhookResponse.DeliveryResponse> redeliver(Caller caller, @PathVariable UUID id,
			@PathVariable UUID deliveryId) {
		return ResponseEntity.accepted()
			.body(WebhookResponse.DeliveryResponse.from(this.webhooks.redeliver(visible(caller, id).id(), deliveryId)));
	}

	/** Another owner's subscription is not found, so that its existence is not told. */
	private Subscription visible(Caller caller, UUID id) {
		return this.webhooks.find(id)
			.filter((subscription) -> caller.mayAccess(subscription.owner()))
			.orElseThrow(() -> new SubscriptionNotFound(id));
	}

}
