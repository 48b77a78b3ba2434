package com.acme.aepexport.adobe;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import lombok.AccessLevel;
import lombok.RequiredArgsConstructor;
import tools.jackson.databind.JsonNode;

import org.springframework.stereotype.Component;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Adobe's Ad Hoc Activation API ({@code ad-hoc-activation.yaml}): exports a dataflow's
 * audiences now, without waiting for their schedules. Version 2, chosen by its
 * {@code Accept} media type, needs no audience export job id.
 */
@Component
@RequiredArgsConstructor(access = AccessLevel.PACKAGE)
public class AdhocActivationClient {

	static final String PATH = "/data/core/activation/disflowprovider/adhocrun";

	/** Without it Adobe applies v1, which requires {@code exportIds}. */
	static final String V2 = "application/vnd.adobe.adhoc.activation+json; version=2";

	private static final String OPERATION = "POST " + PATH;

	private final AdobeHttp http;

	/**
	 * Starts one ad hoc activation job for these audiences of the dataflow: one Adobe
	 * call, never retried here (a lost answer may have started the job, and Adobe allows
	 * one job per audience at a time). The document's {@code destinationId} key of
	 * {@code activationInfo} is the destination instance, which is the dataflow (its
	 * answer's {@code order} and its refusal "for order {dataflowId}" say so).
	 * @return one run per audience Adobe answered for, in its order
	 * @throws AdobeCallFailed when Adobe refuses (a 400 when a job of an audience runs
	 * already, or an audience is not the flow's or out of its schedule), fails, does not
	 * answer in time, or answers what cannot be read
	 */
	public List<AdhocRun> activateNow(Sandbox sandbox, String flowId, List<String> audienceIds) {
		Map<String, List<String>> activationInfo = new LinkedHashMap<>();
		activationInfo.put(flowId, List.copyOf(audienceIds));
		JsonNode answer = this.http.post(sandbox, new AdhocActivationRequest(activationInfo), V2, JsonNode.class, PATH);
		if (answer == null) {
			throw AdobeCallFailed.unusable(OPERATION, "", "is empty: Adobe answered without a body");
		}
		List<AdhocRun> runs = new ArrayList<>();
		List<JsonNode> orders = JsonValues.elements(answer.path("order"));
		for (int i = 0; i < orders.size(); i++) {
			JsonNode order = orders.get(i);
			String field = "order[" + i + "]";
			// Every field of an order item is optional in Adobe's document: the job
			// started all the same, so what is absent stays unknown (null) rather than
			// turn a started job into a failed call.
			String audienceId = JsonValues.id(JsonValues.text(order.path("segment")), OPERATION, field + ".segment");
			String statusUrl = JsonValues.token(JsonValues.text(order.path("statusURL")), OPERATION,
					field + ".statusURL");
			runs.add(new AdhocRun(audienceId,
					JsonValues.id(JsonValues.text(order.path("order")), OPERATION, field + ".order"),
					runId(statusUrl, field + ".statusURL"), statusUrl));
		}
		return runs;
	}

	/**
	 * The run a status URL points at: the last segment of
	 * {@code …/flowservice/runs/{id}}; {@code null} without one, or when the URL is of
	 * another shape (the job then holds its audience until its time is up, not until its
	 * run is seen to end).
	 */
	static String runId(String statusUrl, String field) {
		if (statusUrl == null) {
			return null;
		}
		List<String> segments;
		try {
			segments = UriComponentsBuilder.fromUriString(statusUrl).build().getPathSegments();
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
		if (segments.size() < 2 || !segments.get(segments.size() - 2).equals("runs")) {
			return null;
		}
		return JsonValues.id(segments.getLast(), OPERATION, field);
	}

	/**
	 * What Adobe answered for one audience of an ad hoc job.
	 *
	 * @param audienceId Adobe's {@code segment}; {@code null} when Adobe gave none
	 * @param orderId Adobe's {@code order}: the destination instance (the dataflow)
	 * @param runId the Flow Service run the job made, from {@code statusURL};
	 * {@code null} when Adobe gave no URL, or one of another shape
	 * @param statusUrl Adobe's {@code statusURL} as it came
	 */
	public record AdhocRun(String audienceId, String orderId, String runId, String statusUrl) {

	}

	/** {@code {"activationInfo": {<dataflow id>: [<audience id>, …]}}}. */
	record AdhocActivationRequest(Map<String, List<String>> activationInfo) {

	}

}
