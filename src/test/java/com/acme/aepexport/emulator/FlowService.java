package com.acme.aepexport.emulator;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import java.util.function.Predicate;

import com.acme.aepexport.emulator.Sandbox.Stored;
import com.github.tomakehurst.wiremock.http.RequestMethod;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Flow Service ({@code /data/foundation/flowservice}): connection specs, the four entity
 * collections with create / get / list / JSON Patch (If-Match) / delete, and runs. A
 * target connection's manifest file ({@code params.includeFileManifest}) is taken at
 * creation and by a JSON Patch.
 */
final class FlowService {

	static final String PREFIX = "/data/foundation/flowservice";

	static final List<String> COLLECTIONS = List.of("connections", "sourceConnections", "targetConnections", "flows");

	private static final String FLOWS = "flows";

	private static final String MASK = "***";

	private final ConnectionSpecs specs;

	private final MonotonicClock clock;

	/** How runs go in a sandbox that has no script of its own. */
	private volatile RunScript runScript = RunScript.instantSuccess();

	FlowService(ConnectionSpecs specs, MonotonicClock clock) {
		this.specs = specs;
		this.clock = clock;
	}

	void runScript(RunScript script) {
		this.runScript = script;
	}

	Reply handle(Call call, Sandbox sandbox, List<String> segments) {
		if (segments.size() == 3 && FLOWS.equals(segments.get(0)) && "action".equals(segments.get(2))
				&& call.is(RequestMethod.POST)) {
			return action(call, sandbox, segments.get(1));
		}
		if (segments.isEmpty() || segments.size() > 2) {
			return Reply.notFound();
		}
		String resource = segments.get(0);
		String id = (segments.size() == 2) ? segments.get(1) : null;
		if ("connectionSpecs".equals(resource) && call.is(RequestMethod.GET)) {
			return (id != null) ? connectionSpec(id) : Listing.page(call, "/connectionSpecs",
					this.specs.all().stream().map((spec) -> new Stored(0, spec)).toList(), ObjectNode::deepCopy);
		}
		if (Runs.COLLECTION.equals(resource) && call.is(RequestMethod.GET)) {
			if (id != null) {
				advanceRuns(sandbox, (plan) -> plan.id().equals(id));
				return one(sandbox, Runs.COLLECTION, id, ObjectNode::deepCopy);
			}
			// Only the runs a flowId== filter can match are brought to now and listed.
			Set<String> flows = Listing.anyOf(call, "flowId");
			return Listing.page(call, "/runs",
					advanceRuns(sandbox, (plan) -> flows == null || flows.contains(plan.flowId())),
					ObjectNode::deepCopy);
		}
		if (!COLLECTIONS.contains(resource)) {
			return Reply.notFound();
		}
		Function<ObjectNode, JsonNode> view = "connections".equals(resource) ? FlowService::masked
				: ObjectNode::deepCopy;
		RequestMethod method = call.method();
		if (id == null && method.equals(RequestMethod.POST)) {
			return create(call, sandbox, resource);
		}
		if (id == null && method.equals(RequestMethod.GET)) {
			return Listing.page(call, "/" + resource, sandbox.all(resource), view);
		}
		if (id != null && method.equals(RequestMethod.GET)) {
			return one(sandbox, resource, id, view);
		}
		if (id != null && method.equals(RequestMethod.PATCH)) {
			return patch(call, sandbox, resource, id);
		}
		if (id != null && method.equals(RequestMethod.DELETE)) {
			return delete(sandbox, resource, id);
		}
		return Reply.notFound();
	}

	/** {@code POST …/disflowprovider/adhocrun}: see {@link AdhocRuns}. */
	Reply adhocRun(Call call, Sandbox sandbox) {
		return AdhocRuns.run(call, sandbox, scriptOf(sandbox), this.clock);
	}

	/**
	 * Brings the sandbox's runs to what they show now: the scheduled runs whose time has
	 * come planned, every run moved on.
	 */
	void advanceRuns(Sandbox sandbox) {
		advanceRuns(sandbox, (plan) -> true);
	}

	/**
	 * The same, but only the runs of the plans {@code which} selects are moved on.
	 * @return those runs, in no order
	 */
	private List<Stored> advanceRuns(Sandbox sandbox, Predicate<Runs.Plan> which) {
		Runs.schedule(sandbox, scriptOf(sandbox));
		return Runs.advance(sandbox, which);
	}

