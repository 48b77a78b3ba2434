package com.acme.aepexport.webhook;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import com.acme.aepexport.export.ExportEnded;
import com.acme.aepexport.export.LatestRun;
import com.acme.aepexport.export.RunEnded;
import com.acme.aepexport.export.ExportSpec;
import com.acme.aepexport.export.ExportView;
import com.acme.aepexport.export.StepError;

/**
 * Puts an export's end into the outbox: one delivery per subscription of its owner that
 * asked for it, in the transaction that changed the export's status, so that an event is
 * queued exactly when the change commits. The body is written once, here, and every
 * attempt sends (and signs) the same bytes under the same event id.
 */
@Component
class WebhookOutbox {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final Deliveries deliveries;

	private final Clock clock;

	WebhookOutbox(Deliveries deliveries, Clock clock) {
		this.deliveries = deliveries;
		this.clock = clock;
	}

	@EventListener
	@Transactional(propagation = Propagation.MANDATORY)
	void exportEnded(ExportEnded ended) {
		ExportView export = ended.export();
		Optional<EventType> type = EventType.of(export.status());
		if (type.isEmpty()) {
			return;
		}
		Instant now = this.clock.instant();
		String eventId = "msg_" + UUID.randomUUID();
		this.deliveries.queue(export.owner(), eventId, type.get(), export.id().value(),
				payload(type.get(), export, now), now);
	}

	/**
	 * A run the refresher found over: its event goes to the export owner's subscriptions,
	 * with Adobe's run id and its counts.
	 */
	@EventListener
	@Transactional(propagation = Propagation.MANDATORY)
	void runEnded(RunEnded ended) {
		Optional<EventType> type = EventType.of(ended.state());
		if (type.isEmpty()) {
			return;
		}
		ExportView export = ended.export();
		Instant now = this.clock.instant();
		this.deliveries.queue(export.owner(), "msg_" + UUID.randomUUID(), type.get(), export.id().value(),
				runPayload(type.get(), ended, now), now);
	}

	static String runPayload(EventType type, RunEnded ended, Instant now) {
		ObjectNode event = JSON.createObjectNode();
		event.put("type", type.wireName());
		event.put("timestamp", now.toString());
		ObjectNode data = event.putObject("data");
		data.put("exportId", ended.export().id().value().toString());
		data.put("name", ended.export().spec().name());
		data.put("runId", ended.runId());
		data.put("state", ended.state().name());
		data.put("status", ended.run().getFirst().status());
		ArrayNode audiences = data.putArray("audienceIds");
		ended.audienceIds().forEach(audiences::add);
		LatestRun run = ended.run().getFirst();
		data.put("recordsActivated", run.activated());
		data.put("recordsFailed", run.failed());
		data.put("files", run.files());
		data.put("completedAt", (run.completedAt() != null) ? run.completedAt().toString() : null);
		return JSON.writeValueAsString(event);
	}

	/** {@code type}, {@code timestamp} and {@code data}, as the Standard Webhooks say. */
	static String payload(EventType type, ExportView export, Instant now) {
		ObjectNode event = JSON.createObjectNode();
		event.put("type", type.wireName());
		event.put("timestamp", now.toString());
		ObjectNode data = event.putObject("data");
		data.put("exportId", export.id().value().toString());
		data.put("name", export.spec().name());
		data.put("status", export.status().name());
		ArrayNode audiences = data.putArray("audienceIds");
		export.spec().audiences().stream().map(ExportSpec.Audience::id).forEach(audiences::add);
		StepError error = export.error();
		if (type == EventType.EXPORT_FAILED && error != null) {
			ObjectNode failure = data.putObject("error");
			failure.put("step", (error.step() != null) ? error.step().name() : null);
			failure.put("message", error.message());
		}
		return JSON.writeValueAsString(event);
	}

}
