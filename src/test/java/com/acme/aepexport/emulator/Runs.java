package com.acme.aepexport.emulator;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import com.acme.aepexport.emulator.Sandbox.Stored;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Dataflow runs, made up deterministically: once a flow has a profile mapping, each of
 * its audiences gets one successful run, created when the flow update that completed the
 * pair happens. Record counts derive from the audience id, so they are stable.
 */
final class Runs {

	static final String COLLECTION = "runs";

	private static final String SEGMENT = "segment:";

	private Runs() {
	}

	/** Called with every updated flow, under that flow's lock. */
	static void startFor(ObjectNode flow, Sandbox sandbox, MonotonicClock clock) {
		if (!hasProfileMapping(flow)) {
			return;
		}
		String flowId = Json.text(flow.get("id"));
		Set<String> audiencesWithRuns = new HashSet<>();
		for (Stored run : sandbox.all(COLLECTION)) {
			if (flowId.equals(Json.text(run.node().get("flowId")))) {
				audiencesWithRuns.add(audienceOf(run.node()));
			}
		}
		for (JsonNode selector : FlowService.selectors(flow)) {
			String audienceId = Json.text(selector.path("value").get("id"));
			if (audienceId != null && audiencesWithRuns.add(audienceId)) {
				long at = clock.millis();
				ObjectNode run = run(flow, audienceId, at, sandbox.name());
				sandbox.put(COLLECTION, Json.text(run.get("id")), new Stored(at, run));
			}
		}
	}

	private static String audienceOf(JsonNode run) {
		JsonNode summary = run.path("metrics").path("recordSummary").path("targetSummaries").path(0);
		String segment = Json.text(summary.path("entitySummaries").path(0).get("id"));
		return (segment != null) ? segment.substring(SEGMENT.length()) : null;
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

	private static ObjectNode run(ObjectNode flow, String audienceId, long at, String sandboxName) {
		long records = 1_000 + Math.floorMod(audienceId.hashCode(), 9_000);
		String segment = SEGMENT + audienceId;
		ObjectNode run = Json.object();
		run.put("id", UUID.randomUUID().toString());
		run.put("flowId", Json.text(flow.get("id")));
		run.set("flowSpec", flow.path("flowSpec").deepCopy());
		run.put("sandboxName", sandboxName);
		run.put("imsOrgId", AdobeEmulator.ORG_ID);
		run.put("createdAt", at);
		run.put("updatedAt", at);
		run.put("etag", FlowService.newEtag());
		ObjectNode metrics = run.putObject("metrics");
		ObjectNode duration = metrics.putObject("durationSummary");
		duration.put("startedAtUTC", at);
		duration.put("completedAtUTC", at);
		ObjectNode size = metrics.putObject("sizeSummary");
		size.put("inputBytes", records * 128);
		size.put("outputBytes", records * 128);
		ObjectNode recordSummary = metrics.putObject("recordSummary");
		recordSummary.put("inputRecordCount", records);
		recordSummary.put("outputRecordCount", records);
		recordSummary.put("skippedRecordCount", 0);
		summary(recordSummary.putArray("sourceSummaries"), first(flow, "sourceConnectionIds"), segment,
				"inputRecordCount", records);
		summary(recordSummary.putArray("targetSummaries"), first(flow, "targetConnectionIds"), segment,
				"outputRecordCount", records);
		ObjectNode files = metrics.putObject("fileSummary");
		files.put("inputFileCount", 1);
		files.put("outputFileCount", 1);
		metrics.putObject("statusSummary").put("status", "success");
		return run;
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
