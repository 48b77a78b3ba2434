package com.acme.aepexport.webhook;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;

import lombok.RequiredArgsConstructor;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import com.acme.aepexport.export.ActivationJob;
import com.acme.aepexport.export.ActivationStarted;
import com.acme.aepexport.export.ChangeApplied;
import com.acme.aepexport.export.ExportEnded;
import com.acme.aepexport.export.ExportSpec;
import com.acme.aepexport.export.ExportView;
import com.acme.aepexport.export.LatestRun;
import com.acme.aepexport.export.RunEnded;
import com.acme.aepexport.export.RunMissed;
import com.acme.aepexport.export.SeenRun;
import com.acme.aepexport.export.StepError;

/**
 * Puts an export's events into the outbox (its end, a run that ended or was missed, a
 * change applied, an ad hoc job started): one delivery per subscription of its owner that
 * asked for it, in the transaction that records what happened, so that an event is queued
 * exactly when that commits. The body is written once, here, and every attempt sends (and
 * signs) the same bytes under the same event id.
 */
@Component
@RequiredArgsConstructor
class WebhookOutbox {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final Deliveries deliveries;

	private final Clock clock;

	@EventListener
	@Transactional(propagation = Propagation.MANDATORY)
	void exportEnded(ExportEnded ended) {
		ExportView export = ended.export();
		Optional<EventType> type = EventType.of(export.status());
		if (type.isEmpty()) {
			return;
		}
		queue(type.get(), export, (data) -> {
			data.put("status", export.status().name());
			ArrayNode audiences = data.putArray("audienceIds");
			export.spec().audiences().stream().map(ExportSpec.Audience::id).forEach(audiences::add);
			StepError error = export.error();
			if (type.get() == EventType.EXPORT_FAILED && error != null) {
				ObjectNode failure = data.putObject("error");
				failure.put("step", (error.step() != null) ? error.step().name() : null);
				failure.put("message", error.message());
			}
		});
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
		LatestRun run = ended.run().getFirst();
		queue(type.get(), ended.export(), (data) -> {
			data.put("runId", ended.runId());
			data.put("state", ended.state().name());
			data.put("status", run.status());
			ArrayNode audiences = data.putArray("audienceIds");
			ended.audienceIds().forEach(audiences::add);
			data.put("recordsActivated", run.activated());
			data.put("recordsFailed", run.failed());
			data.put("files", run.files());
			data.put("completedAt", (run.completedAt() != null) ? run.completedAt().toString() : null);
		});
	}

	/**
	 * A change in Adobe's dataflow: what changed (audiences, their schedules, the
	 * mandatory fields, the deduplication keys; nothing a change cannot touch, so no
	 * credential).
	 */
	@EventListener
	@Transactional(propagation = Propagation.MANDATORY)
	void changeApplied(ChangeApplied applied) {
		queue(EventType.CHANGE_APPLIED, applied.export(), (data) -> {
			ArrayNode audienceIds = data.putArray("audienceIds");
			applied.after().audiences().stream().map(ExportSpec.Audience::id).forEach(audienceIds::add);
			data.put("revision", applied.revision());
			data.put("requestedBy", applied.requestedBy());
			data.put("requestedAt", applied.requestedAt().toString());
			data.put("appliedAt", applied.appliedAt().toString());
			ObjectNode changes = data.putObject("changes");
			ArrayNode fields = changes.putArray("fields");
			List<String> added = applied.audiencesAdded();
			List<String> removed = applied.audiencesRemoved();
			List<ExportSpec.Audience> changed = applied.audiencesChanged();
			if (!added.isEmpty() || !removed.isEmpty() || !changed.isEmpty()) {
				fields.add("audiences");
			}
			added.forEach(changes.putArray("audiencesAdded")::add);
			removed.forEach(changes.putArray("audiencesRemoved")::add);
			ArrayNode changedAudiences = changes.putArray("audiencesChanged");
			for (ExportSpec.Audience audience : changed) {
				ObjectNode item = changedAudiences.addObject();
				item.put("id", audience.id());
				item.put("name", audience.name());
				item.put("filenameTemplate", audience.filenameTemplate());
				schedule(item, audience.schedule());
			}
			if (applied.mandatoryFieldsChanged()) {
				fields.add("mandatoryFields");
				applied.after().mandatoryFields().forEach(changes.putArray("mandatoryFields")::add);
			}
			if (applied.deduplicationKeysChanged()) {
				fields.add("deduplicationKeys");
				ArrayNode keys = changes.putArray("deduplicationKeys");
				for (ExportSpec.DeduplicationKey key : applied.after().deduplicationKeys()) {
					switch (key) {
						case ExportSpec.IdentityKey identity ->
							keys.addObject().put("identityNamespace", identity.identityNamespace());
						case ExportSpec.AttributeKey attribute ->
							keys.addObject().put("attribute", attribute.attribute());
					}
				}
			}
		});
	}

