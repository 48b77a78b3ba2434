package com.acme.aepexport.workflow;

import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;

import org.springframework.stereotype.Component;

import com.acme.aepexport.adobe.AdobeCallFailed;
import com.acme.aepexport.adobe.AdobeRef;
import com.acme.aepexport.adobe.Flow;
import com.acme.aepexport.adobe.FlowServiceClient;
import com.acme.aepexport.adobe.PatchOperation;
import com.acme.aepexport.export.EntityRef;

/**
 * Applies one change to the dataflow with {@code PATCH /flows/{id}}, safely:
 * <ul>
 * <li>When an earlier attempt may have applied it (its answer was lost), the flow is read
 * first and a change already there is not made again.</li>
 * <li>A {@code 412} (our etag is stale: the flow changed since) reads the flow, takes its
 * current etag, checks whether the change is already there, and only then re-applies what
 * is missing; a few times, should the flow keep changing.</li>
 * </ul>
 */
@Component
class FlowChange {

	/** Rounds of read-and-re-apply after a 412 before the step fails. */
	private static final int STALE_ETAG_ROUNDS = 3;

	private final FlowServiceClient flowService;

	FlowChange(FlowServiceClient flowService) {
		this.flowService = flowService;
	}

	/**
	 * @param applied whether the flow as Adobe holds it already carries the change
	 * @param operations the operations that bring a flow to the change; given the flow as
	 * Adobe holds it, or {@code null} for the flow as we last left it
	 */
	EntityRef apply(StepContext context, Predicate<Flow> applied, Function<Flow, List<PatchOperation>> operations) {
		// Read the flow first when an earlier attempt may have changed it,
		// or when Adobe's last answer gave no etag to send in If-Match.
		Flow current = (context.mayHaveRun() || context.flow().etag() == null)
				? this.flowService.flow(context.sandbox(), context.flow().id()) : null;
		for (int round = 0;; round++) {
			if (current != null && applied.test(current)) {
				return adopt(current.ref());
			}
			AdobeRef flow = (current != null) ? current.ref() : context.flow();
			context.requireClaim();
			try {
				return adopt(this.flowService.patchFlow(context.sandbox(), flow, operations.apply(current)));
			}
			catch (AdobeCallFailed failed) {
				if (!isStaleEtag(failed) || round == STALE_ETAG_ROUNDS) {
					throw failed;
				}
				current = this.flowService.flow(context.sandbox(), flow.id());
			}
		}
	}

	private static boolean isStaleEtag(AdobeCallFailed failed) {
		return failed.httpStatus() != null && failed.httpStatus() == 412;
	}

	private static EntityRef adopt(AdobeRef flow) {
		return EntityRef.flowService(flow.id(), flow.etag());
	}

}