	private RunScript scriptOf(Sandbox sandbox) {
		return (sandbox.runScript() != null) ? sandbox.runScript() : this.runScript;
	}

	/** Adobe's etag: a quoted value, the quotes being part of it. */
	static String newEtag() {
		ThreadLocalRandom random = ThreadLocalRandom.current();
		return String.format("\"%08x-0000-0200-0000-%012x\"", random.nextInt(), random.nextLong() & 0xFFFFFFFFFFFFL);
	}

	/** Every audience selector of a flow, across its transformations. */
	static List<JsonNode> selectors(JsonNode flow) {
		List<JsonNode> selectors = new ArrayList<>();
		for (JsonNode transformation : flow.path("transformations")) {
			transformation.path("params").path("segmentSelectors").path("selectors").forEach(selectors::add);
		}
		return selectors;
	}

	private Reply connectionSpec(String id) {
		return this.specs.find(id)
			.map((spec) -> Reply.items(List.of(spec.deepCopy())))
			.orElseGet(() -> Reply.flowNotFound("connectionSpecs", id));
	}

	private static Reply one(Sandbox sandbox, String collection, String id, Function<ObjectNode, JsonNode> view) {
		return sandbox.find(collection, id)
			.map((stored) -> Reply.items(List.of(view.apply(stored.node()))))
			.orElseGet(() -> Reply.flowNotFound(collection, id));
	}

	private Reply create(Call call, Sandbox sandbox, String collection) {
		JsonNode body = call.json();
		if (body == null || !body.isObject()) {
			throw Rejected.flowBadRequest("The request body must be a JSON object");
		}
		ObjectNode entity = (ObjectNode) body.deepCopy();
		if (!Json.hasText(entity.get("name"))) {
			throw Rejected.flowBadRequest("name is required");
		}
		if (FLOWS.equals(collection)) {
			checkFlow(entity, sandbox);
		}
		else {
			checkConnection(collection, entity, sandbox);
		}
		if ("targetConnections".equals(collection) && sandbox.refusesOnce(collection)) {
			throw new Rejected(Reply.flowError(400, AdobeEmulator.REFUSED_ONCE_CODE, "Bad request",
					"The emulator refuses the first target connection of a sandbox named " + AdobeEmulator.REFUSE_ONCE
							+ "…; the next one is accepted."));
		}
		String id = UUID.randomUUID().toString();
		String etag = newEtag();
		long now = this.clock.millis();
		entity.put("id", id);
		entity.put("etag", etag);
		entity.put("createdAt", now);
		if (FLOWS.equals(collection)) {
			entity.put("state", "enabled");
		}
		sandbox.put(collection, id, new Stored(now, entity));
		return Reply.json(201, idAndEtag(id, etag));
	}

	private void checkConnection(String collection, ObjectNode entity, Sandbox sandbox) {
		ObjectNode spec = connectionSpecOf(entity);
		List<String> problems = switch (collection) {
			case "connections" -> this.specs.authProblems(spec, entity.path("auth"));
			case "targetConnections" -> targetProblems(entity, spec, sandbox);
			default -> sourceProblems(entity, sandbox);
		};
		if (!problems.isEmpty()) {
			throw Rejected.flowBadRequest(String.join("; ", problems));
		}
	}

	private ObjectNode connectionSpecOf(ObjectNode entity) {
		JsonNode reference = entity.path("connectionSpec");
		String id = Json.text(reference.get("id"));
		if (id == null || id.isBlank()) {
			throw Rejected.flowBadRequest("connectionSpec.id is required");
		}
		if (!Json.hasText(reference.get("version"))) {
			throw new Rejected(Reply.flowError(422, 1000, "Unprocessable entity",
					"connectionSpec.version is required (usually \"1.0\")"));
		}
		return this.specs.find(id)
			.orElseThrow(() -> Rejected.flowBadRequest("connectionSpec.id " + id + " is not a known connection spec"));
	}

