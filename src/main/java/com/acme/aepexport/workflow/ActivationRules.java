package com.acme.aepexport.workflow;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.acme.aepexport.export.ActivationJob;
import com.acme.aepexport.export.ExportSpec;
import com.acme.aepexport.export.ExportSpec.Audience;
import com.acme.aepexport.workflow.ActivationNotAllowed.Violation;

/**
 * Adobe's guardrails for an ad hoc activation job, as pure functions of what the service
 * knows: the export's audiences and schedules, the jobs it started, and the dataflow's
 * recent runs as Adobe just listed them. Each answers the violations, empty when the job
 * may go.
 */
final class ActivationRules {

	/** "Each ad hoc activation job can activate up to 80 audiences." */
	static final int MAX_AUDIENCES_PER_JOB = 80;

	/**
	 * "At least one hour must have passed from the moment the audience was first
	 * activated on its configured schedule."
	 */
	static final Duration AFTER_FIRST_SCHEDULED_ACTIVATION = Duration.ofHours(1);

	private ActivationRules() {
	}

	/**
	 * The audiences asked for, against the export's: each the export's, none twice, one
	 * at least, and at most {@value #MAX_AUDIENCES_PER_JOB}.
	 * @param asked as the request named them, or {@code null} for all the export's
	 */
	static List<Violation> audiences(List<String> exportAudiences, List<String> asked) {
		List<Violation> violations = new ArrayList<>();
		if (asked == null) {
			if (exportAudiences.isEmpty()) {
				// An imported dataflow may have none yet (Adobe's UI lets one be saved
				// so).
				violations.add(new Violation(ActivationGuardrail.NO_AUDIENCE, "audienceIds",
						"the export has no audiences to activate: add one with PATCH first"));
			}
			if (exportAudiences.size() > MAX_AUDIENCES_PER_JOB) {
				violations.add(new Violation(ActivationGuardrail.TOO_MANY_AUDIENCES, "audienceIds",
						"the export has " + exportAudiences.size() + " audiences, and Adobe activates at most "
								+ MAX_AUDIENCES_PER_JOB + " per job: name them in audienceIds, " + MAX_AUDIENCES_PER_JOB
								+ " at most per request"));
			}
			return violations;
		}
		if (asked.isEmpty()) {
			violations.add(new Violation(ActivationGuardrail.NO_AUDIENCE, "audienceIds",
					"names no audience: name one at least, or leave audienceIds out to activate all the export's"));
			return violations;
		}
		Set<String> known = new HashSet<>(exportAudiences);
		Set<String> seen = new HashSet<>();
		for (int i = 0; i < asked.size(); i++) {
			String id = asked.get(i);
			if (!known.contains(id)) {
				violations.add(new Violation(ActivationGuardrail.AUDIENCE_NOT_IN_EXPORT, "audienceIds[" + i + "]",
						"audience " + id + " is not one of the export's audiences"));
			}
			else if (!seen.add(id)) {
				violations.add(new Violation(ActivationGuardrail.AUDIENCE_NAMED_TWICE, "audienceIds[" + i + "]",
						"audience " + id + " is named twice"));
			}
		}
		if (asked.size() > MAX_AUDIENCES_PER_JOB) {
			violations.add(new Violation(ActivationGuardrail.TOO_MANY_AUDIENCES, "audienceIds",
					"names " + asked.size() + " audiences; Adobe activates at most " + MAX_AUDIENCES_PER_JOB
							+ " per job: split them over several requests"));
		}
		return violations;
	}

	/**
	 * When the audience's schedule first activates it: its start date at its start time,
	 * UTC; at the start of that day when it has no time (the
	 * {@code AFTER_SEGMENT_EVALUATION} trigger, which runs after that day's segmentation,
	 * at an hour Adobe does not say).
	 */
	static Instant firstScheduledActivation(ExportSpec.Schedule schedule) {
		LocalTime time = (schedule.startTime() != null) ? schedule.startTime() : LocalTime.MIDNIGHT;
		return schedule.startDate().atTime(time).toInstant(ZoneOffset.UTC);
	}

