package com.acme.aepexport.console;

import java.time.Instant;
import java.util.UUID;

import com.acme.aepexport.export.DestinationType;
import com.acme.aepexport.export.ExportStatus;
import com.acme.aepexport.export.ExportView;
import com.acme.aepexport.export.StepStatus;

/**
 * One export in the list: its status and how far its steps have come.
 *
 * @param done steps that succeeded
 * @param applicable steps it has, less those skipped (mandatory fields and deduplication
 * keys when none were asked for: the workflow skips them when it gets there)
 */
record ExportRow(UUID id, String name, String owner, DestinationType destinationType, ExportStatus status,
		Instant createdAt, Instant updatedAt, int done, int applicable) {

	static ExportRow of(ExportView export) {
		int done = (int) export.steps().stream().filter((step) -> step.status() == StepStatus.SUCCEEDED).count();
		int applicable = (int) export.steps().stream().filter((step) -> step.status() != StepStatus.SKIPPED).count();
		return new ExportRow(export.id().value(), export.spec().name(), export.owner(),
				export.spec().destination().type(), export.status(), export.createdAt(), export.updatedAt(), done,
				applicable);
	}

}
