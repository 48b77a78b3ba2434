package com.acme.aepexport.adobe;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One audience on an audience dataflow, added at
 * {@code /transformations/0/params/segmentSelectors/selectors/-}. The schedule lives
 * here, per audience, not in the flow's {@code scheduleParams} (which belongs to dataset
 * flows).
 */
public record SegmentSelector(String type, Value value) {

	public static SegmentSelector platformSegment(Value value) {
		return new SegmentSelector("PLATFORM_SEGMENT", value);
	}

	/**
	 * @param filenameTemplate spelled as in every request example Adobe publishes (its
	 * schemas say {@code fileNameTemplate})
	 * @param exportMode {@code DAILY_FULL_EXPORT} or {@code FIRST_FULL_THEN_INCREMENTAL}
	 */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	public record Value(String id, String name, String filenameTemplate, String exportMode, Schedule schedule) {

	}

	/**
	 * @param triggerType {@code SCHEDULED} or {@code AFTER_SEGMENT_EVAL}; full exports
	 * only
	 * @param startDate {@code YYYY-MM-DD}
	 * @param startTime {@code HH:00} UTC, only with {@code SCHEDULED}
	 */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	public record Schedule(String frequency, String triggerType, String startDate, String endDate, String startTime) {

	}

}
