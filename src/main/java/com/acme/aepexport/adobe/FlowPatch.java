package com.acme.aepexport.adobe;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The changes we make to a dataflow, in Adobe's spelling: JSON Patch operations on the
 * flow's {@code GeneralTransform}. Each is what a flow lacks of the change, computed
 * against the flow as Adobe holds it ({@code null}: as we last left it, which is not read
 * again), and empty when the flow carries it already; so a change sent again after a lost
 * answer or a {@code 412} sends only what is missing.
 */
public final class FlowPatch {

	private static final String PARAMS = "/transformations/0/params";

	private static final String SELECTORS = PARAMS + "/segmentSelectors/selectors";

	private FlowPatch() {
	}

	/** The audiences the flow does not export yet, added at the end. */
	public static List<PatchOperation> addAudiences(Flow flow, List<SegmentSelector.Value> audiences) {
		return audiences.stream()
			.filter((audience) -> flow == null || !flow.audienceIds().contains(audience.id()))
			.map((audience) -> PatchOperation.add(SELECTORS + "/-", SegmentSelector.platformSegment(audience)))
			.toList();
	}

	/** The mapping set (at its version) as the flow's profile mapping. */
	public static List<PatchOperation> attachMapping(Flow flow, String mappingSetId, int version) {
		if (flow != null && mappingSetId.equals(flow.mappingId())) {
			return List.of();
		}
		return List.of(PatchOperation.add(PARAMS + "/profileMapping", new ProfileMapping(mappingSetId, version)));
	}

	/** The fields every exported profile must have. */
	public static List<PatchOperation> mandatoryFields(Flow flow, List<String> fields) {
		if (flow != null && Set.copyOf(flow.mandatoryFields()).equals(Set.copyOf(fields))) {
			return List.of();
		}
		return List.of(PatchOperation.add(PARAMS + "/mandatoryFields", fields));
	}

	/** The deduplication keys (Adobe's primary fields). */
	public static List<PatchOperation> primaryFields(Flow flow, List<PrimaryField> keys) {
		if (flow != null && Set.copyOf(flow.primaryFields()).equals(Set.copyOf(keys))) {
			return List.of();
		}
		return List.of(PatchOperation.add(PARAMS + "/primaryFields", keys));
	}

	/**
	 * What brings the flow (read from Adobe) to export exactly these audiences, with
	 * these mandatory fields and keys, in an order that keeps each index right:
	 * replacements at their current index, removals from the highest index down,
	 * additions at the end. What Adobe wrote into a selector that we do not set is kept.
	 */
	public static List<PatchOperation> toReach(Flow flow, List<SegmentSelector.Value> audiences,
			List<String> mandatoryFields, List<PrimaryField> keys) {
		Map<String, SegmentSelector.Value> wanted = new LinkedHashMap<>();
		audiences.forEach((audience) -> wanted.put(audience.id(), audience));
		List<SegmentSelector> current = flow.selectors();
		List<PatchOperation> operations = new ArrayList<>();
		List<Integer> removed = new ArrayList<>();
		for (int i = 0; i < current.size(); i++) {
			SegmentSelector.Value held = (current.get(i) != null) ? current.get(i).value() : null;
			SegmentSelector.Value want = (held != null) ? wanted.get(held.id()) : null;
			if (want == null) {
				removed.add(i);
			}
			else if (!held.sameSettingsAs(want)) {
				operations.add(PatchOperation.replace(SELECTORS + "/" + i,
						SegmentSelector.platformSegment(held.updatedTo(want))));
			}
		}
		for (int i = removed.size() - 1; i >= 0; i--) {
			operations.add(PatchOperation.remove(SELECTORS + "/" + removed.get(i),
					SegmentSelector.platformSegment(new SegmentSelector.Value(null, null, null, null, null))));
		}
		operations.addAll(addAudiences(flow, audiences));
		operations.addAll(mandatoryFields(flow, mandatoryFields));
		operations.addAll(primaryFields(flow, keys));
		return operations;
	}

}
