package com.acme.aepexport.adobe;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.annotation.JsonProperty;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import org.springframework.http.HttpMethod;
import org.springframework.stereotype.Component;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Adobe Experience Platform Flow Service (destinations): connection specs, connections,
 * dataflows. Creates answer {@code 201 {id, etag}}; PATCHes send {@code If-Match} with
 * the etag they change and answer {@code 200 {id, etag}} or {@code 202} without a body.
 */
@Component
public class FlowServiceClient {

	private static final String BASE = "/data/foundation/flowservice";

	/** Connection specs are Adobe's catalog: the same for every org and sandbox. */
	private final Cache<String, ConnectionSpec> connectionSpecs;

	/**
	 * Pages of runs by the exact query: callers polling a run list every second ask Adobe
	 * once per window, not once per poll.
	 */
	private final Cache<RunsKey, RunsPage> runs;

	private final AdobeHttp http;

	FlowServiceClient(AdobeHttp http, AdobeSettings settings) {
		this.http = http;
		this.connectionSpecs = Caffeine.newBuilder()
			.expireAfterWrite(settings.caches().connectionSpecs())
			.maximumSize(100)
			.build();
		this.runs = Caffeine.newBuilder().expireAfterWrite(settings.caches().runs()).maximumSize(10_000).build();
	}

	/**
	 * {@code GET /runs?property=flowId==…} (newest first), with the query's filters,
	 * cached for {@code adobe.caches.runs}.
	 */
	public RunsPage runs(Sandbox sandbox, RunsQuery query) {
		return Cached.get(this.runs, new RunsKey(sandbox, query), (key) -> fetchRuns(sandbox, query));
	}

	private RunsPage fetchRuns(Sandbox sandbox, RunsQuery query) {
		// Every value is a variable, so the template is the uri tag of the call's
		// metrics. Variables are positional: they follow the query as built, where the
		// property filters come first, together.
		UriComponentsBuilder uri = UriComponentsBuilder.fromPath(BASE + "/runs").queryParam("property", "{flow}");
		List<Object> values = new ArrayList<>(List.of("flowId==" + query.flowId()));
		if (query.status() != null) {
			uri.queryParam("property", "{status}");
			values.add("metrics.statusSummary.status==" + query.status());
		}
		if (query.audienceId() != null) {
			uri.queryParam("property", "{audience}");
			values.add("metrics.recordSummary.targetSummaries[].entitySummaries[].id==segment:" + query.audienceId());
		}
		uri.queryParam("limit", "{limit}").queryParam("orderby", "-createdAt");
		values.add(query.limit());
		if (query.continuationToken() != null) {
			uri.queryParam("continuationToken", "{token}");
			values.add(query.continuationToken());
		}
		RunList list = this.http.get(sandbox, RunList.class, uri.build().toUriString(), values.toArray());
		return new RunsPage((list.items() != null) ? list.items() : List.of(), nextToken(list.links()));
	}

	/**
	 * Adobe's next page is a link whose continuationToken is what the next query sends.
	 */
	private static String nextToken(Map<String, Link> links) {
		Link next = (links != null) ? links.get("next") : null;
		if (next == null || next.href() == null) {
			return null;
		}
		return UriComponentsBuilder.fromUriString(next.href()).build().getQueryParams().getFirst("continuationToken");
	}

	/**
	 * {@code GET /runs/{id}}, unwrapped from its {@code items}; empty when Adobe has no
	 * such run.
	 */
	public Optional<FlowRun> run(Sandbox sandbox, String runId) {
		try {
			RunList list = this.http.get(sandbox, RunList.class, BASE + "/runs/{id}", runId);
			return (list.items() != null) ? list.items().stream().findFirst() : Optional.empty();
		}
		catch (AdobeCallFailed failed) {
			if (isNotFound(failed)) {
				return Optional.empty();
			}
			throw failed;
		}
	}

	/*
	 * Deletes answer 202 (or 204); a 404 means the entity is gone already, which is what
	 * a delete wants: each returns whether there was anything to delete.
	 */

	public boolean deleteFlow(Sandbox sandbox, String id) {
		return delete(sandbox, "/flows/{id}", id);
	}

	public boolean deleteTargetConnection(Sandbox sandbox, String id) {
		return delete(sandbox, "/targetConnections/{id}", id);
	}

	public boolean deleteBaseConnection(Sandbox sandbox, String id) {
		return delete(sandbox, "/connections/{id}", id);
	}

	public boolean deleteSourceConnection(Sandbox sandbox, String id) {
		return delete(sandbox, "/sourceConnections/{id}", id);
	}

