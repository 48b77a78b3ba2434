package com.acme.aepexport.workflow;

import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.JdbcTemplate;

import com.acme.aepexport.support.ScratchDatabase;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * V22 on a database a previous version used: the recurring tasks' rows move to their own
 * table as they were (when due, picked or not, by whom), and the exports' work stays in
 * the queue.
 */
class RecurringTasksMigrationIT {

	@Test
	void theRecurringTasksMoveAsTheyWereAndTheExportsWorkStays() {
		try (ScratchDatabase database = ScratchDatabase.migratedTo("recurring_migration", "21")) {
			JdbcTemplate jdbc = database.jdbc();
			insertTask(jdbc, WorkersConfiguration.TASK_NAME, "7d1c2f0e-9b5a-4e8c-a3f1-2b6d0c9e8a47", false, null);
			insertTask(jdbc, WorkersConfiguration.TEARDOWN_TASK_NAME, "0e5d3c1b-2a4f-4b6e-9c8d-7f1a2b3c4d5e", true,
					"old-pod");
			insertTask(jdbc, "send-webhooks", "recurring", true, "old-pod");
			insertTask(jdbc, "purge-deleted-exports", "recurring", false, null);

			database.migrate("latest");

			assertThat(tasks(jdbc, "scheduled_tasks")).containsExactlyInAnyOrder(
					List.of(WorkersConfiguration.TASK_NAME, "7d1c2f0e-9b5a-4e8c-a3f1-2b6d0c9e8a47", false, "-"),
					List.of(WorkersConfiguration.TEARDOWN_TASK_NAME, "0e5d3c1b-2a4f-4b6e-9c8d-7f1a2b3c4d5e", true,
							"old-pod"));
			assertThat(tasks(jdbc, WorkersConfiguration.RECURRING_TABLE)).containsExactlyInAnyOrder(
					List.of("send-webhooks", "recurring", true, "old-pod"),
					List.of("purge-deleted-exports", "recurring", false, "-"));
			assertThat(jdbc.queryForObject(
					"select count(*) from recurring_tasks where execution_time = timestamptz '2026-12-07 10:00:00Z'"
							+ " and version = 3 and priority = 50",
					Integer.class))
				.as("rows moved whole")
				.isEqualTo(2);
		}
	}

	private static void insertTask(JdbcTemplate jdbc, String task, String instance, boolean picked, String pickedBy) {
		jdbc.update(
				"""
						insert into scheduled_tasks (task_name, task_instance, execution_time, picked, picked_by, version, priority)
						values (?, ?, timestamptz '2026-12-07 10:00:00Z', ?, ?, 3, 50)""",
				task, instance, picked, pickedBy);
	}

	private static List<List<Object>> tasks(JdbcTemplate jdbc, String table) {
		return jdbc.query("select task_name, task_instance, picked, coalesce(picked_by, '-') as by from " + table,
				(row, number) -> List.of(row.getString("task_name"), row.getString("task_instance"),
						row.getBoolean("picked"), row.getString("by")));
	}

}
