package com.acme.aepexport.workflow;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import lombok.AccessLevel;
import lombok.RequiredArgsConstructor;
import org.springframework.stereotype.Service;

import com.acme.aepexport.adobe.AdobeCallFailed;
import com.acme.aepexport.adobe.AdobeRehearsal;
import com.acme.aepexport.adobe.AdobeRehearsals;
import com.acme.aepexport.adobe.PlannedCall;
import com.acme.aepexport.export.EntityRef;
import com.acme.aepexport.export.ExportId;
import com.acme.aepexport.export.ExportSpec;
import com.acme.aepexport.export.NewExport;
import com.acme.aepexport.export.StepName;

/**
 * Plans an export without making it ({@code POST /exports/plan}). The request is checked
 * as {@code POST /exports} checks it ({@link ExportChecks}); then the export's own steps
 * ({@link ExportSteps}) run, in the order one export runs them, against a rehearsal of
 * Adobe ({@link AdobeRehearsal}) that reads as Adobe does and records every write instead
 * of sending it. So the plan is what an export would send, built by the same code, and
 * nothing is written: not in Adobe, not in our database (no export, no idempotency key,
 * no credentials).
 */
@Service
@RequiredArgsConstructor(access = AccessLevel.PACKAGE)
public class ExportPlanner {

	/** What the export's id, which a plan does not have, is shown as. */
	static final String EXPORT_ID = "{export.id}";

	private final ExportChecks checks;

	private final ExportSteps steps;

	private final AdobeRehearsals rehearsals;

	/**
	 * What Adobe refuses in the request, as {@code POST /exports} finds it; but where
	 * that leaves a check to Adobe because Adobe did not answer, a plan, which is for
	 * checking, fails.
	 * @throws AdobeProblem when Adobe did not give what the checks read, within
	 * {@code adobe.http.caller-timeout}
	 */
	public List<InvalidField> problemsWith(NewExport command) {
		return this.checks.problemsWith(command, (unread) -> {
			throw AdobeProblem.of(unread);
		});
	}

	/**
	 * The writes an export of the request would make, in order. Steps the request does
	 * not need (no mandatory fields, no deduplication keys) make none.
	 * @throws AdobeProblem when a read the steps make fails
	 */
	public ExportPlan plan(NewExport command) {
		NewExport export = this.checks.inSandbox(command);
		ExportSpec spec = export.spec();
		// Entities are named after the export's id, which a plan does not have: one is
		// made up, and shown as a placeholder.
		ExportId id = new ExportId(UUID.randomUUID());
		AdobeRehearsal adobe = this.rehearsals.start();
		adobe.standIn(id.toString(), EXPORT_ID);
		StepGraph graph = new StepGraph(this.steps.rehearsing(adobe, export.credentials().redacted()).table());
		Map<StepName, EntityRef> done = new EnumMap<>(StepName.class);
		List<ExportPlan.Call> calls = new ArrayList<>();
		for (Step step : graph.runOrder(spec)) {
			adobe.writesOf(placeholder(step.name()));
			int before = adobe.calls().size();
			try {
				// No earlier attempt (nothing to look up first), and no claim to check:
				// nothing is written.
				done.put(step.name(), step.run(new StepContext(id, spec, done, 0, () -> {
				})));
			}
			catch (AdobeCallFailed failed) {
				throw AdobeProblem.of(failed);
			}
			for (PlannedCall call : adobe.calls().subList(before, adobe.calls().size())) {
				calls.add(new ExportPlan.Call(step.name(), call.method(), call.path(), call.ifMatch(), call.body()));
			}
		}
		return new ExportPlan(spec, calls, done.get(StepName.DATAFLOW).id(),
				adobe.withStandIns(ExportSteps.dataflowName(spec, id)));
	}

	/** {@code BASE_CONNECTION} as its placeholders name it: {@code baseConnection}. */
	static String placeholder(StepName step) {
		StringBuilder camel = new StringBuilder();
		boolean wordStarts = false;
		for (char c : step.name().toLowerCase(Locale.ROOT).toCharArray()) {
			if (c == '_') {
				wordStarts = true;
			}
			else {
				camel.append(wordStarts ? Character.toUpperCase(c) : c);
				wordStarts = false;
			}
		}
		return camel.toString();
	}

}
