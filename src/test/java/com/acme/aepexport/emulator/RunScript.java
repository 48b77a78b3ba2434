package com.acme.aepexport.emulator;

import java.time.Duration;
import java.util.Map;
import java.util.function.Function;

/**
 * How the emulator's dataflow runs go: each run waits (Adobe's {@code Waiting}), then
 * processes ({@code Processing}), then ends as its audience's {@link RunOutcome} says.
 * While a run waits Adobe shows no duration and no records; while it processes, a start
 * time and the records read so far; only at the end a completion time, files and bytes
 * (Adobe's examples in {@code destinations.yaml}, {@code Batch_Flow_Run_*}).
 *
 * @param waiting how long a run waits before it starts
 * @param processing how long it processes
 * @param outcome how the run of an audience ends, by audience id
 */
public record RunScript(Duration waiting, Duration processing, Function<String, RunOutcome> outcome) {

	/** Every run is over, successfully, as soon as it exists. */
	public static RunScript instantSuccess() {
		return new RunScript(Duration.ZERO, Duration.ZERO, (audience) -> RunOutcome.SUCCESS);
	}

	/**
	 * What a person trying the service sees: runs wait a few seconds, process a few more,
	 * and most succeed; by audience id, some fail, some partly succeed and some are
	 * cancelled.
	 */
	public static RunScript lifelike() {
		return new RunScript(Duration.ofSeconds(5), Duration.ofSeconds(15), RunScript::mixed);
	}

	/** Runs that wait and process this long, then end as {@code outcome} says. */
	public static RunScript of(Duration waiting, Duration processing, RunOutcome outcome) {
		return new RunScript(waiting, processing, (audience) -> outcome);
	}

	/** The same timing, with the outcome of some audiences given. */
	public RunScript ending(Map<String, RunOutcome> byAudience) {
		return new RunScript(this.waiting, this.processing,
				(audience) -> byAudience.getOrDefault(audience, this.outcome.apply(audience)));
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
