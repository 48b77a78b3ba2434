package com.acme.aepexport.workflow;

import java.util.List;

import org.junit.jupiter.api.Test;

import com.acme.aepexport.adobe.DocumentedSpecs;
import com.acme.aepexport.export.DestinationType;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class DataflowKindsTest {

	private static final String S3 = "4fce964d-3f37-408f-9778-e597338a21ee";

	private static final String S3_AUDIENCES = "1a0514a6-33d4-4c7f-aff8-594799c47549";

	private static final String S3_DATASETS = "269ba276-16fc-47db-92b0-c1049a3c131f";

	private static final List<DestinationCatalog.Entry> CATALOG = List
		.of(new DestinationCatalog.Entry(DestinationType.AMAZON_S3, S3, S3_AUDIENCES), new DestinationCatalog.Entry(
				DestinationType.SFTP, "36965a81-b1c6-401b-99f8-22508f1e6a26", "fd36aaa4-bf2b-43fb-9387-43785eeeb799"));

	@Test
	void profilesToAConfiguredDestinationWithItsAudienceFlowSpecAreAnAudienceExportOfThatType() {
		assertThat(kind(S3_AUDIENCES, DocumentedSpecs.PROFILE_STORE, S3)).isEqualTo(DestinationType.AMAZON_S3);
	}

	@Test
	void aDataLakeSourceOrADatasetFlowSpecIsADatasetExport() {
		NotImportable bySource = refused(S3_AUDIENCES, DocumentedSpecs.DATA_LAKE_SOURCE, S3);
		NotImportable byFlowSpec = refused(S3_DATASETS, DocumentedSpecs.PROFILE_STORE, S3);

		assertThat(bySource.kind()).isEqualTo(DataflowKind.DATASET_EXPORT);
		assertThat(bySource.getMessage()).contains("Experience Platform Data Lake");
		assertThat(byFlowSpec.kind()).isEqualTo(DataflowKind.DATASET_EXPORT);
		assertThat(byFlowSpec.getMessage()).contains(S3_DATASETS, "Amazon S3 - Dataset");
	}

	@Test
	void anotherSourceThanTheProfileStoreIsASourceDataflow() {
		NotImportable refused = refused("9753525b-82c7-4dce-8a9b-5ccfce2b9876", "kinesis",
				DocumentedSpecs.DATA_LAKE_TARGET);

		assertThat(refused.kind()).isEqualTo(DataflowKind.SOURCE_DATAFLOW);
		assertThat(refused.getMessage()).contains("kinesis (Spec kinesis)", "Data Lake");
	}

	@Test
	void aLegacyCloudStorageDestinationIsNamedAsSuch() {
		NotImportable refused = refused("71471eba-b620-49e4-90fd-23f1fa0174d8", DocumentedSpecs.PROFILE_STORE,
				"4890fc95-5a1f-4983-94bb-e060c08e3f81");

		assertThat(refused.kind()).isEqualTo(DataflowKind.LEGACY_FILE_EXPORT);
		assertThat(refused.getMessage()).contains("Amazon S3 (legacy)", "AMAZON_S3 " + S3);
	}

	@Test
	void aDestinationTheCatalogDoesNotNameIsAnotherDestinationNamedByItsSpec() {
		NotImportable refused = refused("f1", DocumentedSpecs.PROFILE_STORE, "kinesis-destination");

		assertThat(refused.kind()).isEqualTo(DataflowKind.OTHER_DESTINATION);
		assertThat(refused.getMessage()).contains("kinesis-destination (Spec kinesis-destination)")
			.contains("exports.destinations: AMAZON_S3 " + S3 + ", SFTP");
	}

	@Test
	void anotherFlowSpecToAConfiguredDestinationPointsAtTheConfiguration() {
		NotImportable refused = refused("unheard-of", DocumentedSpecs.PROFILE_STORE, S3);

		assertThat(refused.kind()).isEqualTo(DataflowKind.UNKNOWN);
		assertThat(refused.getMessage()).contains("exports.destinations.AMAZON_S3.flow-spec-id", S3_AUDIENCES);
	}

	@Test
	void connectionsWithoutASpecCannotBeTold() {
		assertThat(refused(S3_AUDIENCES, null, S3).kind()).isEqualTo(DataflowKind.UNKNOWN);
		assertThat(refused(S3_AUDIENCES, DocumentedSpecs.PROFILE_STORE, null).kind()).isEqualTo(DataflowKind.UNKNOWN);
	}

	private static DestinationType kind(String flowSpec, String source, String target) {
		return DataflowKinds.audienceExport("flow-1", flowSpec, source, target, CATALOG, (id) -> "Spec " + id);
	}

	private static NotImportable refused(String flowSpec, String source, String target) {
		NotImportable refused = catchThrowableOfType(NotImportable.class, () -> kind(flowSpec, source, target));
		assertThat(refused).isNotNull();
		assertThat(refused.getMessage()).contains("flow-1");
		assertThat(refused.fields()).isEmpty();
		return refused;
	}

}
