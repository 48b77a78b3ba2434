package com.acme.aepexport.webhook;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import com.acme.aepexport.export.ExportStatus;
import com.acme.aepexport.export.RunState;

/** The events a subscription can ask for, by the names callers use. */
public enum EventType {

	EXPORT_SUCCEEDED("export.succeeded", ExportStatus.SUCCEEDED),

	EXPORT_FAILED("export.failed", ExportStatus.FAILED),

	EXPORT_DELETED("export.deleted", ExportStatus.DELETED),

	/** A dataflow run ended and every profile went out. */
	RUN_SUCCEEDED("run.succeeded", RunState.SUCCEEDED),

	/** A dataflow run ended with some profiles out and some failed. */
	RUN_PARTIAL("run.partial", RunState.PARTIALLY_SUCCEEDED),

	/** A dataflow run failed, or was cancelled: its files did not land. */
	RUN_FAILED("run.failed", RunState.FAILED, RunState.CANCELLED),

	/**
	 * A scheduled run of an audience did not appear within its window and the grace after
	 * it ({@code exports.webhooks.missed-run-grace}).
	 */
	RUN_MISSED("run.missed"),

	/** A change asked for by a {@code PATCH} is in Adobe's dataflow. */
	CHANGE_APPLIED("change.applied"),

	/** Adobe accepted an ad hoc activation job ("export now") and named its runs. */
	ACTIVATION_STARTED("activation.started");

	private final String wireName;

	private final ExportStatus status;

	private final Set<RunState> runStates;

	EventType(String wireName, ExportStatus status) {
		this.wireName = wireName;
		this.status = status;
		this.runStates = Set.of();
	}

	EventType(String wireName) {
		this.wireName = wireName;
		this.status = null;
		this.runStates = Set.of();
	}

	EventType(String wireName, RunState... runStates) {
		this.wireName = wireName;
		this.status = null;
		this.runStates = Set.of(runStates);
	}

	/** As in a subscription and an event's {@code type}: {@code export.succeeded}. */
	public String wireName() {
		return this.wireName;
	}

	public static List<String> wireNames() {
		return Arrays.stream(values()).map(EventType::wireName).toList();
	}

	public static Optional<EventType> named(String wireName) {
		return Arrays.stream(values()).filter((type) -> type.wireName.equals(wireName)).findFirst();
	}

	/** The event of an export that became {@code status}, if any. */
	static Optional<EventType> of(ExportStatus status) {
		return Arrays.stream(values()).filter((type) -> type.status == status).findFirst();
	}

	/** The event of a run that ended in {@code state}, if any. */
	static Optional<EventType> of(RunState state) {
		return Arrays.stream(values()).filter((type) -> type.runStates.contains(state)).findFirst();
	}

}
