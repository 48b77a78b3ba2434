package com.acme.aepexport.workflow;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import com.acme.aepexport.adobe.AdobeCallFailed;
import com.acme.aepexport.adobe.AdobeRetryPolicy;
import com.acme.aepexport.adobe.Flow;
import com.acme.aepexport.adobe.FlowServiceClient;
import com.acme.aepexport.adobe.PatchOperation;
import com.acme.aepexport.adobe.PrimaryField;
import com.acme.aepexport.adobe.Sandbox;
import com.acme.aepexport.adobe.SegmentSelector;
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
 * (read first), sent as one minimal JSON Patch with {@code If-Match}, and computed again
 * from a fresh read after a {@code 412} or a transient fault: reading and diffing again
 * makes a repeated attempt harmless, even when the earlier one took effect without an
 * answer, so a change Adobe accepted is never reported failed. The newest change waiting
 * is applied, and with it those accepted before it.
 */
@Component
class ChangeApplier {

	private static final Logger log = LoggerFactory.getLogger(ChangeApplier.class);

	private static final String SELECTORS = "/transformations/0/params/segmentSelectors/selectors";

	/** Rounds of read-diff-patch after {@code 412}s before giving up. */
	private static final int STALE_ETAG_ROUNDS = 3;

	private final ExportService exports;

	private final FlowServiceClient flowService;

	private final AdobeRetryPolicy retryPolicy;

	private final Clock clock;

	private final int maxRuns;

	ChangeApplier(ExportService exports, FlowServiceClient flowService, AdobeRetryPolicy retryPolicy, Clock clock,
			WorkflowSettings settings) {
		this.exports = exports;
		this.flowService = flowService;
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
		try {
			apply(export, pending.change().spec());
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
		this.exports.changeApplied(id, revision, pending.change().spec());
	}

	private void apply(ExportView export, ExportSpec desired) throws InterruptedException {
		Sandbox sandbox = new Sandbox(export.spec().sandbox());
		String flowId = export.flowId().orElseThrow();
		// The read is inside the retries too: a transient fault on it is retried like one
		// on the PATCH. A 412 is not a fault but a newer flow: read it and diff again.
		this.retryPolicy.call(this.clock, () -> {
			for (int staleEtags = 0;; staleEtags++) {
				Flow flow = this.flowService.flow(sandbox, flowId);
				List<PatchOperation> operations = operations(flow, desired);
				if (operations.isEmpty()) {
					return null;
				}
				try {
					this.flowService.patchFlow(sandbox, flow.ref(), operations);
					log.info("Export {} changed: {} operations on flow {}", export.id(), operations.size(), flowId);
					return null;
				}
				catch (AdobeCallFailed failed) {
					if (!isStaleEtag(failed) || staleEtags >= STALE_ETAG_ROUNDS) {
						throw failed;
					}
				}
			}
		});
	}

	/**
	 * The operations that bring the flow to the desired state, in an order that keeps
	 * each index right: replacements at their current index, removals from the highest
	 * index down, additions at the end.
	 */
	static List<PatchOperation> operations(Flow flow, ExportSpec desired) {
		Map<String, SegmentSelector.Value> wanted = new LinkedHashMap<>();
		desired.audiences().forEach((audience) -> wanted.put(audience.id(), AddAudiences.selector(audience).value()));
		List<SegmentSelector> current = flow.selectors();
		List<PatchOperation> operations = new ArrayList<>();
		List<Integer> removed = new ArrayList<>();
		for (int i = 0; i < current.size(); i++) {
			SegmentSelector.Value held = (current.get(i) != null) ? current.get(i).value() : null;
			SegmentSelector.Value want = (held != null) ? wanted.get(held.id()) : null;
			if (want == null) {
				removed.add(i);
			}
			else if (!held.sameSettingsAs(want)) {
				operations.add(PatchOperation.replace(SELECTORS + "/" + i,
						SegmentSelector.platformSegment(held.updatedTo(want))));
			}
		}
		for (int i = removed.size() - 1; i >= 0; i--) {
			operations.add(PatchOperation.remove(SELECTORS + "/" + removed.get(i),
					SegmentSelector.platformSegment(new SegmentSelector.Value(null, null, null, null, null))));
		}
		List<String> held = flow.audienceIds();
		wanted.forEach((id, value) -> {
			if (!held.contains(id)) {
				operations.add(PatchOperation.add(SELECTORS + "/-", SegmentSelector.platformSegment(value)));
			}
		});
		if (!Set.copyOf(flow.mandatoryFields()).equals(Set.copyOf(desired.mandatoryFields()))) {
			operations.add(PatchOperation.add("/transformations/0/params/mandatoryFields", desired.mandatoryFields()));
		}
		List<PrimaryField> keys = SetDeduplicationKeys.primaryFields(desired.deduplicationKeys());
		if (!Set.copyOf(flow.primaryFields()).equals(Set.copyOf(keys))) {
			operations.add(PatchOperation.add("/transformations/0/params/primaryFields", keys));
		}
		return operations;
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

	private static boolean isStaleEtag(AdobeCallFailed failed) {
		return failed.httpStatus() != null && failed.httpStatus() == 412;
	}

}
