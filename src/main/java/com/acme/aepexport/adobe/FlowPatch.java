package com.acme.aepexport.adobe;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.acme.aepexport.export.ExportSpec;

/**
 * A change of a dataflow, in an export's terms, sent in Adobe's: JSON Patch operations on
 * the flow's {@code GeneralTransform}. Each is what a flow lacks of the change, computed
 * against the flow as Adobe holds it ({@code null}: as we last left it, which is not read
 * again), and empty when the flow carries it already; so a change sent again after a lost
 * answer or a {@code 412} sends only what is missing.
 */
public final class FlowPatch extends JsonPatch {

	private static final String PARAMS = "/transformations/0/params";

	private static final String SELECTORS = PARAMS + "/segmentSelectors/selectors";

	private FlowPatch(List<PatchOperation> operations) {
		super(operations);
	}

	/**
	 * This change and then {@code more}, in one JSON Patch: Adobe applies all or none.
	 */
	public FlowPatch and(FlowPatch more) {
		List<PatchOperation> both = new ArrayList<>(operations());
		both.addAll(more.operations());
		return new FlowPatch(both);
	}

	/** The audiences the flow does not export yet, added at the end. */
	public static FlowPatch addAudiences(Flow flow, List<ExportSpec.Audience> audiences) {
		return new FlowPatch(additions(flow, AdobeTerms.selectors(audiences)));
	}

	/** The mapping set (at its version) as the flow's profile mapping. */
	public static FlowPatch attachMapping(Flow flow, String mappingSetId, int version) {
		if (flow != null && mappingSetId.equals(flow.mappingId())) {
			return new FlowPatch(List.of());
		}
		return new FlowPatch(
				List.of(PatchOperation.add(PARAMS + "/profileMapping", new ProfileMapping(mappingSetId, version))));
	}

	/** The fields every exported profile must have. */
	public static FlowPatch mandatoryFields(Flow flow, List<String> fields) {
		return new FlowPatch(mandatory(flow, fields));
	}

	/** The deduplication keys, as Adobe's primary fields. */
	public static FlowPatch deduplicationKeys(Flow flow, List<ExportSpec.DeduplicationKey> keys) {
		return new FlowPatch(primary(flow, AdobeTerms.primaryFields(keys)));
	}

	/**
	 * What brings the flow (read from Adobe) to export exactly the export's audiences,
	 * with its mandatory fields and keys, in an order that keeps each index right:
	 * replacements at their current index, removals from the highest index down,
	 * additions at the end. What Adobe wrote into a selector that we do not set is kept.
	 */
	public static FlowPatch toReach(Flow flow, ExportSpec desired) {
		List<SegmentSelector.Value> audiences = AdobeTerms.selectors(desired.audiences());
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
		operations.addAll(additions(flow, audiences));
		operations.addAll(mandatory(flow, desired.mandatoryFields()));
		operations.addAll(primary(flow, AdobeTerms.primaryFields(desired.deduplicationKeys())));
		return new FlowPatch(operations);
	}

	private static List<PatchOperation> additions(Flow flow, List<SegmentSelector.Value> audiences) {
		return audiences.stream()
			.filter((audience) -> flow == null || !flow.audienceIds().contains(audience.id()))
			.map((audience) -> PatchOperation.add(SELECTORS + "/-", SegmentSelector.platformSegment(audience)))
			.toList();
	}

	private static List<PatchOperation> mandatory(Flow flow, List<String> fields) {
		if (flow != null && Set.copyOf(flow.mandatoryFields()).equals(Set.copyOf(fields))) {
			return List.of();
		}
		return List.of(PatchOperation.add(PARAMS + "/mandatoryFields", fields));
	}

	private static List<PatchOperation> primary(Flow flow, List<PrimaryField> keys) {
		if (flow != null && Set.copyOf(flow.primaryFields()).equals(Set.copyOf(keys))) {
			return List.of();
		}
		return List.of(PatchOperation.add(PARAMS + "/primaryFields", keys));
	}

}
