package com.acme.aepexport.adobe;

import java.time.LocalDate;
import java.time.LocalTime;

import org.junit.jupiter.api.Test;

import com.acme.aepexport.export.ExportSpec.Audience;
import com.acme.aepexport.export.ExportSpec.ExportMode;
import com.acme.aepexport.export.ExportSpec.Frequency;
import com.acme.aepexport.export.ExportSpec.Schedule;
import com.acme.aepexport.export.ExportSpec.Trigger;

import static org.assertj.core.api.Assertions.assertThat;

class AdobeTermsTest {

	private static final LocalDate START = LocalDate.parse("2026-12-01");

	@Test
	void aScheduledFullExportCarriesTriggerAndStartTime() {
		SegmentSelector.Value selector = AdobeTerms
			.selector(new Audience("a1", "Churn", "%SEGMENT_ID%", new Schedule(ExportMode.DAILY_FULL_EXPORT,
					Frequency.ONCE, Trigger.SCHEDULED, START, null, LocalTime.of(23, 0))));

		assertThat(selector).isEqualTo(new SegmentSelector.Value("a1", "Churn", "%SEGMENT_ID%", "DAILY_FULL_EXPORT",
				new SegmentSelector.Schedule("ONCE", "SCHEDULED", "2026-12-01", null, "23:00")));
	}

	@Test
	void afterSegmentEvaluationIsAdobesAfterSegmentEvalWithoutStartTime() {
		SegmentSelector.Value selector = AdobeTerms
			.selector(new Audience("a1", null, null, new Schedule(ExportMode.DAILY_FULL_EXPORT, Frequency.DAILY,
					Trigger.AFTER_SEGMENT_EVALUATION, START, LocalDate.parse("2027-01-31"), null)));

		assertThat(selector.schedule())
			.isEqualTo(new SegmentSelector.Schedule("DAILY", "AFTER_SEGMENT_EVAL", "2026-12-01", "2027-01-31", null));
	}

	@Test
	void anIncrementalExportHasNoTriggerType() {
		SegmentSelector.Value selector = AdobeTerms
			.selector(new Audience("a1", null, null, new Schedule(ExportMode.FIRST_FULL_THEN_INCREMENTAL,
					Frequency.EVERY_3_HOURS, null, START, null, LocalTime.of(6, 0))));

		assertThat(selector.exportMode()).isEqualTo("FIRST_FULL_THEN_INCREMENTAL");
		assertThat(selector.schedule())
			.isEqualTo(new SegmentSelector.Schedule("EVERY_3_HOURS", null, "2026-12-01", null, "06:00"));
	}

}
