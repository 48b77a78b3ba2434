package com.acme.aepexport.support;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import tools.jackson.databind.JsonNode;

import com.acme.aepexport.emulator.AdobeEmulator;
import com.acme.aepexport.support.AdobeJournal.Call;

import static com.acme.aepexport.support.AdobeJournal.CONVERSION;
import static com.acme.aepexport.support.AdobeJournal.FLOW_SERVICE;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;

/**
 * The Adobe calls of the workflow steps, to put a fault on one step's call (a stub that
 * matches it and nothing else) and to find and count them in the {@link AdobeJournal}.
 */
public final class StepCalls {

	/** {@code PATCH /flows/{id}}, as a path pattern. */
	public static final String FLOW = FLOW_SERVICE + "/flows/[^/]+";

	/**
	 * A header our own test requests to Adobe carry (someone else changing a flow), so
	 * that stubs and counts can leave them out.
	 */
	public static final String OTHER_CLIENT = "x-test-other-client";

	private StepCalls() {
	}

	/**
	 * One kind of request a step sends: method, path pattern and, where one path serves
	 * several steps, a text only this step's bodies contain.
	 *
	 * @param step the step ({@code StepName}) that sends it
	 * @param bodyMarker {@code null} when the path alone tells the step
	 */
	public record Request(String step, String method, String pathPattern, String bodyMarker) {

		/** A stub matching this request in one sandbox, for the caller to answer. */
		public MappingBuilder stub(String sandbox) {
			MappingBuilder stub = WireMock.request(this.method, urlPathMatching(this.pathPattern))
				.withHeader("x-sandbox-name", equalTo(sandbox))
				.withHeader(OTHER_CLIENT, absent());
			return (this.bodyMarker != null) ? stub.withRequestBody(containing(this.bodyMarker)) : stub;
		}

		/** The matching calls the service sent, oldest first. */
		public List<Call> calls(AdobeJournal journal) {
			Pattern path = Pattern.compile(this.pathPattern);
			return journal.calls()
				.stream()
				.filter((call) -> call.method().equals(this.method) && path.matcher(call.path()).matches())
				.filter((call) -> call.header(OTHER_CLIENT) == null)
				.filter((call) -> this.bodyMarker == null || body(call).contains(this.bodyMarker))
				.toList();
		}

		@Override
		public String toString() {
			String path = this.pathPattern.replace("\\Q", "")
				.replace("\\E", "")
				.replace("\\.", ".")
				.replace("[^/]+", "{id}")
				.replaceFirst("^/data/(foundation/)?", "");
			return this.step + " (" + this.method + " " + path + ")";
		}

	}

	/** The entities an export creates, one per create step. */
	public enum Create {

		SOURCE_CONNECTION(FLOW_SERVICE + "/sourceConnections", "sourceConnections", "source connection"),
		BASE_CONNECTION(FLOW_SERVICE + "/connections", "connections", "base connection"),
		TARGET_CONNECTION(FLOW_SERVICE + "/targetConnections", "targetConnections", "target connection"),
		DATAFLOW(FLOW_SERVICE + "/flows", "flows", "dataflow"),
		INPUT_SCHEMA(CONVERSION + "/schemas", "schemas", "input schema"),
		OUTPUT_SCHEMA(CONVERSION + "/schemas", "schemas", "output schema"),
		MAPPING_SET(CONVERSION + "/mappingSets", "mappingSets", "mapping set");

		private final String path;

		private final String collection;

		private final String what;

		Create(String path, String collection, String what) {
			this.path = path;
			this.collection = collection;
			this.what = what;
		}

		public String step() {
			return name();
		}

		/** The POST, told apart from the other creates on its path by the entity name. */
		public Request request() {
			return new Request(name(), "POST", Pattern.quote(this.path), "_" + this.what.replace(' ', '-') + "_");
		}

		/** The entity's name in Adobe (see {@link AdobeCreates#entityName}). */
		public String entityName(JsonNode export) {
			return AdobeCreates.entityName(export.path("name").asString(), export.path("id").asString(), this.what);
		}

		/** What Adobe holds with this export's entity name. */
		public List<JsonNode> entities(AdobeEmulator emulator, JsonNode export) {
			String name = entityName(export);
			return emulator.entities(this.collection)
				.stream()
				.filter((entity) -> entity.path("name").asString().equals(name))
				.toList();
		}

		/**
		 * The creates of this export's entity the service sent (some may have been
		 * answered by a fault stub, Adobe never seeing them).
		 */
		public List<Call> posts(AdobeJournal journal, JsonNode export) {
			String name = entityName(export);
			return journal.calls("POST", this.path)
				.stream()
				.filter((call) -> call.body().path("name").asString().equals(name))
				.toList();
		}

		/**
		 * The look-ups of this export's entity: lists of its collection, which Data Prep
		 * filters by the entity's name ({@code name=…}) and Flow Service by the ids it
		 * was made from ({@code property=baseConnectionId==…}, never a name).
		 */
		public List<Call> lookUps(AdobeJournal journal, JsonNode export) {
			String name = entityName(export);
			return journal.calls("GET", this.path).stream().filter((call) -> {
				String url = URLDecoder.decode(call.event().getRequest().getUrl(), StandardCharsets.UTF_8);
				return !url.contains("name=") || url.contains(name);
			}).toList();
		}

	}

	/**
	 * The flow PATCHes, in the order they run, told apart by the path of their
	 * operations.
	 */
	public enum FlowPatch {

		AUDIENCES("/transformations/0/params/segmentSelectors"),
		ATTACH_MAPPING("/transformations/0/params/profileMapping"),
		MANDATORY_FIELDS("/transformations/0/params/mandatoryFields"),
		DEDUPLICATION_KEYS("/transformations/0/params/primaryFields");

		private final String operationPath;

		FlowPatch(String operationPath) {
			this.operationPath = operationPath;
		}

		public String step() {
			return name();
		}

		public Request request() {
			return new Request(name(), "PATCH", FLOW, "\"" + this.operationPath);
		}

	}

	/**
	 * Whether Adobe (the emulator) handled the call, rather than a test stub answering on
	 * its own.
	 */
	public static boolean reachedAdobe(Call call) {
		StubMapping stub = call.event().getStubMapping();
		List<String> transformers = (stub != null && stub.getResponse() != null) ? stub.getResponse().getTransformers()
				: null;
		return transformers != null && transformers.contains(AdobeEmulator.NAME);
	}

	/** The step of an export ({@code GET /exports/{id}}) by name. */
	public static JsonNode step(JsonNode export, String name) {
		for (JsonNode step : export.path("steps")) {
			if (step.path("name").asString().equals(name)) {
				return step;
			}
		}
		throw new AssertionError("No step " + name + " in " + export);
	}

	/** A field of every step of an export, by step name. */
	public static <T> Map<String, T> steps(JsonNode export, Function<JsonNode, T> field) {
		return StreamSupport.stream(export.path("steps").spliterator(), false)
			.collect(Collectors.toMap((step) -> step.path("name").asString(), field));
	}

	private static String body(Call call) {
		String body = call.event().getRequest().getBodyAsString();
		return (body != null) ? body : "";
	}

}
