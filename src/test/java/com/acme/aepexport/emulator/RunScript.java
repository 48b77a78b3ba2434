package com.acme.aepexport.emulator;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * How the emulator's dataflow runs go: each run waits (Adobe's {@code Waiting}), then
 * processes ({@code Processing}), then ends as its audience's {@link RunOutcome} says.
 * While a run waits Adobe shows no duration and no records; while it processes, a start
 * time and the records read so far; only at the end a completion time, files and bytes
 * (Adobe's examples in {@code destinations.yaml}, {@code Batch_Flow_Run_*}).
 *
 * <p>
 * A flow gets one run per audience when its mapping is attached. With
 * {@link #onSchedule()}, each audience also gets a run at every time of its schedule (its
 * start date at its start time, UTC, then every period of its frequency; one a day at
 * 01:00 UTC after segment evaluation; none after its end date) that has come, as the
 * sandbox's time sees it, since its selector was added, unless the flow is disabled when
 * the runs are read: such a run is created at its schedule's time and is planned when
 * runs are next read. Audiences named {@link #missing} get no scheduled run: their runs
 * go missing, from the moment the script is set.
 *
 * @param waiting how long a run waits before it starts
 * @param processing how long it processes
 * @param outcome how the run of an audience ends, by audience id
 * @param scheduled whether audiences get a run at each time of their schedule
 * @param missing audiences whose scheduled runs never appear
 */
public record RunScript(Duration waiting, Duration processing, Function<String, RunOutcome> outcome, boolean scheduled,
		Set<String> missing) {

	public RunScript {
		missing = Set.copyOf(missing);
	}

	public RunScript(Duration waiting, Duration processing, Function<String, RunOutcome> outcome) {
		this(waiting, processing, outcome, false, Set.of());
	}

	/** Every run is over, successfully, as soon as it exists. */
	public static RunScript instantSuccess() {
		return new RunScript(Duration.ZERO, Duration.ZERO, (audience) -> RunOutcome.SUCCESS);
	}

	/**
	 * What a person trying the service sees: runs wait a few seconds, process a few more,
	 * and most succeed; by audience id, some fail, some partly succeed and some are
	 * cancelled; scheduled runs come at their schedules' times.
	 */
	public static RunScript lifelike() {
		return new RunScript(Duration.ofSeconds(5), Duration.ofSeconds(15), RunScript::mixed).onSchedule();
	}

	/** The same, with a run at every time of each audience's schedule. */
	public RunScript onSchedule() {
		return new RunScript(this.waiting, this.processing, this.outcome, true, this.missing);
	}

	/**
	 * The same, but the scheduled runs of these audiences (besides those missing already)
	 * never appear.
	 */
	public RunScript missing(String... audienceIds) {
		Set<String> missing = new HashSet<>(this.missing);
		missing.addAll(List.of(audienceIds));
		return new RunScript(this.waiting, this.processing, this.outcome, this.scheduled, missing);
	}

	/** Runs that wait and process this long, then end as {@code outcome} says. */
	public static RunScript of(Duration waiting, Duration processing, RunOutcome outcome) {
		return new RunScript(waiting, processing, (audience) -> outcome);
	}

	/** The same timing, with the outcome of some audiences given. */
	public RunScript ending(Map<String, RunOutcome> byAudience) {
		return new RunScript(this.waiting, this.processing,
				(audience) -> byAudience.getOrDefault(audience, this.outcome.apply(audience)), this.scheduled,
				this.missing);
	}

	private static RunOutcome mixed(String audienceId) {
		return switch (Math.floorMod(audienceId.hashCode(), 10)) {
			case 0 -> RunOutcome.FAILED;
			case 1 -> RunOutcome.PARTIAL_SUCCESS;
			case 2 -> RunOutcome.CANCELLED;
			default -> RunOutcome.SUCCESS;
		};
	}

}
