package com.acme.aepexport.export;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;

import com.acme.aepexport.export.ExportSpec.Audience;

/**
 * A change of an export ({@code PATCH /exports/{id}}) is in Adobe's dataflow: published
 * inside the transaction that records it applied, to listeners that run in it (the
 * webhook outbox), whether the caller was answered {@code 200} or {@code 202}. What
 * changed is told from the export's spec before and after; a change can only touch the
 * audiences, their schedules, the mandatory fields and the deduplication keys, never the
 * destination or its credentials.
 *
 * @param export the export as the change left it
 * @param before the export's spec before the change, as Adobe's dataflow held it
 * @param revision the change's number (those accepted before it and still waiting were
 * applied with it)
 * @param requestedBy who asked for it
 */
public record ChangeApplied(ExportView export, ExportSpec before, int revision, String requestedBy, Instant requestedAt,
		Instant appliedAt) {

	public ExportSpec after() {
		return this.export.spec();
	}

	/** Audiences the dataflow exports now and did not before, in the export's order. */
	public List<String> audiencesAdded() {
		Map<String, Audience> before = byId(this.before);
		return ids(after()).stream().filter((id) -> !before.containsKey(id)).toList();
	}

	/** Audiences the dataflow no longer exports, in their former order. */
	public List<String> audiencesRemoved() {
		Map<String, Audience> after = byId(after());
		return ids(this.before).stream().filter((id) -> !after.containsKey(id)).toList();
	}

	/**
	 * Audiences exported before and after whose name, file name template or schedule
	 * changed, as they are now.
	 */
	public List<Audience> audiencesChanged() {
		Map<String, Audience> before = byId(this.before);
		return after().audiences()
			.stream()
			.filter((audience) -> before.containsKey(audience.id()) && !audience.equals(before.get(audience.id())))
			.toList();
	}

	public boolean mandatoryFieldsChanged() {
		return !Objects.equals(this.before.mandatoryFields(), after().mandatoryFields());
	}

	public boolean deduplicationKeysChanged() {
		return !Objects.equals(this.before.deduplicationKeys(), after().deduplicationKeys());
	}

	private static List<String> ids(ExportSpec spec) {
		return spec.audiences().stream().map(Audience::id).toList();
	}

	private static Map<String, Audience> byId(ExportSpec spec) {
		return spec.audiences()
			.stream()
			.collect(Collectors.toMap(Audience::id, Function.identity(), (first, second) -> first));
	}

}
