package com.acme.aepexport.adobe;

import java.util.List;
import java.util.Objects;

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
		FlowRequest.Transformation first = (this.transformations == null || this.transformations.isEmpty()) ? null
				: this.transformations.getFirst();
		FlowRequest.Params params = (first != null) ? first.params() : null;
		return (params != null) ? params : new FlowRequest.Params(null, null, null, null);
	}

	/** The id of the mapping set attached as profile mapping, or {@code null}. */
	public String mappingId() {
		Object id = (params().profileMapping() != null) ? params().profileMapping().get("mappingId") : null;
		return (id != null) ? id.toString() : null;
	}

	public List<String> mandatoryFields() {
		return (params().mandatoryFields() != null)
				? params().mandatoryFields().stream().filter(Objects::nonNull).toList() : List.of();
	}

	public List<PrimaryField> primaryFields() {
		return (params().primaryFields() != null) ? params().primaryFields().stream().filter(Objects::nonNull).toList()
				: List.of();
	}

	/**
	 * The audience selectors as Adobe holds them, by index (a {@code null} where Adobe
	 * holds something that is no selector: its index still counts in a JSON Patch).
	 */
	public List<SegmentSelector> selectors() {
		FlowRequest.SegmentSelectors selectors = params().segmentSelectors();
		return (selectors != null && selectors.selectors() != null) ? selectors.selectors() : List.of();
	}

	/** The audience ids the flow already exports. */
	public List<String> audienceIds() {
		return selectors().stream()
			.filter((selector) -> selector != null && selector.value() != null && selector.value().id() != null)
			.map((selector) -> selector.value().id())
			.toList();
	}

}
