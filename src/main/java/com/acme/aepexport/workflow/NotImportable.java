package com.acme.aepexport.workflow;

import java.util.List;

/**
 * A dataflow that cannot be adopted as an export: it is no file-based audience export
 * ({@link #kind()} says what it is instead), or it is one that holds what an export
 * cannot ({@link #fields()} names each value).
 */
public class NotImportable extends RuntimeException {

	private final DataflowKind kind;

	private final List<InvalidField> fields;

	NotImportable(DataflowKind kind, String message) {
		this(kind, message, List.of());
	}

	NotImportable(DataflowKind kind, String message, List<InvalidField> fields) {
		super(message);
		this.kind = kind;
		this.fields = List.copyOf(fields);
	}

	/**
	 * A file-based audience export that holds what an export cannot.
	 * @param fields each value, where it is in Adobe's dataflow or the export it would be
	 */
	public static NotImportable holding(String flowId, List<InvalidField> fields) {
		return new NotImportable(DataflowKind.AUDIENCE_FILE_EXPORT,
				"Dataflow " + flowId + " is a file-based audience export, but holds what an export cannot: "
						+ String.join("; ",
								fields.stream().map((field) -> field.field() + " " + field.message()).toList()),
				fields);
	}

	public DataflowKind kind() {
		return this.kind;
	}

	/** The values an export cannot hold; empty when the dataflow is of another kind. */
	public List<InvalidField> fields() {
		return this.fields;
	}

}
