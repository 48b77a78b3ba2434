package com.acme.aepexport.adobe;

import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One audience on an audience dataflow, added at
 * {@code /transformations/0/params/segmentSelectors/selectors/-}. The schedule lives
 * here, per audience, not in the flow's {@code scheduleParams} (which belongs to dataset
 * flows).
 */
record SegmentSelector(String type, Value value) {

	private static final String INCREMENTAL = "FIRST_FULL_THEN_INCREMENTAL";

	public static SegmentSelector platformSegment(Value value) {
		return new SegmentSelector("PLATFORM_SEGMENT", value);
	}

	/**
	 * @param filenameTemplate spelled as in every request example Adobe publishes (its
	 * schemas say {@code fileNameTemplate})
	 * @param exportMode {@code DAILY_FULL_EXPORT} or {@code FIRST_FULL_THEN_INCREMENTAL}
	 */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	public record Value(String id, String name, String filenameTemplate, String exportMode, Schedule schedule,
			String createTime, String updateTime) {

		public Value(String id, String name, String filenameTemplate, String exportMode, Schedule schedule) {
			this(id, name, filenameTemplate, exportMode, schedule, null, null);
		}

		/**
		 * The same audience with other export settings, keeping what Adobe wrote: an
		 * update replaces the whole selector and must send
		 * {@code createTime}/{@code updateTime} back (adobe-api-notes.md §1.6).
		 */
		public Value updatedTo(Value wanted) {
			return new Value(this.id, wanted.name(), wanted.filenameTemplate(), wanted.exportMode(), wanted.schedule(),
					this.createTime, this.updateTime);
		}

		/**
		 * Whether Adobe exports this audience as {@code wanted} says. An incremental
		 * export's trigger type does not count: we send none (a full export's field), and
		 * Adobe's own GET example shows {@code SCHEDULED} on one; a dataflow built
		 * elsewhere may carry it, and is not changed for it.
		 */
		public boolean sameSettingsAs(Value wanted) {
			return Objects.equals(this.exportMode, wanted.exportMode())
					&& Objects.equals(deciding(this.schedule), deciding(wanted.schedule()))
					&& Objects.equals(this.filenameTemplate, wanted.filenameTemplate())
					&& Objects.equals(this.name, wanted.name());
		}

		private Schedule deciding(Schedule schedule) {
			return (schedule != null && INCREMENTAL.equals(this.exportMode)) ? new Schedule(schedule.frequency(), null,
					schedule.startDate(), schedule.endDate(), schedule.startTime()) : schedule;
		}

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
