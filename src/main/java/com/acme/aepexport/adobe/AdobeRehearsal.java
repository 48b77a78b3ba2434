package com.acme.aepexport.adobe;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.http.HttpMethod;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Adobe as a plan sees it ({@code POST /exports/plan}): its clients are the real ones
 * made to call through a recorder. Reads reach Adobe through the same chain as ever (and
 * share the real clients' caches); every write is recorded instead of sent, and answered
 * as Adobe answers a write that worked, with placeholders for what Adobe would have made:
 * {@code {baseConnection.id}}, {@code {baseConnection.etag}}. The requests are built by
 * the very code that builds an export's (the steps, the clients, {@link AdobeTerms}), up
 * to the last call before the wire, so a plan cannot drift from what an export sends.
 * <p>
 * One per plan, used by one thread.
 */
public final class AdobeRehearsal {

	private final List<PlannedCall> calls = new ArrayList<>();

	/** Values a plan has no real value for, and the placeholders shown instead. */
	private final Map<String, String> standIns = new LinkedHashMap<>();

	private final JsonMapper json;

	private final FlowServiceClient flowService;

	private final ConversionClient conversion;

	/** What the writes from now on make or change, as their placeholders name it. */
	private String entity = "entity";

	AdobeRehearsal(AdobeHttp http, FlowServiceClient flowService) {
		Recorder recorder = new Recorder(http);
		this.json = http.json();
		this.flowService = flowService.through(recorder);
		this.conversion = new ConversionClient(recorder);
	}

	/** Flow Service: reads from Adobe, writes recorded. */
	public FlowServiceClient flowService() {
		return this.flowService;
	}

	/** Data Prep: reads from Adobe, writes recorded. */
	public ConversionClient conversion() {
		return this.conversion;
	}

	/**
	 * The writes from now on make (or change) {@code entity}: each is answered with the
	 * id {@code {entity.id}} and the etag {@code {entity.etag}}.
	 */
	public void writesOf(String entity) {
		this.entity = entity;
	}

	/**
	 * Wherever a write carries {@code value} (in its path or a string of its body), the
	 * plan shows {@code placeholder} instead: for a value made up because the plan has no
	 * real one (an export's id).
	 */
	public void standIn(String value, String placeholder) {
		this.standIns.put(value, placeholder);
	}

	/** The text with every stand-in's placeholder in place of its value. */
	public String withStandIns(String text) {
		String shown = text;
		for (Map.Entry<String, String> standIn : this.standIns.entrySet()) {
			shown = shown.replace(standIn.getKey(), standIn.getValue());
		}
		return shown;
	}

	/** The writes recorded so far, oldest first. */
	public List<PlannedCall> calls() {
		return List.copyOf(this.calls);
	}

	private JsonNode withStandIns(JsonNode node) {
		if (node.isString()) {
			return JsonNodeFactory.instance.stringNode(withStandIns(node.stringValue()));
		}
		if (node.isObject()) {
			ObjectNode copy = JsonNodeFactory.instance.objectNode();
			node.properties().forEach((property) -> copy.set(property.getKey(), withStandIns(property.getValue())));
			return copy;
		}
		if (node.isArray()) {
			ArrayNode copy = JsonNodeFactory.instance.arrayNode();
			node.values().forEach((element) -> copy.add(withStandIns(element)));
			return copy;
		}
		return node;
	}

	/**
	 * What Adobe answers a write that worked, as the clients read it: an id and an etag
	 * (Flow Service), or an id and no version, which a new Data Prep entity's is.
	 */
	private <T> T answer(Class<T> type) {
		String id = "{" + this.entity + ".id}";
		if (type == AdobeRef.class) {
			return type.cast(new AdobeRef(id, "{" + this.entity + ".etag}"));
		}
		if (type == DataPrepRef.class) {
			return type.cast(new DataPrepRef(id, null));
		}
		throw new IllegalStateException("A rehearsal cannot answer a write with a " + type.getSimpleName());
	}

	/** The real chain, but for its writes. */
	private final class Recorder extends AdobeHttp {

		Recorder(AdobeHttp real) {
			super(real);
		}

		@Override
		<T> T write(HttpMethod method, Sandbox sandbox, Object body, String ifMatch, String accept, Class<T> type,
				String uriTemplate, Object... uriVariables) {
			String path = UriComponentsBuilder.fromUriString(uriTemplate).buildAndExpand(uriVariables).toUriString();
			JsonNode written = (body != null) ? withStandIns(AdobeRehearsal.this.json.valueToTree(body)) : null;
			AdobeRehearsal.this.calls.add(new PlannedCall(method.name(), withStandIns(path), ifMatch, written));
			return answer(type);
		}

		@Override
		int delete(Sandbox sandbox, String uriTemplate, Object... uriVariables) {
			throw new IllegalStateException("A rehearsal deletes nothing: " + uriTemplate);
		}

	}

}
