package com.acme.aepexport.workflow;

import java.time.Duration;
import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import com.acme.aepexport.export.DestinationType;

/**
 * How exports are run, and the destination catalog (README, Configuration): Adobe's spec
 * ids per destination type default to those of its {@link DestinationType} row, and are
 * configuration, so a deployment can correct one without a release.
 *
 * @param workers the background workers that take pending exports from PostgreSQL
 * @param destinations connection and audience flow spec ids of the destination types
 * whose row's ids are corrected; an id not given keeps the row's
 * @param latestRuns how the newest run per audience of each export is kept up to date
 * @param changes how changes of exports ({@code PATCH}) are answered
 * @param activations how ad hoc activation jobs ({@code POST /exports/{id}/activations})
 * are held
 * @param webhooks what the runs' reads judge for the webhooks (beside the webhook
 * module's own {@code exports.webhooks.*})
 */
@Validated
@ConfigurationProperties("exports")
public record WorkflowSettings(@Valid @NotNull Workers workers,
		Map<DestinationType, @Valid DestinationSpecs> destinations, @Valid @DefaultValue LatestRuns latestRuns,
		@Valid @DefaultValue Changes changes, @Valid @DefaultValue Activations activations,
		@Valid @DefaultValue MissedRuns webhooks) {

	public WorkflowSettings {
		destinations = (destinations != null) ? Map.copyOf(destinations) : Map.of();
	}

	/**
	 * @param concurrency exports one instance runs at once
	 * @param pollingInterval how often an idle instance looks for pending exports
	 * @param heartbeatInterval how often a worker says it is alive
	 * @param missedHeartbeats how many missed heartbeats make a worker dead, and its
	 * export free for another: an export whose worker died is taken again within
	 * {@code heartbeatInterval × missedHeartbeats} plus one polling interval; at least 4
	 * (db-scheduler refuses fewer)
	 * @param failureBackoff when running an export fails outright (e.g. the database is
	 * down), the first pause before it is tried again; it doubles up to
	 * {@code maxFailureBackoff}
	 * @param maxFailureBackoff the longest such pause
	 * @param instanceName how this instance signs the exports it runs (db-scheduler's
	 * {@code picked_by}); the host name when not set
	 * @param reconcileInterval how often one instance looks for exports whose work is not
	 * queued, and queues it
	 * @param maxRuns runs of one export (a take-over after a worker died included) that
	 * may begin before it is given up as {@code FAILED}: transient faults are retried
	 * within a run, so only runs that end without a word (a crash, a fault of ours) add
	 * up; a resume or a new {@code DELETE} starts the count again
	 * @param shutdownGrace when the instance stops, how long its running steps may take
	 * to finish before they are interrupted (and as long again to end): their exports are
	 * handed back uncounted and taken at once by another instance
	 */
	public record Workers(@Positive int concurrency, @NotNull Duration pollingInterval,
			@NotNull Duration heartbeatInterval, @Min(4) int missedHeartbeats, @NotNull Duration failureBackoff,
			@NotNull Duration maxFailureBackoff, String instanceName,
			@DefaultValue("1m") @NotNull Duration reconcileInterval, @DefaultValue("5") @Min(1) int maxRuns,
			@DefaultValue("5s") @NotNull Duration shutdownGrace) {

		/** How long a silent worker keeps its export. */
		public Duration deadAfter() {
			return this.heartbeatInterval.multipliedBy(this.missedHeartbeats);
		}

	}

	/**
	 * The background reads of Adobe's runs that {@code GET /exports/{id}} answers from:
	 * one instance at a time reads them (a db-scheduler recurring task), at most
	 * {@code batchSize} exports every {@code pollInterval}, so Adobe sees a bounded rate
	 * however many exports and callers there are.
	 *
	 * @param interval how often the runs of an export are read while none of them runs
	 * @param intervalWhileRunning how often while one is waiting or running
	 * @param jitter how far each interval varies at random, as a fraction of it, so that
	 * exports that succeeded together are not read together for ever
	 * @param pollInterval how often the refresher looks for exports due a read
	 * @param batchSize the most exports it reads at once
	 * @param timeout for Adobe's answer to one read; a read that fails is tried again
	 * after a pause that doubles up to {@code interval}, what was read before stays
	 */
	public record LatestRuns(@DefaultValue("5m") @NotNull Duration interval,
			@DefaultValue("1m") @NotNull Duration intervalWhileRunning,
			@DefaultValue("0.2") @DecimalMin("0.0") @DecimalMax("0.9") double jitter,
			@DefaultValue("5s") @NotNull Duration pollInterval, @DefaultValue("10") @Positive int batchSize,
			@DefaultValue("10s") @NotNull Duration timeout) {

	}

	/**
	 * @param connectionSpecId the destination's connection spec (Adobe's ids are UUIDs;
	 * our API promises callers at most 256 characters)
	 * @param flowSpecId the audience (segment) flow spec, not the dataset one; either
	 * left out keeps its row's
	 */
	public record DestinationSpecs(@Size(min = 1, max = 256) @Pattern(regexp = "\\S+") String connectionSpecId,
			@Size(min = 1, max = 256) @Pattern(regexp = "\\S+") String flowSpecId) {

	}

	/**
	 * @param answerWithin how long a {@code PATCH} waits for Adobe to confirm its change
	 * (retries included): {@code 200} when it does, {@code 202} past it, while a worker
	 * carries the change on
	 */
	public record Changes(@DefaultValue("10s") @NotNull Duration answerWithin) {

	}

	/**
	 * @param missedRunGrace how long after its window closes a scheduled run may still
	 * appear before it is told missed ({@code run.missed}); the window is the schedule's
	 * time, or the whole UTC day for a schedule that runs after segment evaluation
	 */
	public record MissedRuns(@DefaultValue("1h") @NotNull @DurationMin(millis = 0) Duration missedRunGrace) {

	}

	/**
	 * @param inProgressFor the longest an ad hoc job holds its audiences (Adobe runs one
	 * job per audience at a time): until its runs are seen to end, or this time has
	 * passed, whichever comes first; it bounds a job whose answer was lost, and so whose
	 * runs are unknown
	 */
	public record Activations(@DefaultValue("3h") @NotNull Duration inProgressFor) {

	}

}