	/** An ad hoc job Adobe accepted, with the run Adobe named for each audience. */
	@EventListener
	@Transactional(propagation = Propagation.MANDATORY)
	void activationStarted(ActivationStarted started) {
		ActivationJob job = started.job();
		queue(EventType.ACTIVATION_STARTED, started.export(), (data) -> {
			data.put("activationId", job.id().toString());
			data.put("requestedBy", job.requestedBy());
			data.put("requestedAt", job.requestedAt().toString());
			ArrayNode audiences = data.putArray("audienceIds");
			job.audienceIds().forEach(audiences::add);
			ArrayNode runs = data.putArray("runs");
			for (ActivationJob.Run run : job.runs()) {
				ObjectNode item = runs.addObject();
				item.put("audienceId", run.audienceId());
				item.put("runId", run.runId());
				item.put("orderId", run.orderId());
			}
		});
	}

	/** A scheduled run that did not appear: the audience, its window and schedule. */
	@EventListener
	@Transactional(propagation = Propagation.MANDATORY)
	void runMissed(RunMissed missed) {
		queue(EventType.RUN_MISSED, missed.export(), (data) -> {
			data.putArray("audienceIds").add(missed.audienceId());
			data.put("windowOpens", missed.windowOpens().toString());
			data.put("windowCloses", missed.windowCloses().toString());
			data.put("deadline", missed.deadline().toString());
			schedule(data, missed.schedule());
			SeenRun previous = missed.previousRun();
			if (previous == null) {
				data.putNull("previousRun");
			}
			else {
				ObjectNode run = data.putObject("previousRun");
				run.put("runId", previous.runId());
				run.put("state", previous.state().name());
				run.put("createdAt", (previous.createdAt() != null) ? previous.createdAt().toString() : null);
			}
		});
	}

	/**
	 * Queues an event of the export for its owner's subscriptions, the one envelope of
	 * every event: {@code type}, {@code timestamp} and {@code data} (as the Standard
	 * Webhooks say), {@code data} holding {@code exportId} and {@code name}, then what
	 * {@code data} adds.
	 */
	private void queue(EventType type, ExportView export, Consumer<ObjectNode> data) {
		Instant now = this.clock.instant();
		ObjectNode event = JSON.createObjectNode();
		event.put("type", type.wireName());
		event.put("timestamp", now.toString());
		ObjectNode fields = event.putObject("data");
		fields.put("exportId", export.id().value().toString());
		fields.put("name", export.spec().name());
		data.accept(fields);
		this.deliveries.queue(export.owner(), "msg_" + UUID.randomUUID(), type, export.id().value(),
				JSON.writeValueAsString(event), now);
	}

	/** A schedule as the API spells it ({@code POST /exports}). */
	private static void schedule(ObjectNode parent, ExportSpec.Schedule schedule) {
		if (schedule == null) {
			parent.putNull("schedule");
			return;
		}
		ObjectNode node = parent.putObject("schedule");
		node.put("exportMode", schedule.exportMode().name());
		node.put("frequency", schedule.frequency().name());
		node.put("trigger", (schedule.trigger() != null) ? schedule.trigger().name() : null);
		node.put("startDate", (schedule.startDate() != null) ? schedule.startDate().toString() : null);
		node.put("endDate", (schedule.endDate() != null) ? schedule.endDate().toString() : null);
		node.put("startTime", (schedule.startTime() != null) ? schedule.startTime().toString() : null);
	}

}
