package com.acme.aepexport.adobe;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.MissingNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.stereotype.Component;
import org.springframework.web.util.UriComponentsBuilder;

import com.acme.aepexport.export.Credentials;
import com.acme.aepexport.export.Destination;
import com.acme.aepexport.export.DestinationType;
import com.acme.aepexport.export.ExportSpec.FileSettings;

/**
 * Adobe Experience Platform Flow Service (destinations): connection specs, connections,
 * dataflows. Creates answer {@code 201 {id, etag}}; PATCHes send {@code If-Match} with
 * the etag they change and answer {@code 200 {id, etag}} or {@code 202} without a body.
 */
@Component
public class FlowServiceClient {

	private static final String BASE = "/data/foundation/flowservice";

	/** Entities per page of a look-up: the most Adobe answers with. */
	private static final int LOOKUP_PAGE = 100;

	/**
	 * Pages a look-up reads before it gives up; newest first, the entity of a lost answer
	 * is on the first page unless a hundred others were made or changed since.
	 */
	private static final int MAX_LOOKUP_PAGES = 20;

	/** Connection specs are Adobe's catalog: the same for every org and sandbox. */
	private final Cache<String, ConnectionSpec> connectionSpecs;

	/**
	 * Pages of runs by the exact query: callers polling a run list every second ask Adobe
	 * once per window, not once per poll. Bounded by the heap the pages hold.
	 */
	private final Cache<RunsKey, RunsPage> runs;

	private final AdobeHttp http;

	@Autowired
	FlowServiceClient(AdobeHttp http, AdobeSettings settings, MeterRegistry meters) {
		this.http = http;
		// Hits, misses and evictions of both are metrics (cache.gets, tagged cache).
		this.connectionSpecs = CaffeineCacheMetrics.monitor(meters,
				Caffeine.newBuilder()
					.expireAfterWrite(settings.caches().connectionSpecs())
					.maximumSize(100)
					.recordStats()
					.build(),
				"connection-specs");
		this.runs = CaffeineCacheMetrics.monitor(meters,
				RunsWeigher.cache(settings.caches().runs(), settings.caches().runsMaxSize()), "runs");
	}

	private FlowServiceClient(AdobeHttp http, FlowServiceClient caches) {
		this.http = http;
		this.connectionSpecs = caches.connectionSpecs;
		this.runs = caches.runs;
	}

	/**
	 * This client making its calls through {@code http} (a rehearsal's), sharing this
	 * one's caches: what this one has read, it does not read again.
	 */
	FlowServiceClient through(AdobeHttp http) {
		return new FlowServiceClient(http, this);
	}

	/**
	 * {@code GET /runs?property=flowId==…} (newest first), with the query's filters, for
	 * a caller who waits: cached for {@code adobe.caches.runs}, answered within
	 * {@code adobe.http.caller-timeout}.
	 */
	public RunsPage runs(Sandbox sandbox, RunsQuery query) {
		return Cached.get(this.runs, new RunsKey(sandbox, query),
				(key) -> fetchRuns(sandbox, query, this.http.callerTimeout()));
	}

	/**
	 * The same, read from Adobe now (not from the cache), within {@code timeout}; what it
	 * reads is cached for callers.
	 */
	public RunsPage freshRuns(Sandbox sandbox, RunsQuery query, Duration timeout) {
		RunsPage page = fetchRuns(sandbox, query, timeout);
		this.runs.put(new RunsKey(sandbox, query), page);
		return page;
	}

	/**
	 * Forgets the cached pages of the flow's runs: after something that starts runs (an
	 * ad hoc job), callers see them at their next read, not a window later.
	 */
	public void forgetRuns(Sandbox sandbox, String flowId) {
		this.runs.asMap()
			.keySet()
			.removeIf((key) -> key.sandbox().equals(sandbox) && key.query().flowId().equals(flowId));
	}

