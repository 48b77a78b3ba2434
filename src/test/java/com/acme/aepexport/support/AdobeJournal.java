package com.acme.aepexport.support;

import java.util.List;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What Adobe (the WireMock server) received in one sandbox, oldest first, with what it
 * answered.
 */
public final class AdobeJournal {

	public static final String FLOW_SERVICE = "/data/foundation/flowservice";

	public static final String CONVERSION = "/data/foundation/conversion";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final List<Call> calls;

	private AdobeJournal(List<Call> calls) {
		this.calls = calls;
	}

	public static AdobeJournal of(WireMockServer adobe, String sandbox) {
		List<Call> calls = adobe.getAllServeEvents()
			.reversed()
			.stream()
			.filter((event) -> sandbox.equals(event.getRequest().getHeader("x-sandbox-name")))
			.map(Call::new)
			.toList();
		return new AdobeJournal(calls);
	}

	public List<Call> calls() {
		return this.calls;
	}

	/**
	 * The calls a request to us can have caused: all but the reads of a dataflow's runs,
	 * which the service also makes in the background, on its own schedule (an export's
	 * latest runs, read again after it succeeds). A test that counts what one request
	 * asked of Adobe counts these, or it races the background.
	 */
	public List<Call> callsButRunReads() {
		return this.calls.stream()
			.filter((call) -> !(call.method().equals("GET") && call.path().equals(FLOW_SERVICE + "/runs")))
			.toList();
	}

	/** The calls with this method whose path (without query) is exactly {@code path}. */
	public List<Call> calls(String method, String path) {
		return this.calls.stream().filter((call) -> call.method().equals(method) && call.path().equals(path)).toList();
	}

	/** The calls with this method whose path starts with {@code prefix}. */
	public List<Call> callsUnder(String method, String prefix) {
		return this.calls.stream()
			.filter((call) -> call.method().equals(method) && call.path().startsWith(prefix))
			.toList();
	}

	/** The one call with this method and path; fails when there are none or several. */
	public Call only(String method, String path) {
		List<Call> matching = calls(method, path);
		if (matching.size() != 1) {
			throw new AssertionError("Expected exactly one " + method + " " + path + " but Adobe received "
					+ matching.size() + "; all calls: " + this.calls.stream().map(Call::toString).toList());
		}
		return matching.getFirst();
	}

	public record Call(ServeEvent event) {

		public String method() {
			return this.event.getRequest().getMethod().getName();
		}

		public String path() {
			String url = this.event.getRequest().getUrl();
			int query = url.indexOf('?');
			return (query < 0) ? url : url.substring(0, query);
		}

		public String header(String name) {
			return this.event.getRequest().getHeader(name);
		}

		public JsonNode body() {
			return JSON.readTree(this.event.getRequest().getBodyAsString());
		}

		public int status() {
			return this.event.getResponse().getStatus();
		}

		public JsonNode answer() {
			return JSON.readTree(this.event.getResponse().getBodyAsString());
		}

		@Override
		public String toString() {
			return method() + " " + path() + " -> " + status();
		}

	}

}
