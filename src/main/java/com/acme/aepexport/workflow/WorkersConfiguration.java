package com.acme.aepexport.workflow;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.BooleanSupplier;
import java.util.function.IntSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;

import javax.sql.DataSource;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.SchedulerBuilder;
import com.github.kagkarlsson.scheduler.SchedulerName;
import com.github.kagkarlsson.scheduler.stats.MicrometerStatsRegistry;
import com.github.kagkarlsson.scheduler.task.CompletionHandler;
import com.github.kagkarlsson.scheduler.task.ExecutionContext;
import com.github.kagkarlsson.scheduler.task.ExecutionComplete;
import com.github.kagkarlsson.scheduler.task.ExecutionOperations;
import com.github.kagkarlsson.scheduler.task.FailureHandler;
import com.github.kagkarlsson.scheduler.task.Priority;
import com.github.kagkarlsson.scheduler.task.Task;
import com.github.kagkarlsson.scheduler.task.TaskInstance;
import com.github.kagkarlsson.scheduler.task.helper.CustomTask;
import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.datasource.TransactionAwareDataSourceProxy;
import org.springframework.transaction.support.TransactionOperations;

import com.acme.aepexport.adobe.AdobeSettings;
import com.acme.aepexport.export.CredentialVault;
import com.acme.aepexport.export.ExportId;
import com.acme.aepexport.export.ExportService;

/**
 * The workers' configuration: exports run in the background, from PostgreSQL, with
 * db-scheduler. Accepting an export inserts a task row in the same transaction as the
 * export, and whichever instance polls first claims it ({@code SELECT … FOR UPDATE SKIP
 * LOCKED}), so any instance can run what another accepted, one at a time, and pending
 * work survives restarts. A running execution keeps a heartbeat; when its instance dies
 * (kill -9, node lost) another instance revives it after
 * {@code heartbeatInterval × missedHeartbeats}. Hand-written claiming would have to
 * rebuild all of that.
 */
@Configuration(proxyBeanMethods = false)
class WorkersConfiguration {

	private static final Logger log = LoggerFactory.getLogger(WorkersConfiguration.class);

	static final String TASK_NAME = "run-export";

	/**
	 * The logging context key naming the export a line is about; with {@link #STEP} it is
	 * on every line an export's work logs (a JSON field in structured logs).
	 */
	static final String EXPORT_ID = "exportId";

	/** The logging context key naming the step being tried. */
	static final String STEP = "step";

	@Bean
	CustomTask<Void> runExportTask(ExportRunner runner, ExportService exports, TransactionOperations transactions,
			WorkflowSettings settings) {
		return exportTask(Tasks.custom(TASK_NAME, Void.class), settings, transactions,
				failingIfInterrupted("running", runner::run), exports::wantsRun);
	}

	static final String TEARDOWN_TASK_NAME = "tear-down-export";

	@Bean
	CustomTask<Void> tearDownExportTask(ExportTeardown teardown, ExportService exports,
			TransactionOperations transactions, WorkflowSettings settings) {
		// Before new exports: a DELETE does not wait behind a backlog.
		return exportTask(Tasks.custom(TEARDOWN_TASK_NAME, Void.class).defaultPriority(Priority.HIGH), settings,
				transactions, failingIfInterrupted("tearing down", teardown::run), exports::wantsTeardown);
	}

	static final String CHANGE_TASK_NAME = "change-export";

	/**
	 * Applies an export's accepted changes to its dataflow (see {@link ChangeApplier}):
	 * ahead of new exports, since a caller may be waiting; a run that Adobe leaves
	 * unanswered is tried again after a pause, up to {@code exports.workers.max-runs}.
	 */
	@Bean
	CustomTask<Void> changeExportTask(ChangeApplier applier, ExportService exports, TransactionOperations transactions,
			WorkflowSettings settings) {
		return exportTask(Tasks.custom(CHANGE_TASK_NAME, Void.class).defaultPriority(Priority.HIGH), settings,
				transactions, (id, context) -> {
					try {
						applier.applyPending(id, context.getExecution().consecutiveFailures);
					}
					catch (InterruptedException ex) {
						// The instance stops: the change is taken again at once, and read
						// and diffed before anything is sent.
						throw new RunStopped(id, ex);
					}
				}, exports::wantsChange);
	}

	/**
	 * Work on one export whose interruption fails the task: it is tried again after the
	 * {@link DoublingBackoff}.
	 * @param doing what the work does, for the failure's message
	 */
	private static BiConsumer<ExportId, ExecutionContext> failingIfInterrupted(String doing, ExportWork work) {
		return (id, context) -> {
			try {
				work.run(id);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException("Interrupted while " + doing + " export " + id, ex);
			}
		};
	}

