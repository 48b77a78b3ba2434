package com.acme.aepexport.emulator;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;

import com.acme.aepexport.emulator.Sandbox.Stored;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Dataflow runs that live: once a flow has a profile mapping, each of its audiences gets
 * one run, which then waits, processes and ends over time as the sandbox's
 * {@link RunScript} says. What a run shows is worked out from the time whenever runs are
 * read, so a run read twice may have moved on. Record counts derive from the audience id,
 * so they are stable.
 */
final class Runs {

	static final String COLLECTION = "runs";

	static final String CLIENT = "acp_activation";

	private static final String SEGMENT = "segment:";

	/** When the emulated segment evaluation is done each day, UTC. */
	private static final LocalTime SEGMENT_EVALUATION = LocalTime.of(1, 0);

	private Runs() {
	}

	/**
	 * One run as planned when it was created: what it exports and when each phase ends.
	 */
	record Plan(String id, String flowId, JsonNode flowSpec, String sourceConnectionId, String targetConnectionId,
			String audienceId, long createdAt, long startsAt, long endsAt, RunOutcome outcome) {

	}

	/**
	 * Called with every updated flow, under that flow's lock: plans a run for each
	 * audience of a flow with a mapping that has none yet.
	 */
	static void startFor(ObjectNode flow, Sandbox sandbox, RunScript script, MonotonicClock clock) {
		if (!hasProfileMapping(flow)) {
			return;
		}
		String flowId = Json.text(flow.get("id"));
		Set<String> audiencesWithRuns = new HashSet<>();
		sandbox.runPlans()
			.values()
			.stream()
			.filter((plan) -> plan.flowId().equals(flowId))
			.forEach((plan) -> audiencesWithRuns.add(plan.audienceId()));
		for (JsonNode selector : FlowService.selectors(flow)) {
			String audienceId = Json.text(selector.path("value").get("id"));
			if (audienceId != null && audiencesWithRuns.add(audienceId)) {
				plan(flow, audienceId, sandbox, script, clock);
			}
		}
		advance(sandbox, (plan) -> plan.flowId().equals(flowId));
	}

	/** Plans one run of the flow for the audience, from now, as the script says. */
	static Plan plan(JsonNode flow, String audienceId, Sandbox sandbox, RunScript script, MonotonicClock clock) {
		long at = clock.millis() + sandbox.ahead();
		// From the wall clock, as the sandbox's now() is: the monotonic clock that stamps
		// creations runs ahead of it while many are made in one millisecond, and a run
		// meant to start at once would wait for the wall clock to catch up.
		long startsAt = System.currentTimeMillis() + sandbox.ahead() + script.waiting().toMillis();
		return plan(flow, audienceId, sandbox, script, at, startsAt);
	}

	private static Plan plan(JsonNode flow, String audienceId, Sandbox sandbox, RunScript script, long createdAt,
			long startsAt) {
		Plan plan = new Plan(UUID.randomUUID().toString(), Json.text(flow.get("id")), flow.path("flowSpec").deepCopy(),
				first(flow, "sourceConnectionIds"), first(flow, "targetConnectionIds"), audienceId, createdAt, startsAt,
				startsAt + script.processing().toMillis(), script.outcome().apply(audienceId));
		sandbox.runPlans().put(plan.id(), plan);
		return plan;
	}

	/**
	 * Plans the scheduled runs whose time has come since runs were last read, as
	 * {@link RunScript#onSchedule()} says: each created at its schedule's time (a
	 * millisecond apart per audience, so that newest first stays a total order).
	 */
	static void schedule(Sandbox sandbox, RunScript script) {
		long now = sandbox.now();
		synchronized (sandbox) {
			for (Stored stored : sandbox.all("flows")) {
				JsonNode flow = stored.node();
				String flowId = Json.text(flow.get("id"));
				Long upTo = sandbox.scheduledUpTo().put(flowId, now);
				if (!script.scheduled() || "disabled".equals(Json.text(flow.get("state")))
						|| !hasProfileMapping(flow)) {
					continue;
				}
				List<JsonNode> selectors = FlowService.selectors(flow);
				for (int i = 0; i < selectors.size(); i++) {
					JsonNode value = selectors.get(i).path("value");
					String audienceId = Json.text(value.get("id"));
					if (audienceId == null || script.missing().contains(audienceId)) {
						continue;
					}
					long added = Long.parseLong(value.path("createTime").asString("0")) * 1000;
					long after = Math.max((upTo != null) ? upTo : Long.MIN_VALUE, added - 1);
					for (long at : scheduledTimes(value.path("schedule"), after, now)) {
						plan(flow, audienceId, sandbox, script, at + i, at + i + script.waiting().toMillis());
					}
				}
			}
		}
	}

