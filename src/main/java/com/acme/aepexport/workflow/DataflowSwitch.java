package com.acme.aepexport.workflow;

import java.time.Clock;
import java.time.Instant;

import lombok.AccessLevel;
import lombok.RequiredArgsConstructor;
import org.springframework.stereotype.Service;

import com.acme.aepexport.adobe.AdobeCallFailed;
import com.acme.aepexport.adobe.Sandbox;
import com.acme.aepexport.export.AdobeCallKind;
import com.acme.aepexport.export.CallerRequest;
import com.acme.aepexport.export.DataflowState;
import com.acme.aepexport.export.DataflowSwitched;
import com.acme.aepexport.export.ExportId;
import com.acme.aepexport.export.ExportNotFound;
import com.acme.aepexport.export.ExportService;
import com.acme.aepexport.export.ExportStatus;
import com.acme.aepexport.export.ExportView;
import com.acme.aepexport.export.HistoryEntry;
import com.acme.aepexport.export.IllegalExportTransition;
import com.acme.aepexport.export.StepName;

/**
 * Pauses and unpauses an export's dataflow in Adobe (disables and enables it), for a
 * caller who waits, and stores the state the export then shows. Idempotent: a dataflow
 * Adobe holds in the asked state already is not sent anything (it is read, since only
 * Adobe knows; it may have been switched in Adobe's UI). Switches of one export may run
 * at once, on any instance: none holds a lock or a database connection while Adobe
 * answers, and the state stored is the one Adobe's flow was last read in after every
 * write. Each request is recorded in the export's history: with the switch, or with why
 * Adobe did not make it.
 */
@Service
@RequiredArgsConstructor(access = AccessLevel.PACKAGE)
public class DataflowSwitch {

	private final ExportService exports;

	private final FlowChange flowChange;

	private final Clock clock;

	/**
	 * @throws NoDataflowYet before Adobe has the export's dataflow
	 * @throws IllegalExportTransition while the export is torn down, or once it is
	 * @throws AdobeProblem when Adobe refuses or does not answer
	 */
	public DataflowSwitched pause(ExportId id, CallerRequest request) {
		return set(id, DataflowState.DISABLED, request);
	}

	/** The same, to enable the dataflow again. */
	public DataflowSwitched unpause(ExportId id, CallerRequest request) {
		return set(id, DataflowState.ENABLED, request);
	}

	private DataflowSwitched set(ExportId id, DataflowState state, CallerRequest request) {
		ExportView export = this.exports.find(id).orElseThrow(() -> new ExportNotFound(id));
		String flowId = export.flowId()
			.orElseThrow(() -> new NoDataflowYet(id, "so nothing to pause or unpause; wait until it has SUCCEEDED"));
		if (export.status() == ExportStatus.DELETING || export.status() == ExportStatus.DELETED) {
			throw new IllegalExportTransition(
					"Export " + id + " cannot pause or unpause its dataflow: it is " + export.status());
		}
		Sandbox sandbox = new Sandbox(export.spec().sandbox());
		boolean enable = state == DataflowState.ENABLED;
		try {
			Instant readAt = this.clock.instant();
			FlowChange.Changed changed = this.flowChange.setEnabled(sandbox, flowId, enable);
			DataflowState seen = state;
			if (changed.written()) {
				// Read after our own write: see ExportService.dataflowSeen.
				readAt = this.clock.instant();
				seen = this.flowChange.state(sandbox, flowId).orElse(null);
			}
			return this.exports.dataflowSeen(id, state, seen, readAt, request,
					changed.asCalls(enable ? AdobeCallKind.FLOW_ENABLED : AdobeCallKind.FLOW_DISABLED)
						.stream()
						.findFirst());
		}
		catch (AdobeCallFailed failed) {
			AdobeProblem problem = AdobeProblem.of(failed);
			// Nothing changed but the export's history, which keeps the request.
			this.exports.switchFailed(id, state, request,
					new HistoryEntry.Failure(StepName.DATAFLOW, problem.httpStatus(), problem.adobeCode(),
							problem.getMessage(), problem instanceof AdobeUnavailable),
					problem instanceof AdobeRefused);
			throw problem;
		}
	}

}
