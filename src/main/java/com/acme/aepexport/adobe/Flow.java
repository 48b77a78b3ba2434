package com.acme.aepexport.adobe;

import java.util.List;

/**
 * A dataflow as Adobe holds it ({@code GET /flows/{id}}): its etag and what its
 * {@code GeneralTransform} carries, to tell whether a change is already there.
 */
public record Flow(String id, String etag, List<FlowRequest.Transformation> transformations) {

	public AdobeRef ref() {
		return new AdobeRef(this.id, this.etag);
	}

	/** The params of {@code transformations[0]}, empty when the flow has none yet. */
	public FlowRequest.Params params() {
		FlowRequest.Params params = (this.transformations == null || this.transformations.isEmpty()) ? null
				: this.transformations.getFirst().params();
		return (params != null) ? params : new FlowRequest.Params(null, null, null, null);
	}

	/** The id of the mapping set attached as profile mapping, or {@code null}. */
	public String mappingId() {
		Object id = (params().profileMapping() != null) ? params().profileMapping().get("mappingId") : null;
		return (id != null) ? id.toString() : null;
	}

	public List<String> mandatoryFields() {
		return (params().mandatoryFields() != null) ? params().mandatoryFields() : List.of();
	}

	public List<PrimaryField> primaryFields() {
		return (params().primaryFields() != null) ? params().primaryFields() : List.of();
	}

	/** The audience ids the flow already exports. */
	public List<String> audienceIds() {
		FlowRequest.SegmentSelectors selectors = params().segmentSelectors();
		if (selectors == null || selectors.selectors() == null) {
			return List.of();
		}
		return selectors.selectors()
			.stream()
			.filter((selector) -> selector.value() != null)
			.map((selector) -> selector.value().id())
			.toList();
	}

}