	/**
	 * The times of the schedule after {@code after} and up to {@code until}, epoch
	 * milliseconds: its start date at its start time (UTC), then every period of its
	 * frequency, or 01:00 UTC each day after segment evaluation; one for {@code ONCE};
	 * none on a day after its end date.
	 */
	static List<Long> scheduledTimes(JsonNode schedule, long after, long until) {
		String startDate = Json.text(schedule.get("startDate"));
		String frequency = Json.text(schedule.get("frequency"));
		if (startDate == null || frequency == null) {
			return List.of();
		}
		String startTime = Json.text(schedule.get("startTime"));
		LocalTime time = (startTime != null) ? LocalTime.parse(startTime) : SEGMENT_EVALUATION;
		long first = LocalDate.parse(startDate).atTime(time).toInstant(ZoneOffset.UTC).toEpochMilli();
		long period = switch (frequency) {
			case "EVERY_3_HOURS" -> Duration.ofHours(3).toMillis();
			case "EVERY_6_HOURS" -> Duration.ofHours(6).toMillis();
			case "EVERY_8_HOURS" -> Duration.ofHours(8).toMillis();
			case "EVERY_12_HOURS" -> Duration.ofHours(12).toMillis();
			default -> Duration.ofDays(1).toMillis();
		};
		String endDate = Json.text(schedule.get("endDate"));
		List<Long> times = new ArrayList<>();
		long index = Math.max(0, Math.floorDiv(after - first, period) + 1);
		for (long at = first + index * period; at <= until; at += period) {
			if ("ONCE".equals(frequency) && at != first) {
				break;
			}
			if (endDate != null && LocalDate.ofInstant(Instant.ofEpochMilli(at), ZoneOffset.UTC)
				.isAfter(LocalDate.parse(endDate))) {
				break;
			}
			times.add(at);
		}
		return times;
	}

	/**
	 * Brings the runs of the plans {@code which} selects to what they show now (the
	 * sandbox's time, which a test may have moved on), leaving the others as they were:
	 * each read of runs brings those it reads (every run is a plan's), and building every
	 * run of a sandbox at each read made the emulator's cost grow with the runs it ever
	 * planned (most of the benchmark's CPU after a few thousand exports).
	 * @return the runs brought, in no order
	 */
	static List<Stored> advance(Sandbox sandbox, Predicate<Plan> which) {
		long now = sandbox.now();
		List<Stored> advanced = new ArrayList<>();
		for (Plan plan : sandbox.runPlans().values()) {
			if (which.test(plan)) {
				Stored run = new Stored(plan.createdAt(), view(plan, now, sandbox.name()));
				sandbox.put(COLLECTION, plan.id(), run);
				advanced.add(run);
			}
		}
		return advanced;
	}

	/** Forgets the runs of a deleted flow. */
	static void forget(Sandbox sandbox, String flowId) {
		sandbox.runPlans().values().removeIf((plan) -> plan.flowId().equals(flowId));
		sandbox.collection(COLLECTION).values().removeIf((run) -> flowId.equals(Json.text(run.node().get("flowId"))));
	}