	/** What a worker does with one export, until done or interrupted. */
	@FunctionalInterface
	interface ExportWork {

		void run(ExportId id) throws InterruptedException;

	}

	/**
	 * A worker's task on one export, whose id is the task instance's: every line it logs
	 * names the export, a failure outright is tried again after a
	 * {@link DoublingBackoff}, and it runs again at once when {@code asked} says more was
	 * asked of the export meanwhile ({@link RunAgainIfAsked}).
	 */
	private static CustomTask<Void> exportTask(Tasks.TaskBuilder<Void> task, WorkflowSettings settings,
			TransactionOperations transactions, BiConsumer<ExportId, ExecutionContext> work,
			Predicate<ExportId> asked) {
		return task
			.onFailure(new DoublingBackoff(settings.workers().failureBackoff(), settings.workers().maxFailureBackoff()))
			.execute((instance, context) -> {
				ExportId id = ExportId.of(instance.getId());
				try (MDC.MDCCloseable exportId = MDC.putCloseable(EXPORT_ID, instance.getId())) {
					work.accept(id, context);
				}
				return new RunAgainIfAsked(transactions, () -> asked.test(id));
			});
	}

	/**
	 * What a worker does with its export's queued task once its run ends: removes it, or,
	 * when the export was resumed (or its teardown asked for again) while the run ended,
	 * makes it due again at once. db-scheduler's default removes it, and a resume that
	 * came between the run's last commit and that removal found a task already there,
	 * queued nothing, and was lost with it: the export stayed RUNNING with nothing to run
	 * it. The decision and the removal are one transaction that locks the export's row,
	 * as resume and delete do, so one of them always sees the other.
	 */
	record RunAgainIfAsked(TransactionOperations transactions,
			BooleanSupplier asked) implements CompletionHandler<Void> {

		@Override
		public void complete(ExecutionComplete complete, ExecutionOperations<Void> operations) {
			this.transactions.executeWithoutResult((status) -> {
				if (this.asked.getAsBoolean()) {
					operations.reschedule(complete, complete.getTimeDone());
				}
				else {
					operations.remove();
				}
			});
		}

	}

	@Bean
	RecurringTask<Void> purgeCredentialsTask(CredentialVault vault) {
		return hourlyPurge("purge-credentials", vault::purgeOfFailedExports,
				"Deleted the credentials of {} exports failed for longer than their retention");
	}

	@Bean
	RecurringTask<Void> purgeDeletedExportsTask(ExportService exports) {
		return hourlyPurge("purge-deleted-exports", exports::purgeDeletedExports,
				"Purged {} exports deleted for longer than their retention");
	}

	@Bean
	RecurringTask<Void> purgeIdempotencyKeysTask(ExportService exports) {
		return hourlyPurge("purge-idempotency-keys", exports::purgeIdempotencyKeys,
				"Forgot {} idempotency keys past their retention");
	}

	/**
	 * A task that purges what is past its retention every hour, and logs how much when
	 * there was any.
	 * @param logged the line logged, with {@code {}} for how many were purged
	 */
	private static RecurringTask<Void> hourlyPurge(String name, IntSupplier purge, String logged) {
		return Tasks.recurring(name, FixedDelay.ofHours(1)).execute((instance, context) -> {
			int purged = purge.getAsInt();
			if (purged > 0) {
				log.info(logged, purged);
			}
		});
	}

	/**
	 * Finds exports whose work is not queued and queues it (see {@link QueueReconciler}).
	 */
	@Bean
	RecurringTask<Void> reconcileQueueTask(QueueReconciler reconciler, WorkflowSettings settings) {
		return Tasks.recurring("reconcile-queue", FixedDelay.of(settings.workers().reconcileInterval()))
			.execute((instance, context) -> reconciler.repair());
	}

	/**
	 * Reads the runs of the exports due a read, on one instance at a time (see
	 * {@link LatestRunsRefresher}).
	 */
	@Bean
	RecurringTask<Void> refreshLatestRunsTask(LatestRunsRefresher refresher, WorkflowSettings settings) {
		return Tasks.recurring("refresh-latest-runs", FixedDelay.of(settings.latestRuns().pollInterval()))
			.execute((instance, context) -> refresher.refreshDue());
	}