	private RunsPage fetchRuns(Sandbox sandbox, RunsQuery query, Duration timeout) {
		// Every value is a variable, so the template is the uri tag of the call's
		// metrics. Variables are positional: they follow the query as built, where the
		// property filters come first, together.
		UriComponentsBuilder uri = UriComponentsBuilder.fromPath(BASE + "/runs").queryParam("property", "{flow}");
		List<Object> values = new ArrayList<>(List.of(PropertyFilter.equal("flowId", query.flowId()).expression()));
		if (query.statuses() != null) {
			uri.queryParam("property", "{status}");
			values.add(PropertyFilter.equal("metrics.statusSummary.status", query.statuses().toArray(String[]::new))
				.expression());
		}
		if (query.audienceId() != null) {
			// Source summaries name the audience from the run's start,
			// failed runs included; target summaries only once files were written.
			uri.queryParam("property", "{audience}");
			values.add(PropertyFilter
				.equal("metrics.recordSummary.sourceSummaries[].entitySummaries[].id", "segment:" + query.audienceId())
				.expression());
		}
		uri.queryParam("limit", "{limit}").queryParam("orderby", "-createdAt");
		values.add(query.limit());
		if (query.continuationToken() != null) {
			uri.queryParam("continuationToken", "{token}");
			values.add(query.continuationToken());
		}
		String operation = "GET " + BASE + "/runs";
		JsonNode list = this.http.get(timeout, sandbox, JsonNode.class, uri.build().toUriString(), values.toArray());
		return new RunsPage(runs(list, operation), nextToken(list, operation));
	}

	/** The runs of a {@code {"items": […]}} answer, in its order. */
	private static List<FlowRun> runs(JsonNode list, String operation) {
		JsonNode items = list.path("items");
		List<FlowRun> runs = new ArrayList<>();
		if (items.isObject()) {
			runs.add(FlowRun.read(items, operation, "items"));
		}
		for (int i = 0; i < items.size() && items.isArray(); i++) {
			JsonNode item = items.get(i);
			if (item.isObject()) {
				runs.add(FlowRun.read(item, operation, "items[" + i + "]"));
			}
			else if (!item.isNull()) {
				throw AdobeCallFailed.unusable(operation, "items[" + i + "]", "is not a run");
			}
		}
		return runs;
	}

	/**
	 * Adobe's next page is a link whose continuationToken is what the next query sends.
	 */
	private static String nextToken(JsonNode list, String operation) {
		JsonNode href = list.path("_links").path("next").path("href");
		if (!href.isString() || href.stringValue().isBlank()) {
			return null;
		}
		try {
			String token = UriComponentsBuilder.fromUriString(href.stringValue())
				.build()
				.getQueryParams()
				.getFirst("continuationToken");
			return JsonValues.token(token, operation, "_links.next.href");
		}
		catch (IllegalArgumentException ex) {
			throw AdobeCallFailed.unusable(operation, "_links.next.href", "is not a link: " + ex.getMessage());
		}
	}

	/**
	 * {@code GET /runs/{id}}, unwrapped from its {@code items} (or as it is, should Adobe
	 * answer with the run alone); empty when Adobe has no such run.
	 */
	public Optional<FlowRun> run(Sandbox sandbox, String runId) {
		String operation = "GET " + BASE + "/runs/{id}";
		try {
			JsonNode answer = this.http.get(this.http.callerTimeout(), sandbox, JsonNode.class, BASE + "/runs/{id}",
					runId);
			return answer.has("items") ? runs(answer, operation).stream().findFirst()
					: Optional.of(FlowRun.read(answer, operation, "run"));
		}
		catch (AdobeCallFailed failed) {
			if (isNotFound(failed)) {
				return Optional.empty();
			}
			throw failed;
		}
	}

	/** The Flow Service entities an export's teardown deletes, each at its path. */
	public enum Entity {

