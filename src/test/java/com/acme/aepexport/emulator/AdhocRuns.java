package com.acme.aepexport.emulator;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Adobe's Ad Hoc Activation API ({@code ad-hoc-activation.yaml}), v2 with its
 * {@code Accept} media type and v1 without: {@code activationInfo} maps destination
 * instances (dataflows) to audiences; each audience gets one run of the flow at once,
 * which then waits, processes and ends as the sandbox's {@link RunScript} says, like a
 * scheduled one, and the answer is {@code 200 {"order": [{segment, order, statusURL}]}}.
 * Refused, all or nothing, with the document's {@code 400 {"message"}}: a malformed body,
 * v1 without {@code exportIds}, more than 80 audiences in the job ("will cause the job to
 * fail"), an audience the flow does not export ("not part of this dataflow"), or one with
 * a run that waits or processes, scheduled or ad hoc ("Run already going on");
 * {@code 404} for a dataflow the sandbox does not have.
 */
final class AdhocRuns {

	static final String PATH = "/data/core/activation/disflowprovider/adhocrun";

	static final String V2 = "application/vnd.adobe.adhoc.activation+json; version=2";

	static final int MAX_AUDIENCES = 80;

	private static final String STATUS_URL = "https://platform.adobe.io/data/foundation/flowservice/runs/";

	private AdhocRuns() {
	}

	static Reply run(Call call, Sandbox sandbox, RunScript script, MonotonicClock clock) {
		boolean v2 = V2.equals(call.header("Accept"));
		JsonNode body = call.json();
		if (body == null || !body.isObject() || !body.path("activationInfo").isObject()
				|| body.path("activationInfo").isEmpty()) {
			return message(400, "activationInfo is required: a map of destination instance ids to audience ids");
		}
		if (!v2 && (!body.path("exportIds").isArray() || body.path("exportIds").isEmpty())) {
			return message(400, "exportIds is required without the Accept header " + V2);
		}
		Map<String, List<String>> asked = new LinkedHashMap<>();
		int audiences = 0;
		for (Map.Entry<String, JsonNode> entry : body.path("activationInfo").properties()) {
			List<String> ids = new ArrayList<>();
			for (JsonNode id : entry.getValue()) {
				if (!Json.hasText(id)) {
					return message(400, "activationInfo." + entry.getKey() + " must list audience ids");
				}
				ids.add(id.stringValue());
			}
			if (!entry.getValue().isArray() || ids.isEmpty()) {
				return message(400, "activationInfo." + entry.getKey() + " must list audience ids");
			}
			asked.put(entry.getKey(), ids);
			audiences += ids.size();
		}
		if (audiences > MAX_AUDIENCES) {
			return message(400,
					"An ad hoc activation job activates at most " + MAX_AUDIENCES + " audiences; got " + audiences);
		}
		// One job at a time per sandbox: the check and the runs it plans are one step.
		synchronized (sandbox) {
			long now = sandbox.now();
			Map<String, JsonNode> flows = new LinkedHashMap<>();
			for (Map.Entry<String, List<String>> entry : asked.entrySet()) {
				String flowId = entry.getKey();
				Optional<Sandbox.Stored> flow = sandbox.find("flows", flowId);
				if (flow.isEmpty()) {
					return message(404, "Destination instance " + flowId + " not found");
				}
				Set<String> exported = new HashSet<>();
				FlowService.selectors(flow.get().node())
					.forEach((selector) -> exported.add(Json.text(selector.path("value").get("id"))));
				List<String> foreign = entry.getValue().stream().filter((id) -> !exported.contains(id)).toList();
				if (!foreign.isEmpty()) {
					return message(400, "Segments " + String.join(", ", foreign)
							+ " are not part of this dataflow or out of schedule range!");
				}
				for (String audienceId : entry.getValue()) {
					Optional<Runs.Plan> going = sandbox.runPlans()
						.values()
						.stream()
						.filter((plan) -> plan.flowId().equals(flowId) && plan.audienceId().equals(audienceId)
								&& now < plan.endsAt())
						.findFirst();
					if (going.isPresent()) {
						return message(400, "Run already going on for audience " + audienceId + " for order " + flowId
								+ " with run id " + going.get().id());
					}
				}
				flows.put(flowId, flow.get().node());
			}
			ObjectNode answer = Json.object();
			ArrayNode order = answer.putArray("order");
			asked.forEach((flowId, ids) -> ids.forEach((audienceId) -> {
				Runs.Plan plan = Runs.plan(flows.get(flowId), audienceId, sandbox, script, clock);
				ObjectNode item = order.addObject();
				item.put("segment", audienceId);
				item.put("order", flowId);
				item.put("statusURL", STATUS_URL + plan.id());
			}));
			Runs.advance(sandbox, (plan) -> flows.containsKey(plan.flowId()));
			return Reply.json(200, answer);
		}
	}

	/** The document's error shape: {@code {"message"}}. */
	private static Reply message(int status, String message) {
		ObjectNode body = Json.object();
		body.put("message", message);
		return Reply.json(status, body);
	}

}
