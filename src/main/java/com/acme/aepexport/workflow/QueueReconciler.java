package com.acme.aepexport.workflow;

import java.time.Clock;
import java.util.List;

import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.task.Task;
import io.micrometer.core.instrument.MeterRegistry;
import lombok.RequiredArgsConstructor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Holds the queue to its invariant: every export that is {@code PENDING} or
 * {@code RUNNING} has its run queued, every export whose teardown is asked for (and has
 * not stopped on an error) has its teardown queued, and every export with a change
 * waiting has its change worker queued. The workflow keeps it by construction (an export
 * and its task change in one transaction, and a worker never removes a task an export
 * still needs); this finds what broke it anyway (a row deleted by hand, a bug) and queues
 * the work again, counting each repair in {@code aep.queue.repairs}.
 */
@Component
@RequiredArgsConstructor
class QueueReconciler {

	private static final Logger log = LoggerFactory.getLogger(QueueReconciler.class);

	private static final String UNQUEUED = """
			select e.id::text as id, case when e.status = 'DELETING' then ? else ? end as task
			from export e
			where (e.status in ('PENDING', 'RUNNING') or (e.status = 'DELETING' and e.error_message is null))
			  and not exists (select 1 from scheduled_tasks t where t.task_instance = e.id::text
			    and t.task_name = case when e.status = 'DELETING' then ? else ? end)
			union all
			select c.export_id::text, ? from export_change c
			where c.status = 'PENDING'
			  and not exists (select 1 from scheduled_tasks t where t.task_instance = c.export_id::text
			    and t.task_name = ?)
			group by c.export_id""";

	private final JdbcTemplate jdbc;

	private final SchedulerClient exportQueue;

	/**
	 * Woken for what was queued again; looked up then, as the workers are made from the
	 * tasks, this reconciler's among them.
	 */
	private final ObjectProvider<WorkersConfiguration.ExportWorkers> workers;

	// Named as the task beans are: Spring tells the three apart by the names of the
	// constructor's parameters.
	private final Task<Void> runExportTask;

	private final Task<Void> tearDownExportTask;

	private final Task<Void> changeExportTask;

	private final MeterRegistry meters;

	private final Clock clock;

	/** Queues the work of every export that needs some and has none queued. */
	int repair() {
		List<Unqueued> unqueued = this.jdbc.query(UNQUEUED,
				(row, number) -> new Unqueued(row.getString("id"), row.getString("task")),
				WorkersConfiguration.TEARDOWN_TASK_NAME, WorkersConfiguration.TASK_NAME,
				WorkersConfiguration.TEARDOWN_TASK_NAME, WorkersConfiguration.TASK_NAME,
				WorkersConfiguration.CHANGE_TASK_NAME, WorkersConfiguration.CHANGE_TASK_NAME);
		boolean queued = false;
		for (Unqueued export : unqueued) {
			Task<Void> task = switch (export.task()) {
				case WorkersConfiguration.TEARDOWN_TASK_NAME -> this.tearDownExportTask;
				case WorkersConfiguration.CHANGE_TASK_NAME -> this.changeExportTask;
				default -> this.runExportTask;
			};
			if (this.exportQueue.scheduleIfNotExists(task.instance(export.id()), this.clock.instant())) {
				queued = true;
				this.meters.counter("aep.queue.repairs", "task", task.getName()).increment();
				log.warn("Export {} needed its {} queued and had none: queued again", export.id(), task.getName());
			}
		}
		if (queued) {
			this.workers.getObject().wake();
		}
		return unqueued.size();
	}

	private record Unqueued(String id, String task) {

	}

}
