package com.acme.aepexport.workflow;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import lombok.AccessLevel;
import lombok.RequiredArgsConstructor;

import org.springframework.stereotype.Service;

import com.acme.aepexport.adobe.AdhocActivationClient;
import com.acme.aepexport.adobe.AdobeCallFailed;
import com.acme.aepexport.adobe.Sandbox;
import com.acme.aepexport.export.ActivationJob;
import com.acme.aepexport.export.ActivationJobs;
import com.acme.aepexport.export.ActivationStatus;
import com.acme.aepexport.export.CallerRequest;
import com.acme.aepexport.export.ExportId;
import com.acme.aepexport.export.ExportNotFound;
import com.acme.aepexport.export.ExportService;
import com.acme.aepexport.export.ExportSpec.Audience;
import com.acme.aepexport.export.ExportStatus;
import com.acme.aepexport.export.ExportView;
import com.acme.aepexport.export.IllegalExportTransition;
import com.acme.aepexport.export.LatestRunsService;
import com.acme.aepexport.workflow.ActivationNotAllowed.Violation;

/**
 * "Export now": one ad hoc activation job of an export's audiences in Adobe, for a caller
 * who waits. Adobe's guardrails are checked before Adobe is called, in the order of their
 * cost: the request itself, the schedules, then the dataflow's runs as Adobe lists them
 * now and the jobs started before (PostgreSQL). The job is stored before the call, so
 * that a second request for one of its audiences is refused while it goes on, and a lost
 * answer still holds its audiences.
 */
@Service
@RequiredArgsConstructor(access = AccessLevel.PACKAGE)
public class ExportActivations {

	private final ExportService exports;

	private final ExportRuns runs;

	private final ActivationJobs jobs;

	private final AdhocActivationClient adobe;

	private final LatestRunsService latestRuns;

	private final WorkflowSettings settings;

	private final Clock clock;

	/**
	 * @param audienceIds the audiences to activate, or {@code null} for all the export's
	 * @param request the caller's subject, and what they sent for the export's history
	 * @return the job as stored with Adobe's answer
	 * @throws NoDataflowYet before Adobe has the export's dataflow
	 * @throws IllegalExportTransition unless the export has SUCCEEDED
	 * @throws ActivationNotAllowed when a guardrail forbids the job (nothing is sent)
	 * @throws AdobeProblem when Adobe refuses, or does not answer (while listing runs, or
	 * to the job itself: then the job is stored as refused or unknown)
	 */
	public ActivationJob activate(ExportId id, List<String> audienceIds, CallerRequest request) {
		ExportView export = this.exports.find(id).orElseThrow(() -> new ExportNotFound(id));
		String flowId = export.flowId()
			.orElseThrow(() -> new NoDataflowYet(id, "so nothing to activate; wait until it has SUCCEEDED"));
		if (export.status() != ExportStatus.SUCCEEDED) {
			throw new IllegalExportTransition("Export " + id + " cannot activate its audiences now: it is "
					+ export.status() + ", and only a SUCCEEDED export can");
		}
		List<Audience> all = export.spec().audiences();
		refuseIfAny(ActivationRules.audiences(all.stream().map(Audience::id).toList(), audienceIds));
		Map<String, Audience> byId = all.stream().collect(Collectors.toMap(Audience::id, Function.identity()));
		List<Audience> audiences = (audienceIds != null) ? audienceIds.stream().map(byId::get).toList() : all;
		List<String> ids = audiences.stream().map(Audience::id).toList();
		List<String> fields = new ArrayList<>();
		for (int i = 0; i < audiences.size(); i++) {
			fields.add(((audienceIds != null) ? "audienceIds[" : "audiences[") + i + "]");
		}
		refuseIfAny(ActivationRules.schedules(audiences, fields, this.clock.instant()));
		// Adobe first, outside the lock: the lock is held only while our own jobs are
		// checked and this one stored, and any job stored meanwhile is among those.
		List<DataflowRun> recent = this.runs.recent(export, flowId);
		Duration inProgressFor = this.settings.activations().inProgressFor();
		Instant since = this.clock.instant().minus(inProgressFor).minus(Duration.ofDays(1));
		ActivationJob job = this.jobs.reserve(id, ids, request, inProgressFor, since,
				(known) -> refuseIfAny(ActivationRules.inProgress(ids, fields, known, recent, this.clock.instant())));
		List<ActivationJob.Run> answer;
		try {
			answer = this.adobe.activateNow(new Sandbox(export.spec().sandbox()), flowId, ids)
				.stream()
				.map((run) -> new ActivationJob.Run(run.audienceId(), run.orderId(), run.runId(), run.statusUrl()))
				.toList();
		}
		catch (AdobeCallFailed failed) {
			boolean none = notStarted(failed);
			this.jobs.notStarted(job.id(), none ? ActivationStatus.REFUSED : ActivationStatus.UNKNOWN,
					failed.httpStatus(), failed.getMessage());
			if (!none) {
				runsStarted(export, flowId);
			}
			throw AdobeProblem.of(failed);
		}
		ActivationJob started = this.jobs.started(job.id(), answer);
		runsStarted(export, flowId);
		return started;
	}

	/**
	 * The run list and the export's latest runs show the job's runs at their next read,
	 * not once a cache expires or the next scheduled read comes.
	 */
	private void runsStarted(ExportView export, String flowId) {
		this.runs.started(export, flowId);
		this.latestRuns.readSoon(export.id());
	}

	/**
	 * Whether Adobe's answer shows that no job started: a refusal ({@code 4xx}, the
	 * gateway's {@code 429} included) or the gateway's {@code 503}, or a call this
	 * instance never sent (no room for it in time). No answer, another {@code 5xx} or a
	 * {@code 200} that cannot be read may hide a job that started.
	 */
	static boolean notStarted(AdobeCallFailed failed) {
		Integer status = failed.httpStatus();
		return !failed.sent() || (status != null && ((status >= 400 && status < 500) || status == 503));
	}

	private static void refuseIfAny(List<Violation> violations) {
		if (!violations.isEmpty()) {
			throw new ActivationNotAllowed(violations);
		}
	}

}