		FLOW("/flows/{id}"), TARGET_CONNECTION("/targetConnections/{id}"), BASE_CONNECTION("/connections/{id}"),
		SOURCE_CONNECTION("/sourceConnections/{id}");

		private final String path;

		Entity(String path) {
			this.path = path;
		}

	}

	/**
	 * Deletes answer 202 (DEST-REF) or 204 (FS-REF); a 404 means the entity is gone
	 * already, which is what a delete wants.
	 */
	public Deletion delete(Sandbox sandbox, Entity entity, String id) {
		return Deletion.ofDocumented(this.http.delete(sandbox, BASE + entity.path, id), "DELETE " + entity.path);
	}

	static boolean isNotFound(AdobeCallFailed failed) {
		return failed.httpStatus() != null && failed.httpStatus() == 404;
	}

	/** {@code GET /connectionSpecs/{id}}, cached per id. */
	public ConnectionSpec connectionSpec(Sandbox sandbox, String id) {
		return connectionSpec(sandbox, id, this.http.readTimeout());
	}

	/**
	 * {@code GET /connectionSpecs/{id}}, cached per id, for a caller who waits: answered
	 * within {@code adobe.http.caller-timeout}.
	 */
	public ConnectionSpec connectionSpecForCaller(Sandbox sandbox, String id) {
		return connectionSpec(sandbox, id, this.http.callerTimeout());
	}

	/**
	 * {@code GET /connectionSpecs/{id}}, cached per id, for a caller who waits: a read
	 * that is not cached is answered within {@code timeout}.
	 */
	public ConnectionSpec connectionSpec(Sandbox sandbox, String id, Duration timeout) {
		String operation = "GET " + BASE + "/connectionSpecs/{id}";
		ConnectionSpec spec = Cached.get(this.connectionSpecs, id, (key) -> single(
				this.http.get(timeout, sandbox, ConnectionSpecs.class, BASE + "/connectionSpecs/{id}", key).items(),
				operation));
		// Its id is kept as the step's entity.
		JsonValues.id(spec.id(), operation, "items[0].id");
		return spec;
	}

	/** The Profile Store as a dataflow's source. */
	public AdobeRef createSourceConnection(Sandbox sandbox, EntityName name) {
		return createSourceConnection(sandbox, SourceConnectionRequest.profileStore(name.name(), name.description()));
	}

	/**
	 * The credentials (and the PGP key files are encrypted with, if any) under the auth
	 * spec of the destination's connection spec.
	 */
	public AdobeRef createBaseConnection(Sandbox sandbox, EntityName name, String connectionSpecId,
			DestinationType type, Credentials credentials, String pgpPublicKey) {
		return createBaseConnection(sandbox,
				new BaseConnectionRequest(name.name(), name.description(), AdobeTerms.auth(type, credentials),
						(pgpPublicKey != null) ? BaseConnectionRequest.Encryption.pgp(pgpPublicKey) : null,
						SpecRef.of(connectionSpecId)));
	}

	/** Where and how files are written: location, format, CSV options, compression. */
	public AdobeRef createTargetConnection(Sandbox sandbox, EntityName name, String connectionSpecId,
			String baseConnectionId, Destination destination, FileSettings file) {
		return createTargetConnection(sandbox, new TargetConnectionRequest(name.name(), name.description(),
				baseConnectionId, AdobeTerms.params(destination, file), SpecRef.of(connectionSpecId)));
	}

	/**
	 * The audience dataflow from the source to the target, with the destination's
	 * audience flow spec and one empty {@code GeneralTransform} for the changes that
	 * follow. No {@code scheduleParams}: audience schedules live on each audience.
	 */
	public AdobeRef createFlow(Sandbox sandbox, EntityName name, String flowSpecId, String sourceConnectionId,
			String targetConnectionId) {
		return createFlow(sandbox,
				new FlowRequest(name.name(), name.description(), SpecRef.of(flowSpecId), List.of(sourceConnectionId),
						List.of(targetConnectionId), List.of(FlowRequest.Transformation.emptyGeneralTransform())));
	}

