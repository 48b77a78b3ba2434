package com.acme.aepexport.console;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.acme.aepexport.export.EntityRef;
import com.acme.aepexport.export.ExportId;
import com.acme.aepexport.export.ExportStatus;
import com.acme.aepexport.export.ExportView;
import com.acme.aepexport.export.StepName;
import com.acme.aepexport.export.StepStatus;

import static org.assertj.core.api.Assertions.assertThat;

class TimelineTest {

	private static final Instant T0 = Instant.parse("2025-01-01T06:00:00Z");

	@Test
	void stepsThatRanTogetherOverlapAndAWaitIsAGap() {
		Timeline timeline = Timeline.of(export(step(StepName.CONNECTION_SPEC, StepStatus.SUCCEEDED, 0, 100),
				step(StepName.SOURCE_CONNECTION, StepStatus.SUCCEEDED, 0, 400),
				step(StepName.BASE_CONNECTION, StepStatus.SUCCEEDED, 100, 300),
				// resumed after a wait of 500 ms
				step(StepName.TARGET_CONNECTION, StepStatus.SUCCEEDED, 800, 1000)), T0.plusSeconds(60));

		assertThat(timeline.start()).isEqualTo(T0);
		assertThat(timeline.end()).isEqualTo(T0.plusMillis(1000));
		assertThat(bar(timeline, StepName.CONNECTION_SPEC)).extracting(Timeline.Bar::x, Timeline.Bar::width)
			.containsExactly(0, 100);
		assertThat(bar(timeline, StepName.SOURCE_CONNECTION)).extracting(Timeline.Bar::x, Timeline.Bar::width)
			.containsExactly(0, 400);
		assertThat(bar(timeline, StepName.BASE_CONNECTION)).extracting(Timeline.Bar::x, Timeline.Bar::width)
			.containsExactly(100, 200);
		assertThat(bar(timeline, StepName.TARGET_CONNECTION)).extracting(Timeline.Bar::x, Timeline.Bar::width)
			.containsExactly(800, 200);
		assertThat(timeline.span()).isEqualTo(Duration.ofSeconds(1));
		assertThat(timeline.ticks()).extracting(Timeline.Tick::label)
			.containsExactly("+0 ms", "+250 ms", "+500 ms", "+750 ms", "+1.0 s");
	}

	@Test
	void aRunningStepReachesNowAndOneNotStartedOrSkippedHasNoBar() {
		Instant now = T0.plusMillis(2000);
		Timeline timeline = Timeline.of(export(step(StepName.CONNECTION_SPEC, StepStatus.SUCCEEDED, 0, 500),
				step(StepName.BASE_CONNECTION, StepStatus.RUNNING, 1000, null),
				step(StepName.DATAFLOW, null, null, null), skipped(StepName.MANDATORY_FIELDS, 1500)), now);

		assertThat(timeline.end()).isEqualTo(now);
		Timeline.Bar running = bar(timeline, StepName.BASE_CONNECTION);
		assertThat(running.x()).isEqualTo(500);
		assertThat(running.width()).isEqualTo(500);
		assertThat(running.duration()).isEqualTo(Duration.ofMillis(1000));
		assertThat(running.title()).contains("→ now");
		assertThat(bar(timeline, StepName.DATAFLOW).drawn()).isFalse();
		assertThat(bar(timeline, StepName.MANDATORY_FIELDS).drawn()).isFalse();
	}

	@Test
	void aStepOfAMillisecondStillShowsAndItsTitleNamesItsAdobeEntity() {
		List<ExportView.StepView> steps = new ArrayList<>();
		steps.add(step(StepName.CONNECTION_SPEC, StepStatus.SUCCEEDED, 0, 60_000));
		steps.add(new ExportView.StepView(StepName.DATAFLOW, StepStatus.SUCCEEDED,
				EntityRef.flowService("flow-1", "\"0a00\""), 2, T0.plusMillis(59_999), T0.plusMillis(60_000), null,
				null, null));
		Timeline timeline = Timeline.of(export(steps.toArray(ExportView.StepView[]::new)), T0);

		Timeline.Bar dataflow = bar(timeline, StepName.DATAFLOW);
		assertThat(dataflow.width()).isEqualTo(Timeline.MIN_WIDTH);
		assertThat(dataflow.x() + dataflow.width()).isLessThanOrEqualTo(Timeline.WIDTH);
		assertThat(dataflow.title()).contains("DATAFLOW: SUCCEEDED, 2 attempts", "Adobe id: flow-1", "etag: \"0a00\"",
				"06:00:59.999 → 06:01:00.000 UTC (1 ms)");
	}

	@Test
	void anExportNotStartedHasAnEmptyTimeline() {
		Timeline timeline = Timeline.of(export(step(StepName.CONNECTION_SPEC, StepStatus.PENDING, null, null)), T0);

		assertThat(timeline.start()).isNull();
		assertThat(timeline.span()).isZero();
		assertThat(timeline.bars()).singleElement().satisfies((bar) -> assertThat(bar.drawn()).isFalse());
	}

	private static Timeline.Bar bar(Timeline timeline, StepName name) {
		return timeline.bars().stream().filter((bar) -> bar.name() == name).findFirst().orElseThrow();
	}

	private static ExportView.StepView step(StepName name, StepStatus status, Integer startMillis, Integer endMillis) {
		return new ExportView.StepView(name, (status != null) ? status : StepStatus.PENDING, EntityRef.none(),
				(startMillis != null) ? 1 : 0, (startMillis != null) ? T0.plusMillis(startMillis) : null,
				(endMillis != null) ? T0.plusMillis(endMillis) : null, null, null, null);
	}

	private static ExportView.StepView skipped(StepName name, int atMillis) {
		return new ExportView.StepView(name, StepStatus.SKIPPED, EntityRef.none(), 0, null, T0.plusMillis(atMillis),
				null, null, null);
	}

	private static ExportView export(ExportView.StepView... steps) {
		return new ExportView(new ExportId(UUID.randomUUID()), "owner", null, ExportStatus.RUNNING, T0, T0,
				List.of(steps), null, null, 1, false);
	}

}