	private boolean delete(Sandbox sandbox, String path, String id) {
		return this.http.delete(sandbox, BASE + path, id);
	}

	static boolean isNotFound(AdobeCallFailed failed) {
		return failed.httpStatus() != null && failed.httpStatus() == 404;
	}

	/** {@code GET /connectionSpecs/{id}}, cached per id. */
	public ConnectionSpec connectionSpec(Sandbox sandbox, String id) {
		return Cached.get(this.connectionSpecs, id,
				(key) -> single(
						this.http.get(sandbox, ConnectionSpecs.class, BASE + "/connectionSpecs/{id}", key).items(),
						"connection spec " + key));
	}

	public AdobeRef createSourceConnection(Sandbox sandbox, SourceConnectionRequest request) {
		return create(sandbox, request, "/sourceConnections");
	}

	public AdobeRef createBaseConnection(Sandbox sandbox, BaseConnectionRequest request) {
		return create(sandbox, request, "/connections");
	}

	public AdobeRef createTargetConnection(Sandbox sandbox, TargetConnectionRequest request) {
		return create(sandbox, request, "/targetConnections");
	}

	public AdobeRef createFlow(Sandbox sandbox, FlowRequest request) {
		return create(sandbox, request, "/flows");
	}

	/**
	 * {@code PATCH /flows/{id}} with {@code If-Match: <flow.etag>}.
	 * @return the flow with its new etag; when Adobe accepts with a bare 202 the etag is
	 * read back from the flow
	 */
	public AdobeRef patchFlow(Sandbox sandbox, AdobeRef flow, List<PatchOperation> operations) {
		AdobeRef patched = this.http.send(HttpMethod.PATCH, sandbox, operations, flow.etag(), AdobeRef.class,
				BASE + "/flows/{id}", flow.id());
		return (patched != null && patched.etag() != null) ? patched : flow(sandbox, flow.id()).ref();
	}

	/**
	 * The flow as Adobe holds it now, with its current etag ({@code GET /flows/{id}}).
	 */
	public Flow flow(Sandbox sandbox, String id) {
		return single(this.http.get(sandbox, Flows.class, BASE + "/flows/{id}", id).items(), "flow " + id);
	}

	/*
	 * A create whose answer was lost (timeout, reset connection, 5xx) may have happened.
	 * Our entity names are unique per export and step, so before creating again a step
	 * looks its entity up by name (Flow Service lists filter with property=name==…,
	 * newest first).
	 */

	public Optional<AdobeRef> findSourceConnection(Sandbox sandbox, String name) {
		return findByName(sandbox, "/sourceConnections", name);
	}

	public Optional<AdobeRef> findBaseConnection(Sandbox sandbox, String name) {
		return findByName(sandbox, "/connections", name);
	}

	public Optional<AdobeRef> findTargetConnection(Sandbox sandbox, String name) {
		return findByName(sandbox, "/targetConnections", name);
	}

	public Optional<AdobeRef> findFlow(Sandbox sandbox, String name) {
		return findByName(sandbox, "/flows", name);
	}

	private Optional<AdobeRef> findByName(Sandbox sandbox, String collection, String name) {
		Named named = this.http.get(sandbox, Named.class, BASE + collection + "?property={filter}", "name==" + name);
		// Filters are Adobe's to interpret; only an exact name is ours.
		return (named.items() != null) ? named.items()
			.stream()
			.filter((entity) -> name.equals(entity.name()))
			.findFirst()
			.map((entity) -> new AdobeRef(entity.id(), entity.etag())) : Optional.empty();
	}

	private AdobeRef create(Sandbox sandbox, Object request, String collection) {
		return this.http.send(HttpMethod.POST, sandbox, request, null, AdobeRef.class, BASE + collection);
	}

	/** Flow Service wraps single entities in {@code {"items": [...]}}. */
	private static <T> T single(List<T> items, String what) {
		if (items == null || items.isEmpty()) {
			throw new AdobeCallFailed("GET " + what, 200, null, "Adobe answered without the " + what, false, null);
		}
		return items.getFirst();
	}

	record ConnectionSpecs(List<ConnectionSpec> items) {

	}

	record Flows(List<Flow> items) {

	}

	record RunList(List<FlowRun> items, @JsonProperty("_links") Map<String, Link> links) {

	}

	record Link(String href) {

	}

	record RunsKey(Sandbox sandbox, RunsQuery query) {

	}

	record Named(List<NamedEntity> items) {

	}

	record NamedEntity(String id, String name, String etag) {

	}

}