	AdobeRef createSourceConnection(Sandbox sandbox, SourceConnectionRequest request) {
		return create(sandbox, request, "/sourceConnections");
	}

	AdobeRef createBaseConnection(Sandbox sandbox, BaseConnectionRequest request) {
		return create(sandbox, request, "/connections");
	}

	AdobeRef createTargetConnection(Sandbox sandbox, TargetConnectionRequest request) {
		return create(sandbox, request, "/targetConnections");
	}

	AdobeRef createFlow(Sandbox sandbox, FlowRequest request) {
		return create(sandbox, request, "/flows");
	}

	/**
	 * {@code PATCH /flows/{id}} with {@code If-Match: <flow.etag>}.
	 * @return the flow with its new etag; when Adobe accepts with a bare 202 (or without
	 * an etag) the etag is read back from the flow
	 */
	public AdobeRef patchFlow(Sandbox sandbox, AdobeRef flow, FlowPatch patch) {
		AdobeRef patched = this.http.send(HttpMethod.PATCH, sandbox, patch.operations(), flow.etag(), AdobeRef.class,
				BASE + "/flows/{id}", flow.id());
		return (patched != null && hasText(patched.etag()))
				? new AdobeRef(flow.id(), JsonValues.id(patched.etag(), "PATCH " + BASE + "/flows/{id}", "etag"))
				: flow(sandbox, flow.id()).ref();
	}

	/**
	 * {@code PATCH /targetConnections/{id}} with {@code If-Match: <target.etag>} (FS-REF
	 * {@code patchTargetConnection}).
	 * @return the target connection with its new etag: from Adobe's answer, whether
	 * {@code {id, etag}} as a flow's PATCH answers or the {@code {"items": [...]}} FS-REF
	 * declares, and read back when it has none
	 */
	public AdobeRef patchTargetConnection(Sandbox sandbox, AdobeRef target, TargetConnectionPatch patch) {
		String operation = "PATCH " + BASE + "/targetConnections/{id}";
		JsonNode answer = this.http.send(HttpMethod.PATCH, sandbox, patch.operations(), target.etag(), JsonNode.class,
				BASE + "/targetConnections/{id}", target.id());
		String etag = (answer == null) ? null : JsonValues.text(answer.path("etag"));
		if (!hasText(etag) && answer != null) {
			etag = JsonValues.elements(answer.path("items"))
				.stream()
				.map((item) -> JsonValues.text(item.path("etag")))
				.filter(FlowServiceClient::hasText)
				.findFirst()
				.orElse(null);
		}
		return hasText(etag) ? new AdobeRef(target.id(), JsonValues.id(etag, operation, "etag"))
				: targetConnection(sandbox, target.id()).ref();
	}

	/**
	 * Enables or disables the flow: {@code POST /flows/{id}/action?op=ENABLE|DISABLE}
	 * with {@code If-Match: <flow.etag>} and no body. The upper case of FS-REF's enum,
	 * and no {@code subOp} (none of its values is about enabling; UPDATE-DOC sends none):
	 * see docs/adobe-deviations.md.
	 * @return the flow with its new etag (read back from the flow when Adobe answers
	 * without one)
	 */
	public AdobeRef setFlowEnabled(Sandbox sandbox, AdobeRef flow, boolean enabled) {
		String operation = "POST " + BASE + "/flows/{id}/action";
		AdobeRef answer = this.http.send(HttpMethod.POST, sandbox, null, flow.etag(), AdobeRef.class,
				BASE + "/flows/{id}/action?op={op}", flow.id(), enabled ? "ENABLE" : "DISABLE");
		return (answer != null && hasText(answer.etag()))
				? new AdobeRef(flow.id(), JsonValues.id(answer.etag(), operation, "etag"))
				: flow(sandbox, flow.id()).ref();
	}

