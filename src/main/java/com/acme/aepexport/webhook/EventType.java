package com.acme.aepexport.webhook;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import com.acme.aepexport.export.ExportStatus;

/** The events a subscription can ask for, by the names callers use. */
public enum EventType {

	EXPORT_SUCCEEDED("export.succeeded", ExportStatus.SUCCEEDED),

	EXPORT_FAILED("export.failed", ExportStatus.FAILED),

	EXPORT_DELETED("export.deleted", ExportStatus.DELETED);

	private final String wireName;

	private final ExportStatus status;

	EventType(String wireName, ExportStatus status) {
		this.wireName = wireName;
		this.status = status;
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

}
