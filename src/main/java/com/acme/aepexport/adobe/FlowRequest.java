package com.acme.aepexport.adobe;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * {@code POST /flows} for an audience dataflow.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record FlowRequest(String name, String description, SpecRef flowSpec, List<String> sourceConnectionIds,
		List<String> targetConnectionIds, List<Transformation> transformations) {

	public record Transformation(String name, Params params) {

		/**
		 * The API reference's audience-flow template: one {@code GeneralTransform} whose
		 * params are empty, so that the later PATCHes of
		 * {@code /transformations/0/params/...} have somewhere to land. (The tutorial
		 * sends {@code []}; see docs/adobe-deviations.md.)
		 */
		public static Transformation emptyGeneralTransform() {
			return new Transformation("GeneralTransform",
					new Params(new SegmentSelectors(List.of()), Map.of(), List.of(), List.of()));
		}

	}

	public record Params(SegmentSelectors segmentSelectors, Map<String, Object> profileMapping,
			List<String> mandatoryFields, List<PrimaryField> primaryFields) {

	}

	public record SegmentSelectors(List<SegmentSelector> selectors) {

	}

}
