package com.acme.aepexport.workflow;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import lombok.RequiredArgsConstructor;
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
import com.acme.aepexport.export.ChangeView;
import com.acme.aepexport.export.EntityRef;
import com.acme.aepexport.export.ExportId;
import com.acme.aepexport.export.ExportService;
import com.acme.aepexport.export.ExportSpec;
import com.acme.aepexport.export.ExportStatus;
import com.acme.aepexport.export.ExportView;
import com.acme.aepexport.export.PendingChange;
import com.acme.aepexport.export.StepName;

/**
 * Applies an export's accepted change to Adobe: the work of the {@code change-export}
 * task. The dataflow's part is computed against the flow as Adobe holds it (read first)
 * and sent as one minimal JSON Patch through {@link FlowChange}, the steps' way too; a
 * transient fault reads and diffs again, which makes a repeated attempt harmless even
 * when the earlier one took effect without an answer, so a change Adobe accepted is never
 * reported failed. A new mapping is a new mapping set first, made as the
 * {@code MAPPING_SET} step makes its own (and found by its name after a lost answer),
 * which the flow's patch then points at; a manifest file turned on or off is a change of
 * the flow's target connection, through the same read-diff-412 loop. The newest change
 * waiting is applied, and with it those accepted before it.
 */
@Component
@RequiredArgsConstructor
class ChangeApplier {

	private static final Logger log = LoggerFactory.getLogger(ChangeApplier.class);

	private final ExportService exports;

	private final FlowChange flowChange;

	private final StepGraph steps;

	private final AdobeRetryPolicy retryPolicy;

	private final Clock clock;

	private final WorkflowSettings settings;

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
			calls = apply(export, pending.change());
		}
		catch (AdobeCallFailed failed) {
			if (!failed.retryable()) {
				// The flow's part is one JSON Patch, applied whole or not at all: the
				// flow is as it was. A mapping set made for it stays, unattached (and
				// noted on the change); a manifest switched before it stays switched,
				// and the next change, diffed against Adobe, finds it so.
				this.exports.changeFailed(id, revision,
						new ChangeError(failed.httpStatus(), failed.adobeCode(), failed.adobeMessage(), false));
				log.warn("Export {} change {} refused by Adobe: {}", id, revision, failed.getMessage());
				return;
			}
			if (runsBefore + 1 >= this.settings.workers().maxRuns()) {
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
	 * In this order: the mapping set first, because the flow's patch points at it; the
	 * target connection's manifest next, a change Adobe is unlikely to refuse; the flow's
	 * patch last, the change Adobe refuses when it refuses one (an unknown audience), so
	 * that a refusal leaves the flow as it was. Each is retried on its own: a transient
	 * fault of the flow's patch does not ask for the mapping set again.
	 * @return the call that changed the flow; none when the flow carried the change
	 * already (an earlier attempt took effect, its answer lost)
	 */
	private List<AdobeCall> apply(ExportView export, ChangeView change) throws InterruptedException {
		ExportSpec held = export.spec();
		ExportSpec desired = change.spec();
		Sandbox sandbox = new Sandbox(held.sandbox());
		EntityRef mappingSet = held.mappingChangesTo(desired)
				? this.retryPolicy.call(this.clock, () -> mappingSet(export, change)) : null;
		boolean manifest = desired.file().manifest();
		if (held.file().manifest() != manifest) {
			String targetConnection = export.step(StepName.TARGET_CONNECTION).orElseThrow().ref().id();
			FlowChange.Changed switched = this.retryPolicy.call(this.clock,
					() -> this.flowChange.setFileManifest(sandbox, targetConnection, manifest));
			log.info("Export {} target connection {} {} a manifest file{}", export.id(), targetConnection,
					manifest ? "writes" : "writes no", switched.written() ? "" : " (already did)");
		}
		AdobeRef flow = new AdobeRef(export.flowId().orElseThrow(), null);
		// Read first, always: the flow is diffed as Adobe holds it. Inside the retries, a
		// transient fault is retried by reading and diffing again.
		FlowChange.Changed changed = this.retryPolicy.call(this.clock,
				() -> this.flowChange.apply(sandbox, flow, true, (current) -> {
					FlowPatch patch = FlowPatch.toReach(current, desired);
					return (mappingSet != null)
							? patch.and(FlowPatch.attachMapping(current, mappingSet.id(), mappingSet.version()))
							: patch;
				}, () -> {
				}));
		log.info("Export {} changed in Adobe's flow {}", export.id(), flow.id());
		return changed.asCalls(AdobeCallKind.FLOW_CHANGED);
	}

	/**
	 * The change's mapping set, made as the {@code MAPPING_SET} step makes the export's
	 * own, from its input and output schemas, but named after the change: made once, kept
	 * as soon as Adobe answers, and, when an earlier ask may have reached Adobe without
	 * its answer, looked up by that name first.
	 */
	private EntityRef mappingSet(ExportView export, ChangeView change) {
		if (change.mappingSet() != null) {
			return change.mappingSet();
		}
		int earlier = this.exports.mappingSetRequested(export.id(), change.revision());
		EntityRef made = this.steps.step(StepName.MAPPING_SET)
			.run(StepContext.forChange(export, change.spec(), change.revision(), earlier));
		this.exports.mappingSetMade(export.id(), change.revision(), made);
		log.info("Export {} change {}: mapping set {} (version {})", export.id(), change.revision(), made.id(),
				made.version());
		return made;
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
		// The manifest file is the one file option a target connection takes in place.
		if (!held.file().withManifest(false).equals(desired.file().withManifest(false))) {
			fields.add("file");
		}
		return fields;
	}

}
