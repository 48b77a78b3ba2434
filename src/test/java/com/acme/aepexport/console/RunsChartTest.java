package com.acme.aepexport.console;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.acme.aepexport.export.RunState;
import com.acme.aepexport.workflow.DataflowRun;

import static org.assertj.core.api.Assertions.assertThat;

class RunsChartTest {

	private static final Instant T0 = Instant.parse("2025-01-01T06:00:00Z");

	@Test
	void runsReadFromTheOldestAndAFailedOrCancelledRunIsMarkedInItsLabelToo() {
		RunsChart chart = RunsChart.of(List.of(run("c", RunState.QUEUED, 120, null),
				run("b", RunState.FAILED, 60, new DataflowRun.Records(10L, null, null, null)),
				run("a", RunState.PARTIALLY_SUCCEEDED, 0, new DataflowRun.Records(100L, 90L, 10L, 0L))));

		assertThat(chart.labels()).containsExactly("06:00:00 PARTIALLY_SUCCEEDED", "06:01:00 FAILED",
				"06:02:00 QUEUED");
		assertThat(chart.activated()).containsExactly(90L, 0L, 0L);
		assertThat(chart.failed()).containsExactly(10L, 0L, 0L);
		assertThat(chart.skipped()).containsExactly(0L, 0L, 0L);
		assertThat(chart.marked()).containsExactly(false, true, false);
		assertThat(chart.markedCount()).isEqualTo(1);
		assertThat(RunsChart.of(List.of(run("d", RunState.SUCCEEDED, 0, null))).labels())
			.as("a run that succeeded needs no word")
			.containsExactly("06:00:00");
	}

	private static DataflowRun run(String id, RunState state, int queuedSecond, DataflowRun.Records records) {
		return new DataflowRun(id, state.name(), state, List.of(), T0.plusSeconds(queuedSecond), null, null, records,
				null, null, List.of());
	}

}
