package com.acme.aepexport.export;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.acme.aepexport.support.ExportSpecs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ExportTest {

	private static final Instant NOW = Instant.parse("2026-11-29T10:00:00Z");

	private final Export export = Export.accept(ExportId.random(), ExportSpecs.amazonS3(), NOW);

	@Test
	void anAcceptedExportIsPendingWithEveryStepPendingInTableOrder() {
		ExportView view = this.export.toView();

		assertThat(view.status()).isEqualTo(ExportStatus.PENDING);
		assertThat(view.steps()).extracting(ExportView.StepView::name).containsExactly(StepName.values());
		assertThat(view.steps()).allMatch((step) -> step.status() == StepStatus.PENDING && step.attempts() == 0);
	}

	@Test
	void stepsCannotChangeBeforeAWorkerStartsTheExport() {
		assertThatThrownBy(() -> this.export.stepStarted(StepName.SOURCE_CONNECTION, NOW))
			.isInstanceOf(IllegalExportTransition.class)
			.hasMessageContaining("it is PENDING");
	}

	@Test
	void aStepSucceedsOnlyWhileRunningAndKeepsWhatAdobeAnswered() {
		this.export.start(NOW);
		assertThatThrownBy(
				() -> this.export.stepSucceeded(StepName.SOURCE_CONNECTION, EntityRef.flowService("id", "\"e\""), NOW))
			.isInstanceOf(IllegalExportTransition.class)
			.hasMessageContaining("SOURCE_CONNECTION")
			.hasMessageContaining("it is PENDING");

		this.export.stepStarted(StepName.SOURCE_CONNECTION, NOW);
		this.export.stepSucceeded(StepName.SOURCE_CONNECTION, EntityRef.flowService("id", "\"e\""), NOW.plusSeconds(1));

		ExportView.StepView step = this.export.toView().step(StepName.SOURCE_CONNECTION).orElseThrow();
		assertThat(step.status()).isEqualTo(StepStatus.SUCCEEDED);
		assertThat(step.ref()).isEqualTo(EntityRef.flowService("id", "\"e\""));
		assertThat(step.attempts()).isEqualTo(1);
		assertThat(step.completedAt()).isEqualTo(NOW.plusSeconds(1));
		assertThatThrownBy(() -> this.export.stepStarted(StepName.SOURCE_CONNECTION, NOW))
			.isInstanceOf(IllegalExportTransition.class)
			.hasMessageContaining("it is SUCCEEDED");
	}

	@Test
	void onlyAStepThatHasNotStartedCanBeSkipped() {
		this.export.start(NOW);
		this.export.stepSkipped(StepName.MANDATORY_FIELDS, NOW);
		this.export.stepStarted(StepName.DEDUPLICATION_KEYS, NOW);

		assertThatThrownBy(() -> this.export.stepSkipped(StepName.DEDUPLICATION_KEYS, NOW))
			.isInstanceOf(IllegalExportTransition.class)
			.hasMessageContaining("it is RUNNING");
		assertThat(this.export.toView().step(StepName.MANDATORY_FIELDS).orElseThrow().status())
			.isEqualTo(StepStatus.SKIPPED);
	}

	@Test
	void finishingWithAFailedStepFailsTheExportWithTheFirstFailure() {
		this.export.start(NOW);
		StepError targetError = new StepError(StepName.TARGET_CONNECTION, 400, "FLOW-1000-400", "bad bucket", false);
		StepError schemaError = new StepError(StepName.INPUT_SCHEMA, 503, null, "unavailable", true);
		this.export.stepStarted(StepName.INPUT_SCHEMA, NOW);
		this.export.stepFailed(StepName.INPUT_SCHEMA, schemaError, NOW);
		this.export.stepStarted(StepName.TARGET_CONNECTION, NOW);
		this.export.stepFailed(StepName.TARGET_CONNECTION, targetError, NOW);

		this.export.finish(NOW);

		ExportView view = this.export.toView();
		assertThat(view.status()).isEqualTo(ExportStatus.FAILED);
		assertThat(view.error()).isEqualTo(targetError);
		assertThat(view.step(StepName.INPUT_SCHEMA).orElseThrow().error()).isEqualTo(schemaError);
	}

	@Test
	void finishingSucceedsOnlyWhenEveryStepIsDone() {
		this.export.start(NOW);
		for (StepName step : List.of(StepName.values()).subList(0, StepName.values().length - 1)) {
			this.export.stepStarted(step, NOW);
			this.export.stepSucceeded(step, EntityRef.none(), NOW);
		}
		assertThatThrownBy(() -> this.export.finish(NOW)).isInstanceOf(IllegalExportTransition.class)
			.hasMessageContaining("[DEDUPLICATION_KEYS] not done");

		this.export.stepSkipped(StepName.DEDUPLICATION_KEYS, NOW);
		this.export.finish(NOW);

		assertThat(this.export.toView().status()).isEqualTo(ExportStatus.SUCCEEDED);
		assertThat(this.export.toView().error()).isNull();
	}

	@Test
	void aRunningExportCanBeTakenAgainAfterItsWorkerDiedButAFinishedOneCannot() {
		this.export.start(NOW);
		this.export.start(NOW);
		for (StepName step : StepName.values()) {
			this.export.stepSkipped(step, NOW);
		}
		this.export.finish(NOW);

		assertThatThrownBy(() -> this.export.start(NOW)).isInstanceOf(IllegalExportTransition.class)
			.hasMessageContaining("it is SUCCEEDED");
	}

}