	private List<String> targetProblems(ObjectNode entity, ObjectNode spec, Sandbox sandbox) {
		String baseId = Json.text(entity.get("baseConnectionId"));
		JsonNode params = entity.get("params");
		if (baseId == null && spec.path("authSpec").isEmpty()) {
			// Nothing to authenticate (the Data Lake a source dataflow writes to): the
			// source tutorials make such target connections without a base connection.
			return (params != null && params.isObject()) ? this.specs.targetProblems(spec, params)
					: List.of("params is required");
		}
		Stored base = sandbox.find("connections", baseId)
			.orElseThrow(
					() -> Rejected.flowBadRequest("baseConnectionId must name an existing connection, was " + baseId));
		String baseSpec = Json.text(base.node().path("connectionSpec").get("id"));
		if (!spec.get("id").asString().equals(baseSpec)) {
			return List.of("connectionSpec.id must be the base connection's, " + baseSpec);
		}
		if (params == null || !params.isObject()) {
			return List.of("params is required");
		}
		List<String> problems = new ArrayList<>(this.specs.targetProblems(spec, params));
		problems.addAll(manifestProblems(params));
		return problems;
	}

	/**
	 * {@code params.includeFileManifest}, Adobe's switch for a manifest file per run
	 * (SEED-NEW: a JSON Patch of an existing target connection), is a boolean when
	 * present; taken at creation too, which Adobe does not show either way.
	 */
	private static List<String> manifestProblems(JsonNode params) {
		JsonNode manifest = params.get("includeFileManifest");
		return (manifest == null || manifest.isBoolean()) ? List.of()
				: List.of("params.includeFileManifest must be a boolean, was " + manifest);
	}

	private static List<String> sourceProblems(ObjectNode entity, Sandbox sandbox) {
		String baseId = Json.text(entity.get("baseConnectionId"));
		if (baseId != null && !sandbox.exists("connections", baseId)) {
			return List.of("baseConnectionId must name an existing connection, was " + baseId);
		}
		return List.of();
	}

	private static void checkFlow(ObjectNode flow, Sandbox sandbox) {
		if (!Json.hasText(flow.path("flowSpec").get("id"))) {
			throw Rejected.flowBadRequest("flowSpec.id is required");
		}
		requireExisting(flow, "sourceConnectionIds", "sourceConnections", sandbox);
		requireExisting(flow, "targetConnectionIds", "targetConnections", sandbox);
		if (!flow.path("transformations").isArray()) {
			throw Rejected.flowBadRequest("transformations is required (an array)");
		}
	}

	private static void requireExisting(ObjectNode flow, String field, String collection, Sandbox sandbox) {
		JsonNode ids = flow.path(field);
		if (!ids.isArray() || ids.isEmpty()) {
			throw Rejected.flowBadRequest(field + " is required (a non-empty array)");
		}
		for (JsonNode id : ids) {
			if (!sandbox.exists(collection, Json.text(id))) {
				throw Rejected.flowBadRequest(field + " must name existing " + collection + ", " + id + " does not");
			}
		}
	}

	private Reply patch(Call call, Sandbox sandbox, String collection, String id) {
		String ifMatch = call.header("If-Match");
		if (ifMatch == null || ifMatch.isBlank()) {
			throw Rejected.flowBadRequest("The If-Match header is required: the entity's etag, double quotes included");
		}
		ConcurrentHashMap<String, Stored> entities = sandbox.collection(collection);
		if (!entities.containsKey(id)) {
			return Reply.flowNotFound(collection, id);
		}
		JsonNode operations = call.json();
		if (operations == null || !operations.isArray() || operations.isEmpty()) {
			throw Rejected.flowBadRequest("The request body must be a non-empty JSON Patch array");
		}
		// computeIfPresent serialises updates of one entity: of two PATCHes sent with the
		// same etag, exactly one wins and the other gets 412, as on Adobe.
		Stored updated = entities.computeIfPresent(id, (key, current) -> {
			String etag = Json.text(current.node().get("etag"));
			if (!ifMatch.equals(etag)) {
				throw new Rejected(preconditionFailed(ifMatch, etag));
			}
			ObjectNode patched = JsonPatch.apply(current.node(), operations);
			if ("targetConnections".equals(collection)) {
				List<String> problems = manifestProblems(patched.path("params"));
				if (!problems.isEmpty()) {
					throw Rejected.flowBadRequest(String.join("; ", problems));
				}
			}
			long now = this.clock.millis();
			patched.put("etag", newEtag());
			patched.put("updatedAt", now);
			if (FLOWS.equals(collection)) {
				stampSelectors(current.node(), patched, now);
				// A disabled (paused) flow starts no run.
				if (!"disabled".equals(Json.text(patched.get("state")))) {
					Runs.startFor(patched, sandbox, scriptOf(sandbox), this.clock);
				}
			}
			return new Stored(current.createdAt(), patched);
		});
		if (updated == null) {
			return Reply.flowNotFound(collection, id);
		}
		return Reply.json(200, idAndEtag(id, Json.text(updated.node().get("etag"))));
	}

