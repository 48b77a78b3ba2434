package com.acme.aepexport.api;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import com.acme.aepexport.webhook.EventType;

/**
 * The body of {@code POST /webhooks}. The URL's target rules (https, a public address)
 * are the webhook module's, checked when it is stored.
 */
@Schema(name = "WebhookRequest")
record WebhookRequest(
		@NotBlank @Size(min = 1,
				max = MAX_URL) @Schema(
						description = "Where events are POSTed: https, to a host whose addresses are public (loopback, "
								+ "link-local, private and unspecified addresses are refused unless the service's "
								+ "configuration allows them).",
						example = "https://hooks.example.com/aep-exports") String url,
		@NotNull @Size(min = 1, max = MAX_EVENTS) @ArraySchema(
				arraySchema = @Schema(description = "The events to receive."), schema = @Schema(allowableValues = {
						"export.succeeded", "export.failed", "export.deleted", "run.succeeded", "run.partial",
						"run.failed", "run.missed", "change.applied", "activation.started" })) List<@NotNull @OneOf(
								values = { "export.succeeded", "export.failed", "export.deleted", "run.succeeded",
										"run.partial", "run.failed", "run.missed", "change.applied",
										"activation.started" }) String> events,
		@Size(max = MAX_DESCRIPTION) @Schema(description = "A note of yours.",
				example = "Tell the data team's pipeline") String description){

	static final int MAX_URL = 2048;

	/** Each event once; the list may repeat one, which counts once. */
	static final int MAX_EVENTS = 9;

	static final int MAX_DESCRIPTION = 256;

	Set<EventType> eventTypes() {
		Set<EventType> types = new LinkedHashSet<>();
		this.events.forEach((name) -> types.add(EventType.named(name).orElseThrow()));
		return types;
	}

}
