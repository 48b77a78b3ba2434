package com.acme.aepexport.workflow;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import com.acme.aepexport.export.ExportClaimLost;
import com.acme.aepexport.export.ExportId;
import com.acme.aepexport.export.ExportRun;
import com.acme.aepexport.export.ExportService;
import com.acme.aepexport.export.Runs;
import com.acme.aepexport.support.IntegrationTest;

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
	private Runs runs;

	@Test
	void aWorkerIsToldWhenItsExportWasTakenOverOrIsGone() {
		ExportId id = QueuedForLater.export(this.exports, this.jdbc, newSandbox());
		ExportRun first = this.runs.start(id, MAX_RUNS).orElseThrow();
		assertThatCode(first::requireClaim).as("the worker that holds the export").doesNotThrowAnyException();

		ExportRun second = this.runs.start(id, MAX_RUNS).orElseThrow();

		assertThatThrownBy(first::requireClaim).as("the worker whose export was taken over")
			.isInstanceOf(ExportClaimLost.class);
		assertThatCode(second::requireClaim).as("the worker that took it over").doesNotThrowAnyException();

		this.jdbc.update("delete from export where id = ?", id.value());

		assertThatThrownBy(second::requireClaim).as("a worker whose export is gone")
			.isInstanceOf(ExportClaimLost.class);
	}

}