	/**
	 * The queue of exports' work; queueing joins the transaction that stores the export.
	 * It knows the exports' tasks only: the queue's reconciler, a recurring task, queues
	 * through it.
	 */
	@Bean
	SchedulerClient exportQueue(DataSource dataSource, List<CustomTask<?>> tasks) {
		return SchedulerClient.Builder.create(new TransactionAwareDataSourceProxy(dataSource), List.copyOf(tasks))
			.enablePriority()
			.build();
	}

	/**
	 * Two schedulers on the data source, through Spring's transaction. The exports' one
	 * runs their work ({@code scheduled_tasks}) on {@code exports.workers.concurrency}
	 * threads; the recurring tasks ({@code recurring_tasks}) have one of their own, with
	 * a thread each, so that none of their passes takes a thread from the exports.
	 * db-scheduler's own metrics (dbscheduler.task.*: completions and durations per task)
	 * and how many exports' executions this instance runs now (aep.workers.busy) are kept
	 * beside ours.
	 */
	@Bean
	ExportWorkers exportWorkers(DataSource dataSource, SchedulerClient exportQueue, List<Task<?>> tasks,
			WorkflowSettings settings, AdobeSettings adobe, MeterRegistry meters) {
		WorkflowSettings.Workers workers = settings.workers();
		// A worker presumed dead must not still be waiting on Adobe when another takes
		// over: neither for room to call (its claim was checked before) nor for the
		// answer.
		Duration longestCall = adobe.http().readTimeout().plus(adobe.concurrency().maxWait());
		if (workers.deadAfter().compareTo(longestCall) <= 0) {
			throw new IllegalStateException("exports.workers.heartbeat-interval × missed-heartbeats ("
					+ workers.deadAfter() + ") must exceed adobe.http.read-timeout + adobe.concurrency.max-wait ("
					+ longestCall + ")");
		}
		List<Task<?>> exportTasks = new ArrayList<>();
		List<RecurringTask<?>> recurringTasks = new ArrayList<>();
		for (Task<?> task : tasks) {
			switch (task) {
				case RecurringTask<?> recurring -> recurringTasks.add(recurring);
				case CustomTask<?> export -> exportTasks.add(export);
				default -> throw new IllegalStateException("Task " + task.getName()
						+ " is neither an export's work (a custom task) nor a recurring task: no scheduler would run it");
			}
		}
		DataSource transactional = new TransactionAwareDataSourceProxy(dataSource);
		// Shared by every scheduler a restart builds, so its meters are registered once.
		MicrometerStatsRegistry stats = new MicrometerStatsRegistry(meters, tasks);
		ExportWorkers exportWorkers = new ExportWorkers(exportQueue,
				() -> scheduler(transactional, exportTasks, workers, stats).threads(workers.concurrency())
					.enableImmediateExecution()
					// Teardowns and resumes first; and no more picked than can run, so
					// that one queued after a backlog is not behind exports held in
					// memory.
					.enablePriority()
					.pollUsingLockAndFetch(0.5, 1.0)
					.build(),
				() -> scheduler(transactional, List.of(), workers, stats).tableName(RECURRING_TABLE)
					.startTasks(List.copyOf(recurringTasks))
					.threads(recurringTasks.size())
					.build());
		Gauge.builder("aep.workers.busy", exportWorkers, ExportWorkers::busy)
			.description("Executions this instance's workers run now, of exports.workers.concurrency")
			.register(meters);
		return exportWorkers;
	}

	/** The recurring tasks' table, apart from the exports' queue. */
	static final String RECURRING_TABLE = "recurring_tasks";

	private static SchedulerBuilder scheduler(DataSource dataSource, List<? extends Task<?>> known,
			WorkflowSettings.Workers workers, MicrometerStatsRegistry stats) {
		return Scheduler.create(dataSource, List.copyOf(known))
			.pollingInterval(workers.pollingInterval())
			.heartbeatInterval(workers.heartbeatInterval())
			.shutdownMaxWait(workers.shutdownGrace())
			.missedHeartbeatsLimit(workers.missedHeartbeats())
			.schedulerName((workers.instanceName() != null) ? new SchedulerName.Fixed(workers.instanceName())
					: new SchedulerName.Hostname())
			.statsRegistry(stats);
	}

	/**
	 * The queue of exports to run, and this instance's workers, which start claiming
	 * exports once the whole application (and Flyway's schema) is ready and stop with it.
	 * A db-scheduler {@link Scheduler} cannot start again once stopped, so each start
	 * builds a new one: an application context stopped and started again (Spring's test
	 * context cache pauses the contexts not in use) runs exports again.
	 */
	static final class ExportWorkers implements SmartLifecycle {

		private final SchedulerClient queue;

		private final Supplier<Scheduler> newExportsScheduler;

