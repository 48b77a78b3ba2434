package com.acme.aepexport.adobe;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import com.acme.aepexport.export.ExportSpec;

/**
 * A dataflow as Adobe holds it ({@code GET /flows/{id}}): its etag, whether it is
 * enabled, and what its {@code GeneralTransform} carries, to tell whether a change is
 * already there; and, for an export that adopts a dataflow built elsewhere, what it is
 * made of (its flow spec and connections) and what it exports, in an export's terms.
 */
public final class Flow implements AdobeEntity {

	/** Where the changes of an audience dataflow live, as Adobe's fields are named. */
	private static final String PARAMS = "transformations[0].params";

	private final AdobeRef ref;

	private final FlowRequest.Params params;

	/** Adobe's word: {@code enabled}, {@code disabled}, or one on the way to them. */
	private final String state;

	private final String name;

	private final String flowSpecId;

	private final List<String> sourceConnectionIds;

	private final List<String> targetConnectionIds;

	Flow(AdobeRef ref, String state, List<FlowRequest.Transformation> transformations, String name, String flowSpecId,
			List<String> sourceConnectionIds, List<String> targetConnectionIds) {
		this.ref = ref;
		this.state = state;
		this.name = name;
		this.flowSpecId = flowSpecId;
		this.sourceConnectionIds = List.copyOf(sourceConnectionIds);
		this.targetConnectionIds = List.copyOf(targetConnectionIds);
		FlowRequest.Transformation first = (transformations == null || transformations.isEmpty()) ? null
				: transformations.getFirst();
		FlowRequest.Params params = (first != null) ? first.params() : null;
		// Empty when the flow has no transformation yet.
		this.params = (params != null) ? params : new FlowRequest.Params(null, null, null, null);
	}

	@Override
	public AdobeRef ref() {
		return this.ref;
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

	/** Its name in Adobe, or {@code null}. */
	public String name() {
		return this.name;
	}

	/** The flow spec it was made with, or {@code null} when Adobe names none. */
	public String flowSpecId() {
		return this.flowSpecId;
	}

	/** Where it reads from: the Profile Store's connection, for an audience dataflow. */
	public List<String> sourceConnectionIds() {
		return this.sourceConnectionIds;
	}

	/** Where it writes to. */
	public List<String> targetConnectionIds() {
		return this.targetConnectionIds;
	}

	/** The id of the mapping set attached as profile mapping, or {@code null}. */
	public String mappingId() {
		Object id = (this.params.profileMapping() != null) ? this.params.profileMapping().get("mappingId") : null;
		return (id != null && !id.toString().isBlank()) ? id.toString() : null;
	}

	/**
	 * The version of the mapping set attached, or {@code null} when Adobe gives none (or
	 * no whole number).
	 */
	public Integer mappingVersion() {
		Object version = (this.params.profileMapping() != null) ? this.params.profileMapping().get("mappingVersion")
				: null;
		if (version instanceof Number number && number.longValue() >= 0 && number.longValue() <= Integer.MAX_VALUE
				&& number.doubleValue() == number.longValue()) {
			return number.intValue();
		}
		if (version instanceof String text && text.matches("\\d{1,9}")) {
			return Integer.valueOf(text);
		}
		return null;
	}

	/**
	 * The audiences it exports, in an export's terms, in Adobe's order; a selector an
	 * export cannot hold (an unknown frequency, a missing start date) is left out and
	 * added to {@code unsupported}.
	 */
	public List<ExportSpec.Audience> audiences(List<UnsupportedValue> unsupported) {
		List<ExportSpec.Audience> audiences = new ArrayList<>();
		List<SegmentSelector> selectors = selectors();
		for (int i = 0; i < selectors.size(); i++) {
			ExportSpec.Audience audience = AdobeTerms.audience(selectors.get(i),
					PARAMS + ".segmentSelectors.selectors[" + i + "]", unsupported);
			if (audience != null) {
				audiences.add(audience);
			}
		}
		return audiences;
	}

	/**
	 * Its primary fields as an export's deduplication keys; one that is neither an
	 * identity nor an attribute is added to {@code unsupported}.
	 */
	public List<ExportSpec.DeduplicationKey> deduplicationKeys(List<UnsupportedValue> unsupported) {
		List<ExportSpec.DeduplicationKey> keys = new ArrayList<>();
		List<PrimaryField> fields = (this.params.primaryFields() != null) ? this.params.primaryFields() : List.of();
		for (int i = 0; i < fields.size(); i++) {
			ExportSpec.DeduplicationKey key = AdobeTerms.key(fields.get(i), PARAMS + ".primaryFields[" + i + "]",
					unsupported);
			if (key != null) {
				keys.add(key);
			}
		}
		return keys;
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