	/**
	 * The schedules of the audiences to activate, at {@code now}: an hour past the first
	 * scheduled activation, and not past the end date (Adobe refuses audiences "out of
	 * schedule range").
	 * @param fields where each audience was named, in the same order
	 */
	static List<Violation> schedules(List<Audience> audiences, List<String> fields, Instant now) {
		List<Violation> violations = new ArrayList<>();
		LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
		for (int i = 0; i < audiences.size(); i++) {
			Audience audience = audiences.get(i);
			ExportSpec.Schedule schedule = audience.schedule();
			Instant first = firstScheduledActivation(schedule);
			Instant from = first.plus(AFTER_FIRST_SCHEDULED_ACTIVATION);
			if (now.isBefore(from)) {
				violations.add(new Violation(ActivationGuardrail.TOO_SOON_AFTER_FIRST_SCHEDULED_ACTIVATION,
						fields.get(i), "audience " + audience.id() + " is first activated on its schedule at " + first
								+ ", and Adobe runs no ad hoc job of it until an hour after that: from " + from));
			}
			else if (schedule.endDate() != null && today.isAfter(schedule.endDate())) {
				violations.add(new Violation(ActivationGuardrail.SCHEDULE_ENDED, fields.get(i), "audience "
						+ audience.id() + "'s schedule ended on " + schedule.endDate()
						+ ", and Adobe runs no ad hoc job of an audience out of its schedule range: change its endDate"));
			}
		}
		return violations;
	}

	/**
	 * Whether a run or an earlier ad hoc job of each audience goes on. A run goes on
	 * while Adobe shows it waiting or running: it is one of an ad hoc job of ours when
	 * that job named it, else a scheduled one. A waiting run names no audience yet (Adobe
	 * names them once it starts), so one not of ours may be any audience's. A job of ours
	 * holds its audiences until its run of each is seen to end (a refused one holds
	 * none), and at most until its {@code inProgressUntil}.
	 * @param jobs the export's recent jobs
	 * @param recentRuns the dataflow's runs, newest first, as Adobe just listed them,
	 * those Adobe left waiting or running for long already left out
	 */
	static List<Violation> inProgress(List<String> audienceIds, List<String> fields, List<ActivationJob> jobs,
			List<DataflowRun> recentRuns, Instant now) {
		Map<String, ActivationJob> jobOfRun = new HashMap<>();
		jobs.forEach((job) -> job.runs()
			.stream()
			.filter((run) -> run.runId() != null)
			.forEach((run) -> jobOfRun.put(run.runId(), job)));
		Map<String, DataflowRun> runsById = new HashMap<>();
		recentRuns.forEach((run) -> runsById.put(run.id(), run));
		List<Violation> violations = new ArrayList<>();
		for (int i = 0; i < audienceIds.size(); i++) {
			String audience = audienceIds.get(i);
			String field = fields.get(i);
			String reason = null;
			ActivationGuardrail guardrail = null;
			for (DataflowRun run : recentRuns) {
				if (!run.state().isGoing() || !(run.audienceIds().isEmpty() || run.audienceIds().contains(audience))) {
					continue;
				}
				ActivationJob ours = jobOfRun.get(run.id());
				if (ours != null && ours.audienceIds().contains(audience)) {
					guardrail = ActivationGuardrail.ACTIVATION_IN_PROGRESS;
					reason = "ad hoc job " + ours.id() + " of audience " + audience + " goes on: its run " + run.id()
							+ " is " + run.state() + "; Adobe runs one job per audience at a time";
				}
				else if (ours == null) {
					guardrail = ActivationGuardrail.SCHEDULED_RUN_IN_PROGRESS;
					reason = run.audienceIds().isEmpty()
							? "run " + run.id() + " of the dataflow waits to start, and Adobe names its audiences "
									+ "only once it starts: it may be audience " + audience
									+ "'s, and Adobe runs no ad hoc job beside a scheduled one"
							: "scheduled run " + run.id() + " of audience " + audience + " is " + run.state()
									+ "; Adobe runs no ad hoc job beside a scheduled one";
				}
				if (reason != null) {
					break;
				}
			}
			if (reason == null) {
				for (ActivationJob job : jobs) {
					if (holds(job, audience, runsById, now)) {
						guardrail = ActivationGuardrail.ACTIVATION_IN_PROGRESS;
						reason = "ad hoc job " + job.id() + " of audience " + audience + " ("
								+ job.status().name().toLowerCase(java.util.Locale.ROOT)
								+ ") is not seen to have ended; Adobe runs one job per audience at a time: try again "
								+ "once its run ends, or after " + job.inProgressUntil();
						break;
					}
				}
			}
			if (reason != null) {
				violations.add(new Violation(guardrail, field, reason));
			}
		}
		return violations;
	}

	/**
	 * Whether the job still holds the audience: it may have started, its time has not
	 * passed, and its run of the audience is not seen to have ended.
	 */
	private static boolean holds(ActivationJob job, String audience, Map<String, DataflowRun> runsById, Instant now) {
		if (!job.status().mayRun() || !job.audienceIds().contains(audience) || !now.isBefore(job.inProgressUntil())) {
			return false;
		}
		return job.runOf(audience)
			.map(ActivationJob.Run::runId)
			.map(runsById::get)
			.map((run) -> !run.state().isOver())
			.orElse(true);
	}

}