		private final Supplier<Scheduler> newRecurringScheduler;

		private volatile Scheduler exports;

		private Scheduler recurring;

		private volatile CoalescedWakes wakes;

		ExportWorkers(SchedulerClient queue, Supplier<Scheduler> newExportsScheduler,
				Supplier<Scheduler> newRecurringScheduler) {
			this.queue = queue;
			this.newExportsScheduler = newExportsScheduler;
			this.newRecurringScheduler = newRecurringScheduler;
		}

		/** Queues a task unless it is queued already; joins the current transaction. */
		void queue(TaskInstance<?> task, Instant at) {
			this.queue.scheduleIfNotExists(task, at);
		}

		/**
		 * Queues the task of an export stored in the current transaction, which cannot
		 * have one yet: one insert, without the look-up {@link #queue} makes first.
		 */
		void queueNew(TaskInstance<?> task, Instant at) {
			this.queue.scheduleBatch(List.of(task), at);
		}

		/**
		 * Queues a task ahead of those of {@link Priority#MEDIUM}, unless it is queued.
		 */
		void queueFirst(Task<Void> task, String id, Instant at) {
			this.queue.scheduleIfNotExists(task.instanceBuilder(id).priority(Priority.HIGH).scheduledTo(at));
		}

		/** Exports' executions running on this instance now. */
		int busy() {
			Scheduler scheduler = this.exports;
			return (scheduler != null) ? scheduler.getCurrentlyExecuting().size() : 0;
		}

		/**
		 * Makes this instance's workers look for due exports now. Every accept asks it
		 * after its commit. Eight accepting threads calling the scheduler's own wake at
		 * once contended for its lock: a tenth of an accept's CPU in a profile. The asks
		 * now go through one thread.
		 */
		void wake() {
			CoalescedWakes wakes = this.wakes;
			if (wakes != null) {
				wakes.ask();
			}
		}

		/**
		 * Each scheduler is kept as soon as it runs, so that {@link #stop()} stops it
		 * even when the other one fails to start.
		 */
		@Override
		public synchronized void start() {
			if (this.exports == null) {
				Scheduler exports = this.newExportsScheduler.get();
				exports.start();
				// Once the scheduler runs: one that fails to start is never stopped,
				// and would leave the wakes' thread parked for good. An export accepted
				// between its first poll and this line waits for its next poll.
				this.wakes = new CoalescedWakes("export-wakes", exports::triggerCheckForDueExecutions);
				this.exports = exports;
				Scheduler recurring = this.newRecurringScheduler.get();
				recurring.start();
				this.recurring = recurring;
			}
		}

		/**
		 * Stops both schedulers at once: each gives its running work
		 * {@code exports.workers.shutdown-grace}, and one after the other would double
		 * the wait.
		 */
		@Override
		public synchronized void stop() {
			Scheduler exports = this.exports;
			Scheduler recurring = this.recurring;
			CoalescedWakes wakes = this.wakes;
			this.exports = null;
			this.recurring = null;
			this.wakes = null;
			if (wakes != null) {
				wakes.close();
			}
			Thread stopping = (recurring != null)
					? Thread.ofVirtual().name("stop-recurring-tasks").start(recurring::stop) : null;
			if (exports != null) {
				exports.stop();
			}
			if (stopping != null) {
				try {
					stopping.join();
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
			}
		}

		@Override
		public boolean isRunning() {
			return this.exports != null;
		}

	}

	/**
	 * When running an export fails outright (not a step: the database, say), it is tried
	 * again after a pause that doubles with each failure up to a ceiling, never given up:
	 * every accepted export must end SUCCEEDED or FAILED. db-scheduler's own exponential
	 * handler has no ceiling.
	 */
	record DoublingBackoff(Duration first, Duration max) implements FailureHandler<Void> {

		@Override
		public void onFailure(ExecutionComplete complete, ExecutionOperations<Void> operations) {
			if (complete.getCause().filter(RunStopped.class::isInstance).isPresent()) {
				// Not a failure: this instance stops; another takes the export at once.
				operations.reschedule(complete, complete.getTimeDone());
				return;
			}
			int failures = Math.min(complete.getExecution().consecutiveFailures, 20);
			Duration pause = this.first.multipliedBy(1L << failures);
			Instant next = complete.getTimeDone().plus((pause.compareTo(this.max) > 0) ? this.max : pause);
			log.warn("Running export {} failed ({} in a row); trying again at {}",
					complete.getExecution().taskInstance.getId(), failures + 1, next, complete.getCause().orElse(null));
			operations.reschedule(complete, next);
		}

	}

}