	/**
	 * The flow as Adobe holds it now, with its current etag ({@code GET /flows/{id}}).
	 */
	public Flow flow(Sandbox sandbox, String id) {
		String operation = "GET " + BASE + "/flows/{id}";
		return flow(id, single(this.http.get(sandbox, Flows.class, BASE + "/flows/{id}", id).items(), operation),
				operation);
	}

	/**
	 * As {@link #flow}, for a dataflow that may not exist: FS-REF documents no
	 * {@code 404} for {@code GET /flows/{id}}, so a {@code 200} with no item says so as
	 * much as a {@code 404} does.
	 */
	public Optional<Flow> findFlow(Sandbox sandbox, String id) {
		String operation = "GET " + BASE + "/flows/{id}";
		List<FlowBody> items;
		try {
			items = this.http.get(sandbox, Flows.class, BASE + "/flows/{id}", id).items();
		}
		catch (AdobeCallFailed failed) {
			if (failed.httpStatus() != null && failed.httpStatus() == 404) {
				return Optional.empty();
			}
			throw failed;
		}
		return (items == null || items.isEmpty()) ? Optional.empty()
				: Optional.of(flow(id, single(items, operation), operation));
	}

	private static Flow flow(String id, FlowBody flow, String operation) {
		if (!hasText(flow.etag())) {
			// Without it no change can be sent (If-Match is required).
			throw AdobeCallFailed.unusable(operation, "items[0].etag", "is missing");
		}
		return new Flow(new AdobeRef(id, JsonValues.id(flow.etag(), operation, "items[0].etag")), flow.state(),
				flow.transformations(), flow.name(), specId(flow.flowSpec(), operation, "items[0].flowSpec.id"),
				ids(flow.sourceConnectionIds(), operation, "items[0].sourceConnectionIds"),
				ids(flow.targetConnectionIds(), operation, "items[0].targetConnectionIds"));
	}

	/**
	 * {@code GET /targetConnections/{id}}: where and how a dataflow built elsewhere
	 * writes its files, and its base connection; with its current etag, for a change of
	 * it.
	 */
	public AdobeConnection targetConnection(Sandbox sandbox, String id) {
		return connection(sandbox, "/targetConnections/{id}", id);
	}

	/**
	 * {@code GET /sourceConnections/{id}}: what a dataflow built elsewhere reads from.
	 */
	public AdobeConnection sourceConnection(Sandbox sandbox, String id) {
		return connection(sandbox, "/sourceConnections/{id}", id);
	}

	/**
	 * {@code GET /connections/{id}}: its connection spec, etag and PGP key, never its
	 * credentials (the answer's {@code auth} is skipped as it is read, never held).
	 */
	public AdobeConnection baseConnection(Sandbox sandbox, String id) {
		return connection(sandbox, "/connections/{id}", id);
	}

	private AdobeConnection connection(Sandbox sandbox, String path, String id) {
		String operation = "GET " + BASE + path;
		ConnectionBody connection = single(this.http.get(sandbox, Connections.class, BASE + path, id).items(),
				operation);
		if (!hasText(connection.etag())) {
			// Without it no change can be sent (If-Match is required).
			throw AdobeCallFailed.unusable(operation, "items[0].etag", "is missing");
		}
		String base = hasText(connection.baseConnectionId()) ? connection.baseConnectionId()
				: JsonValues.text(connection.inheritedAttributes().path("baseConnection").path("id"));
		JsonNode key = connection.encryption().path("params").path("publicKey");
		return new AdobeConnection(new AdobeRef(id, JsonValues.id(connection.etag(), operation, "items[0].etag")),
				specId(connection.connectionSpec(), operation, "items[0].connectionSpec.id"),
				JsonValues.id(base, operation, "items[0].baseConnectionId"), connection.params(), JsonValues.text(key));
	}

