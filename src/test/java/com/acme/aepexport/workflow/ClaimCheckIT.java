package com.acme.aepexport.workflow;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionOperations;

import com.acme.aepexport.export.ExportClaimLost;
import com.acme.aepexport.export.ExportId;
import com.acme.aepexport.export.ExportNotFound;
import com.acme.aepexport.export.ExportRun;
import com.acme.aepexport.export.ExportService;
import com.acme.aepexport.export.Runs;
import com.acme.aepexport.export.StepEvent;
import com.acme.aepexport.export.StepName;
import com.acme.aepexport.support.IntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The check a worker makes before every write to Adobe, against the database: once
 * another worker has taken its export (this one was presumed dead), or the export is
 * gone, it is told so and writes nothing more.
 */
class ClaimCheckIT extends IntegrationTest {

	private static final int MAX_RUNS = 5;

	@Autowired
	private ExportService exports;

	@Autowired
	private TransactionOperations transactions;

	@Autowired
	private Runs runs;

	private ExportId id;

	@AfterEach
	void unqueue() {
		if (this.id == null) {
			// The test failed before its export was made: nothing to take away.
			return;
		}
		this.jdbc.update("delete from scheduled_tasks where task_instance = ?", this.id.toString());
		this.jdbc.update("delete from export where id = ?", this.id.value());
	}

	@Test
	void aWorkerIsToldWhenItsExportWasTakenOverOrIsGone() {
		this.id = QueuedForLater.export(this.exports, this.jdbc, this.transactions, newSandbox());
		ExportRun first = this.runs.start(this.id, MAX_RUNS).orElseThrow();
		assertThatCode(first::requireClaim).as("the worker that holds the export").doesNotThrowAnyException();

		ExportRun second = this.runs.start(this.id, MAX_RUNS).orElseThrow();

		assertThatThrownBy(first::requireClaim).as("the worker whose export was taken over")
			.isInstanceOf(ExportClaimLost.class);
		assertThatCode(second::requireClaim).as("the worker that took it over").doesNotThrowAnyException();

		this.jdbc.update("delete from export where id = ?", this.id.value());

		assertThatThrownBy(second::requireClaim).as("a worker whose export is gone")
			.isInstanceOf(ExportClaimLost.class);
	}

	/**
	 * A worker's record of a step's event reads that one step with its export: it is
	 * still refused once the export was taken over, and the export gone is still told as
	 * such.
	 */
	@Test
	void aStepsEventIsRecordedOnlyByTheWorkerThatHoldsTheExport() {
		this.id = QueuedForLater.export(this.exports, this.jdbc, this.transactions, newSandbox());
		ExportRun first = this.runs.start(this.id, MAX_RUNS).orElseThrow();
		ExportRun second = this.runs.start(this.id, MAX_RUNS).orElseThrow();

		assertThatThrownBy(() -> first.record(new StepEvent.Started(StepName.CONNECTION_SPEC)))
			.as("the worker whose export was taken over")
			.isInstanceOf(ExportClaimLost.class);
		assertThat(stepStatus()).as("the step, after the refused record").isEqualTo("PENDING");

		second.record(new StepEvent.Started(StepName.CONNECTION_SPEC));
		assertThat(stepStatus()).as("the step, after the record of the worker that took it over").isEqualTo("RUNNING");

		this.jdbc.update("delete from export where id = ?", this.id.value());

		assertThatThrownBy(() -> second.record(new StepEvent.Skipped(StepName.CONNECTION_SPEC)))
			.as("a worker whose export is gone")
			.isInstanceOf(ExportNotFound.class);
	}

	private String stepStatus() {
		return this.jdbc.queryForObject("select status from export_step where export_id = ? and name = ?", String.class,
				this.id.value(), StepName.CONNECTION_SPEC.name());
	}

}