	/** The run as Adobe shows it at {@code now}. */
	static ObjectNode view(Plan plan, long now, String sandboxName) {
		long records = 1_000 + Math.floorMod(plan.audienceId().hashCode(), 9_000);
		String segment = SEGMENT + plan.audienceId();
		ObjectNode run = Json.object();
		run.put("id", plan.id());
		run.put("createdAt", plan.createdAt());
		run.put("updatedAt",
				(now < plan.startsAt()) ? plan.createdAt() : (now < plan.endsAt()) ? plan.startsAt() : plan.endsAt());
		run.put("createdBy", CLIENT + "@AdobeID");
		run.put("updatedBy", CLIENT + "@AdobeID");
		run.put("createdClient", CLIENT);
		run.put("updatedClient", CLIENT);
		run.put("sandboxId", UUID.nameUUIDFromBytes(sandboxName.getBytes(StandardCharsets.UTF_8)).toString());
		run.put("sandboxName", sandboxName);
		run.put("imsOrgId", AdobeEmulator.ORG_ID);
		run.put("flowId", plan.flowId());
		run.set("flowSpec", plan.flowSpec().deepCopy());
		run.put("providerRefId", plan.id().replace("-", ""));
		run.put("etag", "\"" + plan.id().substring(0, 8) + "-0000-0200-0000-" + Long.toHexString(now) + "\"");
		ObjectNode metrics = run.putObject("metrics");
		if (now < plan.startsAt()) {
			// Waiting: nothing has started, nothing is counted.
			metrics.putObject("statusSummary").put("status", "Waiting");
			return run;
		}
		ObjectNode duration = metrics.putObject("durationSummary");
		duration.put("startedAtUTC", plan.startsAt());
		ObjectNode recordSummary = metrics.putObject("recordSummary");
		ObjectNode status = metrics.putObject("statusSummary");
		if (now < plan.endsAt()) {
			// Processing: the records read so far, no target, no files, no end.
			long read = records * (now - plan.startsAt()) / Math.max(1, plan.endsAt() - plan.startsAt());
			recordSummary.put("inputRecordCount", read);
			summary(recordSummary.putArray("sourceSummaries"), plan.sourceConnectionId(), segment, "inputRecordCount",
					read);
			status.put("status", "Processing");
			return run;
		}
		switch (plan.outcome()) {
			case SUCCESS -> {
				duration.put("completedAtUTC", plan.endsAt());
				exported(metrics, recordSummary, plan, segment, records, 0);
			}
			case PARTIAL_SUCCESS -> {
				duration.put("completedAtUTC", plan.endsAt());
				long failed = records / 10;
				exported(metrics, recordSummary, plan, segment, records, failed);
				recordSummary.put("failedRecordCount", failed);
				info(recordSummary.putArray("failedInfo"), "ACTIVATION_BATCH-0000-PARTIAL",
						"Some profiles could not be written.", failed);
			}
			case FAILED -> {
				duration.put("completedAtUTC", plan.endsAt());
				summary(recordSummary.putArray("sourceSummaries"), plan.sourceConnectionId(), segment,
						"inputRecordCount", 0);
				info(recordSummary.putArray("failedInfo"), "ACTIVATION_BATCH-0000-FAILED", "Job aborted.", null);
				info(status.putArray("errors"), "ACTIVATION_BATCH-0000-FAILED", "Job aborted.", null);
			}
			case CANCELLED -> {
				// The schema's name for the end of a run that did not complete.
				duration.put("stoppedAtUTC", plan.endsAt());
				recordSummary.put("inputRecordCount", records / 2);
				summary(recordSummary.putArray("sourceSummaries"), plan.sourceConnectionId(), segment,
						"inputRecordCount", records / 2);
			}
		}
		status.put("status", plan.outcome().status());
		return run;
	}

	private static void exported(ObjectNode metrics, ObjectNode recordSummary, Plan plan, String segment, long records,
			long failed) {
		long written = records - failed;
		ObjectNode size = metrics.putObject("sizeSummary");
		size.put("inputBytes", records * 128);
		size.put("outputBytes", written * 128);
		recordSummary.put("inputRecordCount", records);
		recordSummary.put("outputRecordCount", written);
		recordSummary.put("skippedRecordCount", 0);
		summary(recordSummary.putArray("sourceSummaries"), plan.sourceConnectionId(), segment, "inputRecordCount",
				records);
		summary(recordSummary.putArray("targetSummaries"), plan.targetConnectionId(), segment, "outputRecordCount",
				written);
		ObjectNode files = metrics.putObject("fileSummary");
		files.put("inputFileCount", 1);
		files.put("outputFileCount", 1);
	}

	private static void info(ArrayNode infos, String code, String message, Long count) {
		ObjectNode info = infos.addObject();
		info.put("code", code);
		info.put("message", message);
		if (count != null) {
			info.put("count", count);
		}
	}

	private static boolean hasProfileMapping(JsonNode flow) {
		for (JsonNode transformation : flow.path("transformations")) {
			JsonNode mapping = transformation.path("params").path("profileMapping");
			if (mapping.isObject() && !mapping.isEmpty()) {
				return true;
			}
		}
		return false;
	}

	private static void summary(ArrayNode summaries, String connectionId, String segment, String countName,
			long records) {
		ObjectNode summary = summaries.addObject();
		summary.put("id", connectionId);
		summary.put(countName, records);
		ObjectNode entity = summary.putArray("entitySummaries").addObject();
		entity.put("id", segment);
		entity.put(countName, records);
	}

	private static String first(JsonNode flow, String field) {
		List<JsonNode> ids = flow.path(field).valueStream().toList();
		return ids.isEmpty() ? null : Json.text(ids.get(0));
	}

}
