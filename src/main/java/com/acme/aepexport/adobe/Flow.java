package com.acme.aepexport.adobe;

import java.util.List;
import java.util.Objects;

/**
 * A dataflow as Adobe holds it ({@code GET /flows/{id}}): its etag, whether it is
 * enabled, and what its {@code GeneralTransform} carries, to tell whether a change is
 * already there.
 */
public final class Flow {

	private final String id;

	private final String etag;

	private final FlowRequest.Params params;

	/** Adobe's word: {@code enabled}, {@code disabled}, or one on the way to them. */
	private final String state;

	Flow(String id, String etag, String state, List<FlowRequest.Transformation> transformations) {
		this.id = id;
		this.etag = etag;
		this.state = state;
		FlowRequest.Transformation first = (transformations == null || transformations.isEmpty()) ? null
				: transformations.getFirst();
		FlowRequest.Params params = (first != null) ? first.params() : null;
		// Empty when the flow has no transformation yet.
		this.params = (params != null) ? params : new FlowRequest.Params(null, null, null, null);
	}

	public String id() {
		return this.id;
	}

	public String etag() {
		return this.etag;
	}

	public AdobeRef ref() {
		return new AdobeRef(this.id, this.etag);
	}

	/**
	 * Whether Adobe says the flow is {@code enabled}. A flow in neither state (Adobe also
	 * names {@code enabling}, {@code disabling}, …, or the field is absent) is neither
	 * enabled nor {@linkplain #isDisabled() disabled}.
	 */
	public boolean isEnabled() {
		return "enabled".equalsIgnoreCase(this.state);
	}

	/** Whether Adobe says the flow is {@code disabled}. */
	public boolean isDisabled() {
		return "disabled".equalsIgnoreCase(this.state);
	}

	/** The id of the mapping set attached as profile mapping, or {@code null}. */
	public String mappingId() {
		Object id = (this.params.profileMapping() != null) ? this.params.profileMapping().get("mappingId") : null;
		return (id != null) ? id.toString() : null;
	}

	public List<String> mandatoryFields() {
		return (this.params.mandatoryFields() != null)
				? this.params.mandatoryFields().stream().filter(Objects::nonNull).toList() : List.of();
	}

	List<PrimaryField> primaryFields() {
		return (this.params.primaryFields() != null)
				? this.params.primaryFields().stream().filter(Objects::nonNull).toList() : List.of();
	}

	/**
	 * The audience selectors as Adobe holds them, by index (a {@code null} where Adobe
	 * holds something that is no selector: its index still counts in a JSON Patch).
	 */
	List<SegmentSelector> selectors() {
		FlowRequest.SegmentSelectors selectors = this.params.segmentSelectors();
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
