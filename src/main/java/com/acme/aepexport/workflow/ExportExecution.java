package com.acme.aepexport.workflow;

import java.util.List;

import javax.sql.DataSource;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.SchedulerName;
import com.github.kagkarlsson.scheduler.task.FailureHandler;
import com.github.kagkarlsson.scheduler.task.Task;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;

import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.datasource.TransactionAwareDataSourceProxy;

import com.acme.aepexport.export.ExportId;

/**
 * Runs exports in the background, from PostgreSQL, with db-scheduler: accepting an export
 * inserts a task row in the same transaction as the export, and whichever instance polls
 * first claims it ({@code SELECT … FOR UPDATE SKIP LOCKED}), so any instance can run what
 * another accepted, and pending work survives restarts. db-scheduler also keeps a
 * heartbeat on running executions and revives those whose instance died; hand-written
 * claiming would have to rebuild all of that.
 */
@Configuration(proxyBeanMethods = false)
class ExportExecution {

	static final String TASK_NAME = "run-export";

	@Bean
	OneTimeTask<Void> runExportTask(ExportRunner runner, WorkflowSettings settings) {
		return Tasks.oneTime(TASK_NAME)
			.onFailure(new FailureHandler.ExponentialBackoffFailureHandler<>(settings.workers().failureBackoff()))
			.execute((instance, context) -> {
				try {
					runner.run(ExportId.of(instance.getId()));
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					throw new IllegalStateException("Interrupted while running export " + instance.getId(), ex);
				}
			});
	}

	/**
	 * The scheduler sees the data source through Spring's transaction, so scheduling
	 * joins the transaction that stores the export.
	 */
	@Bean
	Scheduler exportScheduler(DataSource dataSource, List<Task<?>> tasks, WorkflowSettings settings) {
		return Scheduler.create(new TransactionAwareDataSourceProxy(dataSource), tasks)
			.threads(settings.workers().concurrency())
			.pollingInterval(settings.workers().pollingInterval())
			.schedulerName(new SchedulerName.Hostname())
			.enableImmediateExecution()
			.build();
	}

	/**
	 * Starts claiming exports once the whole application (and Flyway's schema) is ready.
	 */
	@Bean
	SmartLifecycle exportSchedulerLifecycle(Scheduler scheduler) {
		return new SmartLifecycle() {

			private volatile boolean running;

			@Override
			public void start() {
				scheduler.start();
				this.running = true;
			}

			@Override
			public void stop() {
				scheduler.stop();
				this.running = false;
			}

			@Override
			public boolean isRunning() {
				return this.running;
			}

		};
	}

}
