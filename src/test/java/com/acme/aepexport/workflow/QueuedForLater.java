package com.acme.aepexport.workflow;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionOperations;

import com.acme.aepexport.export.CallerRequest;
import com.acme.aepexport.export.Credentials;
import com.acme.aepexport.export.ExportId;
import com.acme.aepexport.export.ExportService;
import com.acme.aepexport.export.NewExport;
import com.acme.aepexport.support.ExportSpecs;
import com.acme.aepexport.support.ExportsClient;

/**
 * An export whose run is queued a day from now, so that the service's own workers (and
 * its queue's reconciler, which queues an export that has no task) leave it be while a
 * test runs it by hand. The export and its task in one transaction: the reconciler, which
 * runs every second in tests, never sees the one without the other.
 */
final class QueuedForLater {

	private QueuedForLater() {
	}

	static ExportId export(ExportService exports, JdbcTemplate jdbc, TransactionOperations transactions,
			String sandbox) {
		return transactions.execute((transaction) -> {
			ExportId queued = exports.accept(new NewExport(ExportsClient.CALLER, ExportSpecs
				.amazonS3(new Credentials.AccessKey("AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"))
				.withSandbox(sandbox)), CallerRequest.by(ExportsClient.CALLER)).id();
			jdbc.update(
					"insert into scheduled_tasks (task_name, task_instance, execution_time, picked, version,"
							+ " priority) values (?, ?, now() + interval '1 day', false, 1, 50)",
					WorkersConfiguration.TASK_NAME, queued.toString());
			return queued;
		});
	}

}
