package com.acme.aepexport.workflow;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import com.acme.aepexport.adobe.AdobeCallFailed;
import com.acme.aepexport.adobe.AdobeRef;
import com.acme.aepexport.adobe.AdobeRetryPolicy;
import com.acme.aepexport.adobe.FlowPatch;
import com.acme.aepexport.adobe.Sandbox;
import com.acme.aepexport.export.AdobeCall;
import com.acme.aepexport.export.AdobeCallKind;
import com.acme.aepexport.export.ChangeError;
import com.acme.aepexport.export.ExportId;
import com.acme.aepexport.export.ExportService;
import com.acme.aepexport.export.ExportSpec;
import com.acme.aepexport.export.ExportStatus;
import com.acme.aepexport.export.ExportView;
import com.acme.aepexport.export.PendingChange;

/**
 * Applies an export's accepted change to its dataflow: the work of the
 * {@code change-export} task. The change is computed against the flow as Adobe holds it
 * (read first) and sent as one minimal JSON Patch through {@link FlowChange}, the steps'
 * way too; a transient fault reads and diffs again, which makes a repeated attempt
 * harmless even when the earlier one took effect without an answer, so a change Adobe
 * accepted is never reported failed. The newest change waiting is applied, and with it
 * those accepted before it.
 */
@Component
class ChangeApplier {

	private static final Logger log = LoggerFactory.getLogger(ChangeApplier.class);

	private final ExportService exports;

	private final FlowChange flowChange;

	private final AdobeRetryPolicy retryPolicy;

	private final Clock clock;

	private final int maxRuns;

	ChangeApplier(ExportService exports, FlowChange flowChange, AdobeRetryPolicy retryPolicy, Clock clock,
			WorkflowSettings settings) {
		this.exports = exports;
		this.flowChange = flowChange;
		this.retryPolicy = retryPolicy;
		this.clock = clock;
		this.maxRuns = settings.workers().maxRuns();
	}

	/**
	 * Applies the export's newest change waiting, if any.
	 * @param runsBefore runs of this that failed in a row before this one: the change is
	 * given up ({@code FAILED}, saying Adobe may or may not carry it) when this one fails
	 * too and they add up to {@code exports.workers.max-runs}
	 * @throws AdobeCallFailed when Adobe did not answer (after the retries of one run):
	 * the change is tried again later
	 */
	void applyPending(ExportId id, int runsBefore) throws InterruptedException {
		PendingChange pending = this.exports.pendingChange(id).orElse(null);
		if (pending == null) {
			return;
		}
		ExportView export = pending.export();
		int revision = pending.change().revision();
		if (export.status() != ExportStatus.SUCCEEDED || export.flowId().isEmpty()) {
			this.exports.changeFailed(id, revision, new ChangeError(null, null,
					"The export is " + export.status() + ": the change was not applied.", false));
			return;
		}
		List<AdobeCall> calls;
		try {
			calls = apply(export, pending.change().spec());
		}
		catch (AdobeCallFailed failed) {
			if (!failed.retryable()) {
				// One JSON Patch, applied whole or not at all: the flow is as it was.
				this.exports.changeFailed(id, revision,
						new ChangeError(failed.httpStatus(), failed.adobeCode(), failed.adobeMessage(), false));
				log.warn("Export {} change {} refused by Adobe: {}", id, revision, failed.getMessage());
				return;
			}
			if (runsBefore + 1 >= this.maxRuns) {
				this.exports.changeFailed(id, revision,
						new ChangeError(failed.httpStatus(), failed.adobeCode(),
								"Adobe did not confirm the change in " + (runsBefore + 1)
										+ " runs; the dataflow may or may not carry it. PATCH again to apply it. "
										+ "Last: " + failed.getMessage(),
								true));
				log.warn("Export {} change {} given up: {}", id, revision, failed.getMessage());
				return;
			}
			throw failed;
		}
		this.exports.changeApplied(id, revision, pending.change().spec(), calls);
	}

	/**
	 * @return the call that changed the flow; none when the flow carried the change
	 * already (an earlier attempt took effect, its answer lost)
	 */
	private List<AdobeCall> apply(ExportView export, ExportSpec desired) throws InterruptedException {
		Sandbox sandbox = new Sandbox(export.spec().sandbox());
		AdobeRef flow = new AdobeRef(export.flowId().orElseThrow(), null);
		// Read first, always: the flow is diffed as Adobe holds it. Inside the retries, a
		// transient fault is retried by reading and diffing again.
		FlowChange.Changed changed = this.retryPolicy.call(this.clock, () -> this.flowChange.apply(sandbox, flow, true,
				(current) -> FlowPatch.toReach(current, desired), () -> {
				}));
		log.info("Export {} changed in Adobe's flow {}", export.id(), flow.id());
		return changed.asCalls(AdobeCallKind.FLOW_CHANGED);
	}

	/** What differs between the two specs that a flow cannot take in place. */
	static List<String> unchangeable(ExportSpec held, ExportSpec desired) {
		List<String> fields = new ArrayList<>();
		if (!held.name().equals(desired.name())) {
			fields.add("name");
		}
		if (!held.sandbox().equals(desired.sandbox())) {
			fields.add("sandbox");
		}
		if (!held.destination().equals(desired.destination())) {
			fields.add("destination");
		}
		if (!held.file().equals(desired.file())) {
			fields.add("file");
		}
		if (!held.mapping().equals(desired.mapping())) {
			fields.add("mapping");
		}
		return fields;
	}

}