	/**
	 * The target connections made on a base connection (a destination account Adobe's UI
	 * lets several dataflows share): {@code GET /targetConnections?property=
	 * baseConnectionId==…}, the first hundred.
	 */
	public List<String> targetConnectionsOf(Sandbox sandbox, String baseConnectionId) {
		return idsOf(sandbox, "/targetConnections", PropertyFilter.equal("baseConnectionId", baseConnectionId));
	}

	/**
	 * The flows that read from a source connection: {@code GET /flows?property=
	 * sourceConnectionIds[]==…}, the first hundred.
	 */
	public List<String> flowsFrom(Sandbox sandbox, String sourceConnectionId) {
		return idsOf(sandbox, "/flows", PropertyFilter.equal("sourceConnectionIds[]", sourceConnectionId));
	}

	private List<String> idsOf(Sandbox sandbox, String collection, PropertyFilter filter) {
		String operation = "GET " + BASE + collection;
		JsonNode list = this.http.get(sandbox, JsonNode.class, BASE + collection + "?property={filter}&limit={limit}",
				filter.expression(), LOOKUP_PAGE);
		List<String> ids = new ArrayList<>();
		for (JsonNode entity : JsonValues.elements(list.path("items"))) {
			String id = JsonValues.text(entity.path("id"));
			if (id == null) {
				throw AdobeCallFailed.unusable(operation, "items[].id", "is missing");
			}
			ids.add(JsonValues.id(id, operation, "items[].id"));
		}
		return ids;
	}

	/** A spec reference, {@code {"id": …}} or (as FS-REF's examples write it) the id. */
	private static String specId(JsonNode spec, String operation, String field) {
		String id = (spec != null && spec.isObject()) ? JsonValues.text(spec.path("id"))
				: (spec != null) ? JsonValues.text(spec) : null;
		return JsonValues.id(id, operation, field);
	}

	/** Ids as Adobe lists them, without the nulls and blanks. */
	private static List<String> ids(List<String> ids, String operation, String field) {
		return (ids != null) ? ids.stream()
			.filter(FlowServiceClient::hasText)
			.map((id) -> JsonValues.id(id, operation, field + "[]"))
			.toList() : List.of();
	}

	/*
	 * A create whose answer was lost (timeout, reset connection, 5xx) may have happened.
	 * Before creating again a step looks for its entity: with a property filter on the
	 * Adobe ids the entity was made from (a documented filterable field each, and never a
	 * name: names hold caller text), newest first, page by page, and adopts only an
	 * entity that bears one of the given names.
	 */

	/** Among the Profile Store source connections ({@code connectionSpec.id}). */
	public Optional<AdobeRef> findSourceConnection(Sandbox sandbox, Collection<String> names) {
		return find(sandbox, "/sourceConnections",
				PropertyFilter.equal("connectionSpec.id", SourceConnectionRequest.PROFILE_STORE_SPEC_ID), names);
	}

	/** Among the base connections of the destination's connection spec. */
	public Optional<AdobeRef> findBaseConnection(Sandbox sandbox, String connectionSpecId, Collection<String> names) {
		return find(sandbox, "/connections", PropertyFilter.equal("connectionSpec.id", connectionSpecId), names);
	}

	/** Among the target connections of the base connection. */
	public Optional<AdobeRef> findTargetConnection(Sandbox sandbox, String baseConnectionId, Collection<String> names) {
		return find(sandbox, "/targetConnections", PropertyFilter.equal("baseConnectionId", baseConnectionId), names);
	}

	/** Among the flows into the target connection. */
	public Optional<AdobeRef> findFlow(Sandbox sandbox, String targetConnectionId, Collection<String> names) {
		return find(sandbox, "/flows", PropertyFilter.equal("targetConnectionIds[]", targetConnectionId), names);
	}

