package com.acme.aepexport.export;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.acme.aepexport.support.ExportSpecs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ExportTest {

	private static final Instant NOW = Instant.parse("2026-11-29T10:00:00Z");

	private final Export export = Export.accept(ExportId.random(), "owner", ExportSpecs.amazonS3(), NOW);

	@Test
	void anAcceptedExportIsPendingWithEveryStepPendingInTableOrder() {
		ExportView view = this.export.toView();

		assertThat(view.status()).isEqualTo(ExportStatus.PENDING);
		assertThat(view.steps()).extracting(ExportView.StepView::name).containsExactly(StepName.values());
		assertThat(view.steps()).allMatch((step) -> step.status() == StepStatus.PENDING && step.attempts() == 0);
	}

	@Test
	void aSpecStoredBeforeTheManifestOptionExistedReadsAsOneWithout() {
		ExportSpecJson json = new ExportSpecJson();
		ExportSpec spec = ExportSpecs.amazonS3();
		String stored = json.convertToDatabaseColumn(spec);
		assertThat(stored).contains("\"manifest\":false");

		ExportSpec read = json.convertToEntityAttribute(stored.replace(",\"manifest\":false", ""));

		assertThat(read.file().manifest()).isFalse();
		assertThat(read).isEqualTo(spec);
	}

	@Test
	void aChangesMappingSetTakesTheStepsPlaceAndTheOneReplacedIsReturned() {
		UUID claim = this.export.start(NOW);
		this.export.record(claim, new StepEvent.Started(StepName.MAPPING_SET), NOW);
		assertThat(this.export.mappingSetReplaced(EntityRef.dataPrep("new", 0), NOW)).as("not made yet").isNull();
		this.export.record(claim, new StepEvent.Succeeded(StepName.MAPPING_SET, EntityRef.dataPrep("first", 0)), NOW);

		EntityRef replaced = this.export.mappingSetReplaced(EntityRef.dataPrep("second", 0), NOW.plusSeconds(5));

		assertThat(replaced).isEqualTo(EntityRef.dataPrep("first", 0));
		ExportView.StepView step = this.export.toView().step(StepName.MAPPING_SET).orElseThrow();
		assertThat(step.ref()).isEqualTo(EntityRef.dataPrep("second", 0));
		assertThat(step.status()).isEqualTo(StepStatus.SUCCEEDED);
		assertThat(step.completedAt()).isEqualTo(NOW.plusSeconds(5));
	}

	@Test
	void aRecordOnAStepLoadedAloneTakesOnlyThisExportsStepThatTheEventNames() {
		UUID claim = this.export.start(NOW);
		Export another = Export.accept(ExportId.random(), "owner", ExportSpecs.amazonS3(), NOW);
		StepEvent started = new StepEvent.Started(StepName.DATAFLOW);

		assertThatThrownBy(() -> this.export.record(claim, stepOf(another, StepName.DATAFLOW), started, NOW))
			.isInstanceOf(IllegalArgumentException.class);
		assertThatThrownBy(
				() -> this.export.record(claim, stepOf(this.export, StepName.TARGET_CONNECTION), started, NOW))
			.isInstanceOf(IllegalArgumentException.class);
		assertThat(this.export.toView().steps()).allMatch((step) -> step.status() == StepStatus.PENDING);

		this.export.record(claim, stepOf(this.export, StepName.DATAFLOW), started, NOW);
		assertThat(this.export.toView().step(StepName.DATAFLOW).orElseThrow().status()).isEqualTo(StepStatus.RUNNING);
	}

	private static ExportStep stepOf(Export export, StepName name) {
		return export.steps().stream().filter((step) -> step.name() == name).findFirst().orElseThrow();
	}

	@Test
	void stepsCannotChangeBeforeAWorkerStartsTheExport() {
		// No worker holds it: whoever asks has lost, or never had, the export.
		assertThatThrownBy(
				() -> this.export.record(UUID.randomUUID(), new StepEvent.Started(StepName.SOURCE_CONNECTION), NOW))
			.isInstanceOf(ExportClaimLost.class);
	}

	@Test
	void aStepSucceedsOnlyWhileRunningAndKeepsWhatAdobeAnswered() {
		UUID claim = this.export.start(NOW);
		assertThatThrownBy(() -> this.export.record(claim,
				new StepEvent.Succeeded(StepName.SOURCE_CONNECTION, EntityRef.flowService("id", "\"e\"")), NOW))
			.isInstanceOf(IllegalExportTransition.class)
			.hasMessageContaining("SOURCE_CONNECTION")
			.hasMessageContaining("it is PENDING");

		this.export.record(claim, new StepEvent.Started(StepName.SOURCE_CONNECTION), NOW);
		this.export.record(claim,
				new StepEvent.Succeeded(StepName.SOURCE_CONNECTION, EntityRef.flowService("id", "\"e\"")),
				NOW.plusSeconds(1));

		ExportView.StepView step = this.export.toView().step(StepName.SOURCE_CONNECTION).orElseThrow();
		assertThat(step.status()).isEqualTo(StepStatus.SUCCEEDED);
		assertThat(step.ref()).isEqualTo(EntityRef.flowService("id", "\"e\""));
		assertThat(step.attempts()).isEqualTo(1);
		assertThat(step.completedAt()).isEqualTo(NOW.plusSeconds(1));
		assertThatThrownBy(() -> this.export.record(claim, new StepEvent.Started(StepName.SOURCE_CONNECTION), NOW))
			.isInstanceOf(IllegalExportTransition.class)
			.hasMessageContaining("it is SUCCEEDED");
	}

	@Test
	void everyAttemptIsCountedAndAFailedAttemptKeepsTheStepRunningWithItsError() {
		UUID claim = this.export.start(NOW);
		StepError timeout = new StepError(StepName.DATAFLOW, null, null, "no answer within PT30S", true);
		this.export.record(claim, new StepEvent.Started(StepName.DATAFLOW), NOW);
		this.export.record(claim, new StepEvent.AttemptFailed(StepName.DATAFLOW, timeout), NOW);

		ExportView.StepView step = this.export.toView().step(StepName.DATAFLOW).orElseThrow();
		assertThat(step.status()).isEqualTo(StepStatus.RUNNING);
		assertThat(step.error()).isEqualTo(timeout);

		this.export.record(claim, new StepEvent.Started(StepName.DATAFLOW), NOW);
		assertThat(this.export.toView().step(StepName.DATAFLOW).orElseThrow().attempts()).isEqualTo(2);
		assertThat(this.export.toView().step(StepName.DATAFLOW).orElseThrow().error()).isNull();
	}

	@Test
	void anAttemptThatNeverReachedAdobeIsNotCounted() {
		UUID claim = this.export.start(NOW);
		StepError noRoom = new StepError(StepName.DATAFLOW, null, null, "no room to call Adobe within PT4S", true);
		this.export.record(claim, new StepEvent.Started(StepName.DATAFLOW), NOW);
		this.export.record(claim, new StepEvent.Deferred(StepName.DATAFLOW, noRoom), NOW);
		this.export.record(claim, new StepEvent.Started(StepName.DATAFLOW), NOW);

		ExportView.StepView step = this.export.toView().step(StepName.DATAFLOW).orElseThrow();
		assertThat(step.status()).isEqualTo(StepStatus.RUNNING);
		assertThat(step.attempts()).isEqualTo(1);
	}

	@Test
	void onlyAStepThatHasNotStartedCanBeSkipped() {
		UUID claim = this.export.start(NOW);
		this.export.record(claim, new StepEvent.Skipped(StepName.MANDATORY_FIELDS), NOW);
		this.export.record(claim, new StepEvent.Started(StepName.DEDUPLICATION_KEYS), NOW);

		assertThatThrownBy(() -> this.export.record(claim, new StepEvent.Skipped(StepName.DEDUPLICATION_KEYS), NOW))
			.isInstanceOf(IllegalExportTransition.class)
			.hasMessageContaining("it is RUNNING");
		assertThat(this.export.toView().step(StepName.MANDATORY_FIELDS).orElseThrow().status())
			.isEqualTo(StepStatus.SKIPPED);
	}

	@Test
	void finishingWithAFailedStepFailsTheExportWithTheFirstFailure() {
		UUID claim = this.export.start(NOW);
		StepError targetError = new StepError(StepName.TARGET_CONNECTION, 400, "FLOW-1000-400", "bad bucket", false);
		StepError schemaError = new StepError(StepName.INPUT_SCHEMA, 503, null, "unavailable", true);
		this.export.record(claim, new StepEvent.Started(StepName.INPUT_SCHEMA), NOW);
		this.export.record(claim, new StepEvent.Failed(StepName.INPUT_SCHEMA, schemaError), NOW);
		this.export.record(claim, new StepEvent.Started(StepName.TARGET_CONNECTION), NOW);
		this.export.record(claim, new StepEvent.Failed(StepName.TARGET_CONNECTION, targetError), NOW);

		this.export.finish(claim, NOW);

		ExportView view = this.export.toView();
		assertThat(view.status()).isEqualTo(ExportStatus.FAILED);
		assertThat(view.error()).isEqualTo(targetError);
		assertThat(view.step(StepName.INPUT_SCHEMA).orElseThrow().error()).isEqualTo(schemaError);
	}

	@Test
	void finishingSucceedsOnlyWhenEveryStepIsDone() {
		UUID claim = this.export.start(NOW);
		for (StepName step : List.of(StepName.values()).subList(0, StepName.values().length - 1)) {
			this.export.record(claim, new StepEvent.Started(step), NOW);
			this.export.record(claim, new StepEvent.Succeeded(step, EntityRef.none()), NOW);
		}
		assertThatThrownBy(() -> this.export.finish(claim, NOW)).isInstanceOf(IllegalExportTransition.class)
			.hasMessageContaining("[DEDUPLICATION_KEYS] not done");

		this.export.record(claim, new StepEvent.Skipped(StepName.DEDUPLICATION_KEYS), NOW);
		this.export.finish(claim, NOW);

		assertThat(this.export.toView().status()).isEqualTo(ExportStatus.SUCCEEDED);
		assertThat(this.export.toView().error()).isNull();
	}

	@Test
	void aWorkerWhoseExportWasTakenByAnotherCannotChangeItAnyMore() {
		UUID presumedDead = this.export.start(NOW);
		UUID taker = this.export.start(NOW.plusSeconds(60));

		assertThatThrownBy(
				() -> this.export.record(presumedDead, new StepEvent.Started(StepName.SOURCE_CONNECTION), NOW))
			.isInstanceOf(ExportClaimLost.class);
		this.export.record(taker, new StepEvent.Started(StepName.SOURCE_CONNECTION), NOW);
	}

	@Test
	void onlyAFailedExportResumesAndItsSucceededStepsStayDone() {
		assertThatThrownBy(() -> this.export.resume(NOW)).hasMessageContaining("it is PENDING");
		UUID claim = this.export.start(NOW);
		this.export.record(claim, new StepEvent.Started(StepName.SOURCE_CONNECTION), NOW);
		this.export.record(claim,
				new StepEvent.Succeeded(StepName.SOURCE_CONNECTION, EntityRef.flowService("s", "\"e\"")), NOW);
		this.export.record(claim, new StepEvent.Started(StepName.CONNECTION_SPEC), NOW);
		this.export.record(claim, new StepEvent.Failed(StepName.CONNECTION_SPEC,
				new StepError(StepName.CONNECTION_SPEC, 503, null, "down", true)), NOW);
		this.export.finish(claim, NOW);

		this.export.resume(NOW);

		ExportView view = this.export.toView();
		assertThat(view.status()).isEqualTo(ExportStatus.RUNNING);
		assertThat(view.error()).isNull();
		assertThat(view.step(StepName.SOURCE_CONNECTION).orElseThrow().status()).isEqualTo(StepStatus.SUCCEEDED);
		assertThatThrownBy(() -> this.export.record(claim, new StepEvent.Started(StepName.CONNECTION_SPEC), NOW))
			.isInstanceOf(ExportClaimLost.class);
		UUID again = this.export.start(NOW);
		this.export.record(again, new StepEvent.Started(StepName.CONNECTION_SPEC), NOW);
		assertThat(this.export.toView().step(StepName.CONNECTION_SPEC).orElseThrow().attempts()).isEqualTo(2);
	}

	@Test
	void aFinishedExportCannotBeStartedAgain() {
		UUID claim = this.export.start(NOW);
		for (StepName step : StepName.values()) {
			this.export.record(claim, new StepEvent.Skipped(step), NOW);
		}
		this.export.finish(claim, NOW);

		assertThatThrownBy(() -> this.export.start(NOW)).isInstanceOf(IllegalExportTransition.class)
			.hasMessageContaining("it is SUCCEEDED");
	}

	@Test
	void runsThatKeepEndingWithoutAWordAreGivenUpAndAResumeCountsAfresh() {
		for (int run = 1; run <= 3; run++) {
			assertThat(this.export.hasRunTooOften(3)).as("before run %d", run).isFalse();
			UUID claim = this.export.start(NOW);
			this.export.record(claim, new StepEvent.Started(StepName.CONNECTION_SPEC), NOW);
		}
		assertThat(this.export.hasRunTooOften(3)).isTrue();

		this.export.giveUp(NOW);

		ExportView view = this.export.toView();
		assertThat(view.status()).isEqualTo(ExportStatus.FAILED);
		assertThat(view.error().step()).isEqualTo(StepName.CONNECTION_SPEC);
		assertThat(view.error().message()).startsWith("3 runs in a row ended without finishing the export")
			.endsWith("Resume to try again.");
		assertThat(view.error().retryable()).isFalse();
		assertThat(view.step(StepName.CONNECTION_SPEC).orElseThrow().status()).isEqualTo(StepStatus.FAILED);
		this.export.resume(NOW);
		assertThat(this.export.hasRunTooOften(3)).isFalse();
	}

	@Test
	void aTeardownThatKeepsEndingWithoutAWordStopsWithTheErrorAndStaysDeleting() {
		UUID claim = this.export.start(NOW);
		this.export.record(claim, new StepEvent.Started(StepName.CONNECTION_SPEC), NOW);
		this.export.record(claim, new StepEvent.Failed(StepName.CONNECTION_SPEC,
				new StepError(StepName.CONNECTION_SPEC, 400, null, "refused", false)), NOW);
		this.export.finish(claim, NOW);
		this.export.requestTeardown(NOW);
		this.export.startTeardown(NOW);
		this.export.startTeardown(NOW);
		assertThat(this.export.hasRunTooOften(2)).isTrue();

		this.export.giveUp(NOW);

		assertThat(this.export.toView().status()).isEqualTo(ExportStatus.DELETING);
		assertThat(this.export.toView().error().message()).contains("the teardown").endsWith("DELETE to try again.");
		assertThat(this.export.awaitsTeardown()).isFalse();
		this.export.requestTeardown(NOW);
		assertThat(this.export.hasRunTooOften(2)).isFalse();
	}

	@Test
	void theDataflowHasAStateOnlyWhileItExistsEnabledAsCreatedAndSwitchedOnlyWhenItDiffers() {
		assertThat(this.export.toView().dataflow()).as("no dataflow yet").isNull();
		assertThatThrownBy(() -> this.export.dataflowSeen(DataflowState.DISABLED, NOW, NOW))
			.isInstanceOf(IllegalExportTransition.class)
			.hasMessageContaining("before the dataflow exists");
		UUID claim = this.export.start(NOW);
		this.export.record(claim, new StepEvent.Started(StepName.DATAFLOW), NOW);
		this.export.record(claim, new StepEvent.Succeeded(StepName.DATAFLOW, EntityRef.flowService("flow-1", "\"e\"")),
				NOW);

		assertThat(this.export.toView().dataflow()).isEqualTo(new ExportView.Dataflow(DataflowState.ENABLED, null));
		assertThat(this.export.dataflowSeen(DataflowState.ENABLED, NOW, NOW)).as("enabled as created").isFalse();
		assertThat(this.export.dataflowSeen(DataflowState.DISABLED, NOW.plusSeconds(1), NOW.plusSeconds(1))).isTrue();
		assertThat(this.export.dataflowSeen(DataflowState.DISABLED, NOW.plusSeconds(2), NOW.plusSeconds(2))).isFalse();

		assertThat(this.export.toView().dataflow())
			.isEqualTo(new ExportView.Dataflow(DataflowState.DISABLED, NOW.plusSeconds(1)));
	}

	@Test
	void aReadOfTheDataflowThatStartedBeforeTheOneStoredChangesNothing() {
		UUID claim = this.export.start(NOW);
		this.export.record(claim, new StepEvent.Started(StepName.DATAFLOW), NOW);
		this.export.record(claim, new StepEvent.Succeeded(StepName.DATAFLOW, EntityRef.flowService("flow-1", "\"e\"")),
				NOW);
		this.export.dataflowSeen(DataflowState.DISABLED, NOW.plusSeconds(3), NOW.plusSeconds(4));

		assertThat(this.export.dataflowSeen(DataflowState.ENABLED, NOW.plusSeconds(2), NOW.plusSeconds(5)))
			.as("an unpause whose read started before the pause's")
			.isFalse();
		assertThat(this.export.toView().dataflow().state()).isEqualTo(DataflowState.DISABLED);
		assertThat(this.export.dataflowSeen(DataflowState.ENABLED, NOW.plusSeconds(6), NOW.plusSeconds(7))).isTrue();
	}

	@Test
	void aDataflowBeingTornDownIsNotSwitched() {
		UUID claim = this.export.start(NOW);
		this.export.record(claim, new StepEvent.Started(StepName.DATAFLOW), NOW);
		this.export.record(claim, new StepEvent.Succeeded(StepName.DATAFLOW, EntityRef.flowService("flow-1", "\"e\"")),
				NOW);
		this.export.record(claim, new StepEvent.Started(StepName.AUDIENCES), NOW);
		this.export.record(claim,
				new StepEvent.Failed(StepName.AUDIENCES, new StepError(StepName.AUDIENCES, 400, null, "bad", false)),
				NOW);
		this.export.finish(claim, NOW);
		this.export.requestTeardown(NOW);

		assertThatThrownBy(() -> this.export.dataflowSeen(DataflowState.DISABLED, NOW, NOW))
			.isInstanceOf(IllegalExportTransition.class)
			.hasMessageContaining("it is DELETING");
	}

}
