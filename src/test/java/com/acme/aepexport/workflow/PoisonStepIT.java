package com.acme.aepexport.workflow;

import java.time.Clock;
import java.util.List;
import java.util.function.Supplier;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionOperations;

import com.acme.aepexport.adobe.AdobeRetryPolicy;
import com.acme.aepexport.export.ExportId;
import com.acme.aepexport.export.ExportService;
import com.acme.aepexport.export.ExportStatus;
import com.acme.aepexport.export.ExportView;
import com.acme.aepexport.export.Runs;
import com.acme.aepexport.export.StepError;
import com.acme.aepexport.export.StepName;
import com.acme.aepexport.support.AdobeJournal;
import com.acme.aepexport.support.IntegrationTest;

import static com.acme.aepexport.support.AdobeJournal.FLOW_SERVICE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Steps that fail outside Adobe's answers, with the real steps, database and emulator
 * around them: the workflow's runner is built here with one step made to throw, and runs
 * an export queued far in the future (so that the service's own workers leave it be).
 */
class PoisonStepIT extends IntegrationTest {

	@Autowired
	private ExportService exports;

	@Autowired
	private TransactionOperations transactions;

	@Autowired
	private ExportSteps steps;

	@Autowired
	private Runs runs;

	@Autowired
	private AdobeRetryPolicy retryPolicy;

	@Autowired
	private Clock clock;

	@Autowired
	private ObservationRegistry observations;

	@Autowired
	private MeterRegistry meters;

	@Autowired
	private WorkflowSettings settings;

	private ExportId id;

	@AfterEach
	void unqueue() {
		this.jdbc.update("delete from scheduled_tasks where task_instance = ?", this.id.toString());
	}

	@Test
	void aStepThatThrowsAnErrorFailsTheStepAndTheExportInsteadOfEndingTheRun() throws InterruptedException {
		String sandbox = newSandbox();
		this.id = QueuedForLater.export(this.exports, this.jdbc, this.transactions, sandbox);
		ExportRunner runner = runnerWhere(StepName.DATAFLOW, () -> new LinkageError("a class went missing"));

		runner.run(this.id);

		ExportView export = this.exports.find(this.id).orElseThrow();
		assertThat(export.status()).isEqualTo(ExportStatus.FAILED);
		assertThat(export.error()).isEqualTo(new StepError(StepName.DATAFLOW, null, null,
				"failed unexpectedly (LinkageError): a class went missing", false));
		assertThat(this.jdbc.queryForObject("select runs from export where id = ?::uuid", Integer.class,
				this.id.toString()))
			.isEqualTo(1);
		assertThat(AdobeJournal.of(this.adobe, sandbox).calls("POST", FLOW_SERVICE + "/flows")).isEmpty();
	}

	/**
	 * A {@link VirtualMachineError} ends the run as a crash would (the JVM may not go
	 * on), and each run counts: after {@code exports.workers.max-runs} of them the export
	 * is given up, saying so, rather than taken over forever.
	 */
	@Test
	void aStepThatEndsEveryRunIsGivenUpAfterMaxRuns() throws InterruptedException {
		String sandbox = newSandbox();
		this.id = QueuedForLater.export(this.exports, this.jdbc, this.transactions, sandbox);
		ExportRunner runner = runnerWhere(StepName.DATAFLOW, () -> new StackOverflowError("deep"));
		int maxRuns = this.settings.workers().maxRuns();

		for (int run = 1; run <= maxRuns; run++) {
			assertThatThrownBy(() -> runner.run(this.id)).as("run %d", run)
				.hasRootCauseInstanceOf(StackOverflowError.class);
			assertThat(this.exports.find(this.id).orElseThrow().status()).isEqualTo(ExportStatus.RUNNING);
		}
		runner.run(this.id);

		ExportView export = this.exports.find(this.id).orElseThrow();
		assertThat(export.status()).isEqualTo(ExportStatus.FAILED);
		assertThat(export.error().step()).isEqualTo(StepName.DATAFLOW);
		assertThat(export.error().message()).startsWith(maxRuns + " runs in a row ended without finishing the export")
			.endsWith("Resume to try again.");
		assertThat(AdobeJournal.of(this.adobe, sandbox).calls("POST", FLOW_SERVICE + "/flows")).isEmpty();
	}

	private ExportRunner runnerWhere(StepName poisoned, Supplier<Throwable> thrown) {
		List<Step> table = this.steps.table()
			.stream()
			.map((step) -> (step.name() != poisoned) ? step : step.runningInstead((context) -> {
				Throwable throwable = thrown.get();
				if (throwable instanceof Error error) {
					throw error;
				}
				throw (RuntimeException) throwable;
			}))
			.toList();
		return new ExportRunner(this.runs, new StepGraph(table), this.retryPolicy, this.clock, this.observations,
				this.meters, this.settings);
	}

}