	/**
	 * {@code POST /flows/{id}/action?op=ENABLE|DISABLE} (FS-REF
	 * {@code postStateTransition}, any case, as Adobe's tutorials write it in lower
	 * case): {@code If-Match} must name the flow's etag (412 otherwise), the flow's
	 * {@code state} becomes {@code enabled} or {@code disabled} with a new etag, answered
	 * {@code 200 {id, etag}}. No body is needed; {@code subOp} is not required (no
	 * tutorial sends one). The other operations of the enum are not emulated (400).
	 */
	private Reply action(Call call, Sandbox sandbox, String id) {
		String op = call.queryParam("op");
		String state = switch ((op != null) ? op.toUpperCase(Locale.ROOT) : "") {
			case "ENABLE" -> "enabled";
			case "DISABLE" -> "disabled";
			default -> throw Rejected.flowBadRequest("op must be ENABLE or DISABLE here, was " + op);
		};
		String ifMatch = call.header("If-Match");
		if (ifMatch == null || ifMatch.isBlank()) {
			throw Rejected.flowBadRequest("The If-Match header is required: the flow's etag, double quotes included");
		}
		Stored updated = sandbox.collection(FLOWS).computeIfPresent(id, (key, current) -> {
			String etag = Json.text(current.node().get("etag"));
			if (!ifMatch.equals(etag)) {
				throw new Rejected(preconditionFailed(ifMatch, etag));
			}
			ObjectNode switched = current.node().deepCopy();
			switched.put("state", state);
			switched.put("etag", newEtag());
			switched.put("updatedAt", this.clock.millis());
			return new Stored(current.createdAt(), switched);
		});
		if (updated == null) {
			return Reply.flowNotFound(FLOWS, id);
		}
		return Reply.json(200, idAndEtag(id, Json.text(updated.node().get("etag"))));
	}

	/**
	 * Selectors added or changed by this PATCH get {@code updateTime} (and
	 * {@code createTime} unless they carry one), epoch seconds as strings, like Adobe.
	 */
	private static void stampSelectors(ObjectNode before, ObjectNode after, long nowMillis) {
		String now = Long.toString(nowMillis / 1000);
		Set<JsonNode> unchanged = new HashSet<>(selectors(before));
		for (JsonNode selector : selectors(after)) {
			if (unchanged.contains(selector)) {
				continue;
			}
			if (!Json.hasText(selector.get("type")) || !(selector.get("value") instanceof ObjectNode value)
					|| !Json.hasText(value.get("id"))) {
				throw Rejected.flowBadRequest("A segment selector needs type and value.id, was " + selector);
			}
			if (!Json.hasText(value.get("createTime"))) {
				value.put("createTime", now);
			}
			value.put("updateTime", now);
		}
	}

	private static Reply preconditionFailed(String sent, String current) {
		String message = "Supplied version=[" + sent + "] does not match the current version on entity=[" + current
				+ "]";
		ObjectNode body = Json.object();
		body.put("errorMessage", message);
		body.put("errorDetails", message);
		return Reply.json(412, body);
	}

	private static Reply delete(Sandbox sandbox, String collection, String id) {
		if (sandbox.remove(collection, id).isEmpty()) {
			return Reply.flowNotFound(collection, id);
		}
		if (FLOWS.equals(collection)) {
			Runs.forget(sandbox, id);
		}
		return Reply.empty(202);
	}

	/** A connection as GET shows it: every credential in {@code auth.params} masked. */
	private static JsonNode masked(ObjectNode connection) {
		ObjectNode view = connection.deepCopy();
		if (view.path("auth").path("params") instanceof ObjectNode params) {
			for (String name : List.copyOf(params.propertyNames())) {
				params.put(name, MASK);
			}
		}
		return view;
	}

	private static ObjectNode idAndEtag(String id, String etag) {
		ObjectNode body = Json.object();
		body.put("id", id);
		body.put("etag", etag);
		return body;
	}

}
