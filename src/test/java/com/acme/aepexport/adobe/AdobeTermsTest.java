package com.acme.aepexport.adobe;

import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import com.acme.aepexport.export.Destination;
import com.acme.aepexport.export.DestinationType;
import com.acme.aepexport.export.ExportSpec;
import com.acme.aepexport.export.ExportSpec.Audience;
import com.acme.aepexport.export.ExportSpec.Compression;
import com.acme.aepexport.export.ExportSpec.FileFormat;
import com.acme.aepexport.export.ExportSpec.FileSettings;
import com.acme.aepexport.export.ExportSpec.ExportMode;
import com.acme.aepexport.export.ExportSpec.Frequency;
import com.acme.aepexport.export.ExportSpec.Schedule;
import com.acme.aepexport.export.ExportSpec.Trigger;

import static org.assertj.core.api.Assertions.assertThat;

class AdobeTermsTest {

	private static final JsonMapper JSON = JsonMapper.builder().build();

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

	@Test
	void aSelectorReadBackIsTheAudienceItWasWrittenFrom() {
		Audience full = new Audience("a1", "Churn", "%SEGMENT_ID%", new Schedule(ExportMode.DAILY_FULL_EXPORT,
				Frequency.DAILY, Trigger.SCHEDULED, START, LocalDate.parse("2027-01-31"), LocalTime.of(23, 0)));
		Audience afterEvaluation = new Audience("a2", null, null, new Schedule(ExportMode.DAILY_FULL_EXPORT,
				Frequency.ONCE, Trigger.AFTER_SEGMENT_EVALUATION, START, null, null));
		List<UnsupportedValue> unsupported = new ArrayList<>();

		for (Audience audience : List.of(full, afterEvaluation)) {
			assertThat(AdobeTerms.audience(SegmentSelector.platformSegment(AdobeTerms.selector(audience)), "s",
					unsupported))
				.isEqualTo(audience);
		}
		assertThat(unsupported).isEmpty();
	}

	@Test
	void anIncrementalSelectorsTriggerTypeIsNotKeptAndDoesNotMakeItDiffer() {
		SegmentSelector.Value held = new SegmentSelector.Value("a1", "Loyal", null, "FIRST_FULL_THEN_INCREMENTAL",
				new SegmentSelector.Schedule("EVERY_6_HOURS", "SCHEDULED", "2026-12-01", null, "06:00"), "1668548786",
				"1668614587");
		List<UnsupportedValue> unsupported = new ArrayList<>();

		Audience audience = AdobeTerms.audience(SegmentSelector.platformSegment(held), "s", unsupported);

		assertThat(audience.schedule().trigger()).isNull();
		assertThat(held.sameSettingsAs(AdobeTerms.selector(audience))).as("Adobe's SCHEDULED, our none").isTrue();
		assertThat(held.sameSettingsAs(new SegmentSelector.Value("a1", "Loyal", null, "FIRST_FULL_THEN_INCREMENTAL",
				new SegmentSelector.Schedule("EVERY_3_HOURS", null, "2026-12-01", null, "06:00"))))
			.as("another frequency")
			.isFalse();
		assertThat(unsupported).isEmpty();
	}

	@Test
	void whatAnExportCannotHoldIsReportedNamingEachValue() {
		List<UnsupportedValue> unsupported = new ArrayList<>();
		SegmentSelector chained = SegmentSelector.platformSegment(new SegmentSelector.Value("a1", null, null,
				"DAILY_FULL_EXPORT", new SegmentSelector.Schedule("CHAINED", "SOMETIMES", null, null, "23:00")));
		SegmentSelector nameless = SegmentSelector
			.platformSegment(new SegmentSelector.Value(null, "x", null, null, null));

		assertThat(AdobeTerms.audience(chained, "selectors[0]", unsupported)).isNull();
		assertThat(AdobeTerms.audience(nameless, "selectors[1]", unsupported)).isNull();
		assertThat(AdobeTerms.audience(null, "selectors[2]", unsupported)).isNull();

		assertThat(unsupported).extracting(UnsupportedValue::field)
			.containsExactly("selectors[0].value.schedule.frequency", "selectors[0].value.schedule.startDate",
					"selectors[0].value.schedule.triggerType", "selectors[1].value.id", "selectors[2].value.id");
		assertThat(unsupported.getFirst().reason()).contains("CHAINED");
	}

	@Test
	void aTargetConnectionsParamsAreReadBackAsTheDestinationAndFileTheyWereWrittenFrom() {
		Destination sftp = new Destination.Sftp("/exports/churn", null);
		Destination blob = new Destination.AzureBlob("acme", "exports", null);
		FileSettings csv = new FileSettings(FileFormat.CSV, Compression.GZIP,
				new ExportSpec.CsvOptions(";", "", "\\", "null", ""), "cGdw");
		JsonNode sftpParams = JSON.valueToTree(AdobeTerms.params(sftp, csv));
		JsonNode blobParams = JSON.valueToTree(AdobeTerms.params(blob, csv));

		assertThat(AdobeTerms.destination(DestinationType.SFTP, sftpParams)).isEqualTo(sftp);
		assertThat(AdobeTerms.destination(DestinationType.AZURE_BLOB, blobParams)).isEqualTo(blob);
		assertThat(AdobeTerms.file(sftpParams, "cGdw")).isEqualTo(csv);
		assertThat(AdobeTerms.file(JSON.readTree("{\"fileType\": \"AVRO\"}"), null))
			.as("what an export does not know is left out, not guessed")
			.isEqualTo(new FileSettings(null, null, null, null));
		assertThat(AdobeTerms.destination(DestinationType.AMAZON_S3, JSON.readTree("{}")))
			.isEqualTo(new Destination.AmazonS3(null, null, null));
		FileSettings withManifest = new FileSettings(FileFormat.CSV, Compression.GZIP,
				new ExportSpec.CsvOptions(";", "", "\\", "null", ""), "cGdw", true);
		assertThat(AdobeTerms.file(JSON.valueToTree(AdobeTerms.params(sftp, withManifest)), "cGdw"))
			.as("a dataflow that writes manifests is read as one")
			.isEqualTo(withManifest);
		assertThat(AdobeTerms.file(JSON.readTree("{\"includeFileManifest\": \"true\"}"), null).manifest()).isTrue();
	}

	@Test
	void anIdentitysEscapedDotsAreReadAsACallerWritesThem() {
		assertThat(AdobeTerms.mapping("identityMap.Phone_E//.164", "Phone"))
			.isEqualTo(new ExportSpec.FieldMapping("identityMap.Phone_E.164", "Phone"));
		assertThat(AdobeTerms.mapping("person.name.firstName", "firstName"))
			.isEqualTo(new ExportSpec.FieldMapping("person.name.firstName", "firstName"));
	}

}