	private Optional<AdobeRef> find(Sandbox sandbox, String collection, PropertyFilter filter,
			Collection<String> names) {
		String operation = "GET " + BASE + collection;
		String token = null;
		for (int page = 1; page <= MAX_LOOKUP_PAGES; page++) {
			JsonNode list = (token == null)
					? this.http.get(sandbox, JsonNode.class, BASE + collection + "?property={filter}&limit={limit}",
							filter.expression(), LOOKUP_PAGE)
					: this.http.get(sandbox, JsonNode.class,
							BASE + collection + "?property={filter}&limit={limit}&continuationToken={token}",
							filter.expression(), LOOKUP_PAGE, token);
			for (JsonNode entity : JsonValues.elements(list.path("items"))) {
				String name = JsonValues.text(entity.path("name"));
				// Set.of refuses to look for null, as a name Adobe left out would be.
				if (name != null && names.contains(name)) {
					String id = JsonValues.text(entity.path("id"));
					if (id == null) {
						throw AdobeCallFailed.unusable(operation, "items[].id", "is missing on the entity found");
					}
					return Optional.of(new AdobeRef(JsonValues.id(id, operation, "items[].id"),
							JsonValues.id(JsonValues.text(entity.path("etag")), operation, "items[].etag")));
				}
			}
			String next = nextToken(list, operation);
			if (next == null) {
				return Optional.empty();
			}
			if (next.equals(token)) {
				throw AdobeCallFailed.unusable(operation, "_links.next.href", "points at the same page again");
			}
			token = next;
		}
		// Not found is not proven: creating again might make a second entity.
		throw new AdobeCallFailed(operation, null, null,
				"looked for " + names + " in " + MAX_LOOKUP_PAGES + " pages of " + LOOKUP_PAGE + " (" + filter
						+ ") without reaching the end; find it in Adobe and delete it, or resume to look again",
				false, null);
	}

	private AdobeRef create(Sandbox sandbox, Object request, String collection) {
		String operation = "POST " + BASE + collection;
		AdobeRef created = this.http.create(sandbox, request, AdobeRef.class, BASE + collection);
		if (!hasText(created.id())) {
			throw AdobeCallFailed.unusable(operation, "id", "is missing");
		}
		return new AdobeRef(JsonValues.id(created.id(), operation, "id"),
				JsonValues.id(created.etag(), operation, "etag"));
	}

	/** Flow Service wraps single entities in {@code {"items": [...]}}. */
	private static <T> T single(List<T> items, String operation) {
		if (items == null || items.isEmpty()) {
			throw AdobeCallFailed.unusable(operation, "items", "is empty");
		}
		if (items.getFirst() == null) {
			throw AdobeCallFailed.unusable(operation, "items[0]", "is null");
		}
		return items.getFirst();
	}

	private static boolean hasText(String text) {
		return text != null && !text.isBlank();
	}

	record ConnectionSpecs(List<ConnectionSpec> items) {

	}

	record Flows(List<FlowBody> items) {

	}

	/**
	 * A flow as {@code GET /flows/{id}} spells it. FS-REF declares {@code flowSpec} an
	 * object but gives a bare id as its example: both are read.
	 */
	record FlowBody(String id, String etag, String state, List<FlowRequest.Transformation> transformations, String name,
			JsonNode flowSpec, List<String> sourceConnectionIds, List<String> targetConnectionIds) {

	}

	record Connections(List<ConnectionBody> items) {

	}

	/**
	 * A source, target or base connection as {@code GET} spells it, without its
	 * {@code auth}: what is not declared here is skipped unread.
	 */
	record ConnectionBody(String etag, JsonNode connectionSpec, String baseConnectionId, JsonNode params,
			JsonNode inheritedAttributes, JsonNode encryption) {

		ConnectionBody {
			params = (params != null) ? params : MissingNode.getInstance();
			inheritedAttributes = (inheritedAttributes != null) ? inheritedAttributes : MissingNode.getInstance();
			encryption = (encryption != null) ? encryption : MissingNode.getInstance();
		}

	}

	record RunsKey(Sandbox sandbox, RunsQuery query) {

	}

}
