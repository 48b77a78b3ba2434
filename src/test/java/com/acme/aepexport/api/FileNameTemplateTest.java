package com.acme.aepexport.api;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class FileNameTemplateTest {

	@Test
	void adobesCloudStorageMacrosAndCustomTextPass() {
		assertThat(FileNameTemplate.problems("%DESTINATION%_%SEGMENT_ID%_%SEGMENT_NAME%_%DESTINATION_INSTANCE_ID%_"
				+ "%DESTINATION_INSTANCE_NAME%_%ORGANIZATION_NAME%_%SANDBOX_NAME%_%DATETIME(YYYYMMdd_HHmmss)%"))
			.isEmpty();
		assertThat(FileNameTemplate.problems("churn_%SEGMENT_ID%_%TIMESTAMP%_%this is custom text%")).isEmpty();
		assertThat(FileNameTemplate.problems("weekly-export")).isEmpty();
	}

	@Test
	void theLegacyDestinationNameAndUnknownMacrosAreRefusedEachNamed() {
		assertThat(FileNameTemplate.problems("%DESTINATION_NAME%_%SEGMENT_ID%")).singleElement()
			.asString()
			.contains("%DESTINATION_NAME%")
			.contains("use %DESTINATION%");
		assertThat(FileNameTemplate.problems("%SEGMENT_ID%_%AUDIENCE_ID%_%DATE%")).hasSize(2)
			.allSatisfy((problem) -> assertThat(problem).contains("not one of Adobe's file-name macros"));
	}

	@Test
	void bothTimesOrAnUnpairedPercentAreRefused() {
		assertThat(FileNameTemplate.problems("%SEGMENT_ID%_%TIMESTAMP%_%DATETIME(YYYYMMdd)%")).singleElement()
			.asString()
			.contains("one of them");
		assertThat(FileNameTemplate.problems("50%_%SEGMENT_ID%")).singleElement().asString().contains("pair");
	}

	@Test
	void aTemplateGivesTheNameTheExportKnowsAndPlaceholdersForWhatOnlyARunKnows() {
		FileNameTemplate.Known known = new FileNameTemplate.Known("979558ae", "Churn risk", "prod", "{dataflow.id}",
				"churn_dataflow_{export.id}");

		assertThat(FileNameTemplate.apply(FileNameTemplate.ADOBE_DEFAULT, known))
			.isEqualTo("{destination}_979558ae_{datetime:YYYYMMdd_HHmmss}");
		assertThat(FileNameTemplate.apply(
				"%SEGMENT_NAME%-%SANDBOX_NAME%-%DESTINATION_INSTANCE_ID%-"
						+ "%DESTINATION_INSTANCE_NAME%-%ORGANIZATION_NAME%-%TIMESTAMP%-%this is custom text%-50",
				known))
			.isEqualTo("Churn risk-prod-{dataflow.id}-churn_dataflow_{export.id}-{organizationName}-{timestamp}-"
					+ "this is custom text-50");
		assertThat(FileNameTemplate.apply("%SEGMENT_NAME%_$1",
				new FileNameTemplate.Known("979558ae", null, "prod", "{dataflow.id}", "churn")))
			.as("an audience without a name, and text a replacement would read as a group")
			.isEqualTo("{segmentName}_$1");
	}

}
