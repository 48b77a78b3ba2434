package com.acme.aepexport.lifecycle;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.RestTestClient;

import com.acme.aepexport.client.ApiClient;
import com.acme.aepexport.client.ApiException;
import com.acme.aepexport.client.ApiResponse;
import com.acme.aepexport.client.api.ExportsApi;
import com.acme.aepexport.client.model.Activation;
import com.acme.aepexport.client.model.ActivationRequest;
import com.acme.aepexport.client.model.ActivationStatus;
import com.acme.aepexport.client.model.AdobeCall;
import com.acme.aepexport.client.model.Audience;
import com.acme.aepexport.client.model.DataflowKind;
import com.acme.aepexport.client.model.DataflowState;
import com.acme.aepexport.client.model.DestinationType;
import com.acme.aepexport.client.model.Export;
import com.acme.aepexport.client.model.ExportMode;
import com.acme.aepexport.client.model.ExportPatch;
import com.acme.aepexport.client.model.ExportStatus;
import com.acme.aepexport.client.model.ExportedAudience;
import com.acme.aepexport.client.model.Frequency;
import com.acme.aepexport.client.model.HistoryKind;
import com.acme.aepexport.client.model.HistoryOutcome;
import com.acme.aepexport.client.model.ImportRequest;
import com.acme.aepexport.client.model.Problem;
import com.acme.aepexport.client.model.Run;
import com.acme.aepexport.client.model.Schedule;
import com.acme.aepexport.client.model.Step;
import com.acme.aepexport.client.model.StepName;
import com.acme.aepexport.client.model.StepStatus;
import com.acme.aepexport.client.model.Trigger;
import com.acme.aepexport.support.AdobeJournal;
import com.acme.aepexport.support.AdobeJournal.Call;
import com.acme.aepexport.support.AdobeUi;
import com.acme.aepexport.support.IntegrationTest;
import com.acme.aepexport.support.adobe.AdobeOpenApiValidator;

import static com.acme.aepexport.support.AdobeJournal.CONVERSION;
import static com.acme.aepexport.support.AdobeJournal.FLOW_SERVICE;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * "Adopt a dataflow built elsewhere": a dataflow made in Adobe's UI (through Adobe's API,
 * never through the service) is imported through the client other teams generate from our
 * contract, stored as Adobe holds it, and then read, changed, paused and torn down as any
 * export; dataflows of other kinds, unknown ones and ones an export has already are
 * refused before anything is stored.
 */
class ImportIT extends IntegrationTest {

	private static final String PROBLEMS = "https://aep-export-facade.acme.com/problems/";

	private static final String ADHOC = "/data/core/activation/disflowprovider/adhocrun";

	private static final String CHURN = "979558ae-a8ba-4e6e-b6ba-95c0a523b44a";

	private static final String LAPSED = "5b0a6f2e-3c1d-4b7e-9f21-0d8c7a6e4b3f";

	private static final String LOYAL = "0c4f2d1e-8a7b-4c6d-9e5f-1a2b3c4d5e6f";

	private AdobeUi ui;

	private ApiClient client;

	private ExportsApi exports;

	@BeforeEach
	void generatedClient() {
		this.ui = new AdobeUi(this.adobe);
		this.client = clientAs(CALLER, "exports:read", "exports:write");
		this.exports = new ExportsApi(this.client);
	}

	@Test
	void aDataflowBuiltInAdobesUiIsImportedAndThenReadChangedPausedAndTornDownAsAnyExport() throws ApiException {
		String sandbox = newSandbox();
		AdobeUi.Built built = this.ui.s3AudienceExport(sandbox, "weekly-ui",
				List.of(AdobeUi.fullExport(CHURN, "Churn risk", "DAILY", "08:00"),
						AdobeUi.incrementalExport(LOYAL, "Loyal buyers")));
		// Adobe answers its GET of the account with the credentials in the clear here:
		// the
		// import must keep none of them.
		this.adobe.stubFor(get(urlPathEqualTo(FLOW_SERVICE + "/connections/" + built.baseConnectionId())).atPriority(1)
			.willReturn(aResponse().withStatus(200)
				.withHeader("Content-Type", "application/json")
				.withBody(accountInTheClear(built.baseConnectionId()))));

		ApiResponse<Export> imported = this.exports
			.importExportWithHttpInfo(new ImportRequest().sandbox(sandbox).flowId(built.flowId()));

		assertThat(imported.getStatusCode()).isEqualTo(201);
		Export export = imported.getData();
		UUID id = export.getId();
		assertThat(imported.getHeaders().get("Location")).containsExactly("/exports/" + id);
		assertThat(export.getImported()).isTrue();
		assertThat(export.getStatus()).isEqualTo(ExportStatus.SUCCEEDED);
		assertThat(export.getName()).as("the dataflow's own").isEqualTo("weekly-ui");
		assertThat(export.getSandbox()).isEqualTo(sandbox);
		assertThat(export.getDestinationType()).isEqualTo(DestinationType.AMAZON_S3);
		assertThat(export.getFlowId()).isEqualTo(built.flowId());
		assertThat(export.getDataflow().getState()).isEqualTo(DataflowState.ENABLED);
		assertThat(steps(export)).containsExactly(
				step(StepName.CONNECTION_SPEC, StepStatus.SUCCEEDED, AdobeUi.S3, null, null),
				step(StepName.SOURCE_CONNECTION, StepStatus.SUCCEEDED, built.sourceConnectionId(),
						etagInAdobe("sourceConnections", built.sourceConnectionId()), null),
				step(StepName.BASE_CONNECTION, StepStatus.SUCCEEDED, built.baseConnectionId(),
						etagInAdobe("connections", built.baseConnectionId()), null),
				step(StepName.TARGET_CONNECTION, StepStatus.SUCCEEDED, built.targetConnectionId(),
						etagInAdobe("targetConnections", built.targetConnectionId()), null),
				step(StepName.DATAFLOW, StepStatus.SUCCEEDED, built.flowId(), built.flowEtag(), null),
				step(StepName.AUDIENCES, StepStatus.SUCCEEDED, built.flowId(), built.flowEtag(), null),
				step(StepName.PROFILE_SCHEMA, StepStatus.SKIPPED, null, null, null),
				step(StepName.INPUT_SCHEMA, StepStatus.SUCCEEDED, built.inputSchemaId(), null, 0),
				step(StepName.OUTPUT_SCHEMA, StepStatus.SUCCEEDED, built.outputSchemaId(), null, 0),
				step(StepName.MAPPING_SET, StepStatus.SUCCEEDED, built.mappingSetId(), null, 0),
				step(StepName.ATTACH_MAPPING, StepStatus.SUCCEEDED, built.flowId(), built.flowEtag(), null),
				step(StepName.MANDATORY_FIELDS, StepStatus.SUCCEEDED, built.flowId(), built.flowEtag(), null),
				step(StepName.DEDUPLICATION_KEYS, StepStatus.SUCCEEDED, built.flowId(), built.flowEtag(), null));
		assertThat(this.exports.listHistory(id, null, null).getItems()).as("the import, the history's first entry")
			.singleElement()
			.satisfies((entry) -> {
				assertThat(entry.getKind()).isEqualTo(HistoryKind.IMPORTED);
				assertThat(entry.getRequestedBy()).isEqualTo(CALLER);
				assertThat(entry.getOutcome()).isEqualTo(HistoryOutcome.APPLIED);
				assertThat(entry.getAdobeCalls()).extracting(AdobeCall::getEntityId)
					.contains(built.flowId(), built.baseConnectionId(), built.mappingSetId());
			});
		assertThat(export.getSteps()).as("never attempted by us").allSatisfy((step) -> {
			assertThat(step.getAttempts()).isZero();
			assertThat(step.getError()).isNull();
		});
		assertThat(export.getAudiences()).hasSize(2);
		ExportedAudience churn = export.getAudiences().get(0);
		assertThat(churn.getId()).isEqualTo(CHURN);
		assertThat(churn.getName()).isEqualTo("Churn risk");
		assertThat(churn.getFilenameTemplate()).isEqualTo("%DESTINATION%_%SEGMENT_ID%_%DATETIME(YYYYMMdd_HHmmss)%");
		assertThat(churn.getSchedule().getExportMode()).isEqualTo(ExportMode.DAILY_FULL_EXPORT);
		assertThat(churn.getSchedule().getFrequency()).isEqualTo(Frequency.DAILY);
		assertThat(churn.getSchedule().getTrigger()).hasToString("SCHEDULED");
		assertThat(churn.getSchedule().getStartDate()).isEqualTo(LocalDate.parse("2026-01-01"));
		assertThat(churn.getSchedule().getStartTime()).isEqualTo("08:00");
		ExportedAudience loyal = export.getAudiences().get(1);
		assertThat(loyal.getId()).isEqualTo(LOYAL);
		assertThat(loyal.getSchedule().getExportMode()).isEqualTo(ExportMode.FIRST_FULL_THEN_INCREMENTAL);
		assertThat(loyal.getSchedule().getFrequency()).isEqualTo(Frequency.EVERY_6_HOURS);
		assertThat(loyal.getSchedule().getTrigger()).as("a full export's only").isNull();
		assertThat(loyal.getSchedule().getEndDate()).isEqualTo(LocalDate.parse("2027-06-30"));
		assertThat(export.getMandatoryFields()).containsExactly("Phone");
		assertThat(export.getDeduplicationKeys()).singleElement()
			.satisfies((key) -> assertThat(key.getIdentityNamespace()).isEqualTo("Phone_E.164"));

		assertThat(this.jdbc.queryForMap("select imported, status from export where id = ?::uuid", id.toString()))
			.containsEntry("imported", true)
			.containsEntry("status", "SUCCEEDED");
		assertThat(this.jdbc.queryForObject("select count(*) from export_credential where export_id = ?::uuid",
				Integer.class, id.toString()))
			.as("no credentials are needed or stored")
			.isZero();
		assertThat(this.jdbc.queryForObject("select count(*) from scheduled_tasks where task_instance = ?",
				Integer.class, id.toString()))
			.as("no worker runs an imported export")
			.isZero();
		assertThat(this.jdbc.queryForObject("select spec::text from export where id = ?::uuid", String.class,
				id.toString()))
			.contains("acme-audiences", "exports/weekly-ui", "identityMap.Phone_E.164")
			.doesNotContain(AdobeUi.S3_SECRET, "AKIAIOSFODNN7EXAMPLE");
		assertThat(this.jdbc.queryForObject(
				"select count(*) from export_step where export_id = ?::uuid " + "and (entity_id like ? or etag like ?)",
				Integer.class, id.toString(), "%" + AdobeUi.S3_SECRET + "%", "%" + AdobeUi.S3_SECRET + "%"))
			.isZero();
		assertThat(imported.getData().toString()).doesNotContain(AdobeUi.S3_SECRET);
		assertThat(reads(sandbox)).as("what the import asked of Adobe: reads only, never a write")
			.containsExactly("GET " + FLOW_SERVICE + "/flows/" + built.flowId(),
					"GET " + FLOW_SERVICE + "/targetConnections/" + built.targetConnectionId(),
					"GET " + FLOW_SERVICE + "/sourceConnections/" + built.sourceConnectionId(),
					"GET " + FLOW_SERVICE + "/connections/" + built.baseConnectionId(),
					"GET " + CONVERSION + "/mappingSets/" + built.mappingSetId());

		// Its runs, as for any export.
		List<Run> runs = this.exports.listRuns(id, null, null, null, null, null).getItems();
		assertThat(runs).extracting(Run::getId)
			.isNotEmpty()
			.containsExactlyInAnyOrderElementsOf(runIdsOf(built.flowId()));

		// Export now: one ad hoc job of the dataflow's audiences.
		Activation activation = this.exports.activateExport(id, new ActivationRequest());
		assertThat(activation.getStatus()).isEqualTo(ActivationStatus.STARTED);
		assertThat(activation.getAudienceIds()).containsExactly(CHURN, LOYAL);
		assertThat(onlyByTheService(sandbox, "POST", ADHOC).body()).isEqualTo(JSON
			.readTree("{\"activationInfo\": {\"%s\": [\"%s\", \"%s\"]}}".formatted(built.flowId(), CHURN, LOYAL)));

		// A change: one audience out, one kept as Adobe holds it, one added.
		ApiResponse<Export> changed = this.exports.changeExportWithHttpInfo(id,
				new ExportPatch().audiences(List.of(
						new Audience().id(LOYAL).name("Loyal buyers").filenameTemplate("%SEGMENT_NAME%_%TIMESTAMP%"),
						new Audience().id(LAPSED)
							.name("Lapsed buyers")
							.schedule(new Schedule().exportMode(ExportMode.DAILY_FULL_EXPORT)
								.frequency(Frequency.DAILY)
								.trigger(Trigger.SCHEDULED)
								.startDate(LocalDate.parse("2026-12-01"))
								.startTime("23:00")))),
				null);

		assertThat(changed.getStatusCode()).isEqualTo(200);
		assertThat(changed.getData().getChanged()).isTrue();
		assertThat(changed.getData().getAudiences()).extracting(ExportedAudience::getId).containsExactly(LOYAL, LAPSED);
		Call patch = onlyByTheService(sandbox, "PATCH", FLOW_SERVICE + "/flows/" + built.flowId());
		assertThat(patch.header("If-Match")).as("the flow's etag, as Adobe's UI left it").isEqualTo(built.flowEtag());
		assertThat(patch.body()).as("the audience removed, the one added; the one kept untouched")
			.isEqualTo(JSON.readTree(
					"""
							[{"op": "remove", "path": "/transformations/0/params/segmentSelectors/selectors/0",
							  "value": {"type": "PLATFORM_SEGMENT", "value": {}}},
							 {"op": "add", "path": "/transformations/0/params/segmentSelectors/selectors/-",
							  "value": {"type": "PLATFORM_SEGMENT", "value": {"id": "%s", "name": "Lapsed buyers",
							    "exportMode": "DAILY_FULL_EXPORT", "schedule": {"frequency": "DAILY", "triggerType": "SCHEDULED",
							    "startDate": "2026-12-01", "startTime": "23:00"}}}}]"""
						.formatted(LAPSED)));
		assertThat(patch.status()).isEqualTo(200);
		assertThat(AdobeUi.byTheService(AdobeJournal.of(this.adobe, sandbox)))
			.filteredOn((call) -> !call.method().equals("GET"))
			.extracting(Call::method, Call::path)
			.as("the import only read; export now sent its job, and the change one PATCH, nothing else")
			.containsExactly(tuple("POST", ADHOC), tuple("PATCH", FLOW_SERVICE + "/flows/" + built.flowId()));

		// Paused with the etag the change left.
		Export paused = this.exports.pauseExport(id);
		assertThat(paused.getDataflow().getState()).isEqualTo(DataflowState.DISABLED);
		Call disable = onlyByTheService(sandbox, "POST", FLOW_SERVICE + "/flows/" + built.flowId() + "/action");
		assertThat(disable.event().getRequest().getUrl()).endsWith("?op=DISABLE");
		assertThat(disable.header("If-Match")).isEqualTo(patch.answer().path("etag").asString());
		assertThat(this.emulator.entity("flows", built.flowId()).orElseThrow().path("state").asString())
			.isEqualTo("disabled");

		// Torn down, newest first; the account and source are nobody else's, so they go
		// too.
		ApiResponse<Export> deleting = this.exports.deleteExportWithHttpInfo(id);
		assertThat(deleting.getStatusCode()).isEqualTo(202);
		Export deleted = awaitStatus(id, ExportStatus.DELETED);

		assertThat(deletes(sandbox)).containsExactly(FLOW_SERVICE + "/flows/" + built.flowId(),
				CONVERSION + "/mappingSets/" + built.mappingSetId(),
				FLOW_SERVICE + "/targetConnections/" + built.targetConnectionId(),
				FLOW_SERVICE + "/connections/" + built.baseConnectionId(),
				FLOW_SERVICE + "/sourceConnections/" + built.sourceConnectionId());
		List<String> teardown = AdobeUi.byTheService(AdobeJournal.of(this.adobe, sandbox))
			.stream()
			.filter((call) -> !call.path().endsWith("/runs"))
			.map((call) -> call.method() + " " + call.event().getRequest().getUrl())
			.dropWhile((call) -> !call.startsWith("DELETE"))
			.toList();
		assertThat(teardown).as("each shared entity asked about before it is deleted")
			.containsSubsequence(
					"GET " + FLOW_SERVICE + "/targetConnections?property=baseConnectionId%3D%3D"
							+ built.baseConnectionId() + "&limit=100",
					"DELETE " + FLOW_SERVICE + "/connections/" + built.baseConnectionId(),
					"GET " + FLOW_SERVICE + "/flows?property=sourceConnectionIds%5B%5D%3D%3D"
							+ built.sourceConnectionId() + "&limit=100",
					"DELETE " + FLOW_SERVICE + "/sourceConnections/" + built.sourceConnectionId());
		for (Step step : deleted.getSteps()) {
			switch (step.getName()) {
				case INPUT_SCHEMA, OUTPUT_SCHEMA ->
					assertThat(step.getLeftBehind()).contains("no delete for conversion schemas");
				case DATAFLOW, MAPPING_SET, TARGET_CONNECTION, BASE_CONNECTION, SOURCE_CONNECTION ->
					assertThat(step.getDeletedAt()).as(step.getName().getValue()).isNotNull();
				default -> assertThat(step.getDeletedAt()).as(step.getName().getValue()).isNull();
			}
		}
		assertThat(this.emulator.entity("flows", built.flowId())).isEmpty();
		assertThat(this.emulator.entity("connections", built.baseConnectionId())).isEmpty();
	}

	/**
	 * The service's reads against Adobe's documents: Flow Service's against DEST-REF, the
	 * mapping set's against DP-REF. Reported skipped when the documents are absent: the
	 * import is proved above either way.
	 */
	@Test
	void anImportsReadsAreTheOnesAdobesDocumentsDescribe() throws ApiException {
		AdobeOpenApiValidator flowService = AdobeOpenApiValidator.flowService();
		AdobeOpenApiValidator dataPrep = AdobeOpenApiValidator.dataPrep();
		assumeTrue(flowService.available(), flowService::skipReason);
		assumeTrue(dataPrep.available(), dataPrep::skipReason);
		String sandbox = newSandbox();
		AdobeUi.Built built = this.ui.s3AudienceExport(sandbox, "documented",
				List.of(AdobeUi.fullExport(CHURN, "Churn risk", "DAILY", "08:00")));

		this.exports.importExport(new ImportRequest().sandbox(sandbox).flowId(built.flowId()));

		List<Call> reads = AdobeUi.byTheService(AdobeJournal.of(this.adobe, sandbox))
			.stream()
			.filter((call) -> !call.path().endsWith("/runs"))
			.toList();
		assertThat(reads).hasSize(5).allSatisfy((call) -> {
			AdobeOpenApiValidator document = call.path().startsWith(CONVERSION) ? dataPrep : flowService;
			assertThat(document.isDocumented(call.method(), call.event().getRequest().getUrl())).as(call.path())
				.isTrue();
			assertThat(document.violations(call.event().getRequest())).as(call.path()).isEmpty();
		});
	}

	@Test
	void anAccountAnotherDataflowUsesIsLeftToItWhenTheImportedExportIsTornDown() throws ApiException {
		String sandbox = newSandbox();
		String account = this.ui.s3Account(sandbox, "shared");
		AdobeUi.Built built = this.ui.s3AudienceExport(sandbox, "first", account,
				List.of(AdobeUi.fullExport(CHURN, "Churn risk", "ONCE", "23:00")));
		String others = this.ui.s3Target(sandbox, "second", account, false);
		UUID id = this.exports.importExport(new ImportRequest().sandbox(sandbox).flowId(built.flowId())).getId();

		this.exports.deleteExport(id);
		Export deleted = awaitStatus(id, ExportStatus.DELETED);

		Step base = deleted.getSteps()
			.stream()
			.filter((step) -> step.getName() == StepName.BASE_CONNECTION)
			.findFirst()
			.orElseThrow();
		assertThat(base.getDeletedAt()).isNull();
		assertThat(base.getLeftBehind()).contains(others).contains("used by");
		assertThat(deletes(sandbox)).doesNotContain(FLOW_SERVICE + "/connections/" + account)
			.contains(FLOW_SERVICE + "/targetConnections/" + built.targetConnectionId());
		assertThat(this.emulator.entity("connections", account)).as("the other dataflow's account").isPresent();
		assertThat(this.emulator.entity("targetConnections", others)).isPresent();
	}

	@Test
	void anUnknownDataflowIsNotFound() {
		String sandbox = newSandbox();
		String unknown = UUID.randomUUID().toString();

		Problem problem = refused(() -> this.exports.importExport(new ImportRequest().sandbox(sandbox).flowId(unknown)),
				404);

		assertThat(problem.getType()).hasToString(PROBLEMS + "not-found");
		assertThat(problem.getDetail()).contains(unknown).contains(sandbox);
		assertThat(reads(sandbox)).containsExactly("GET " + FLOW_SERVICE + "/flows/" + unknown);
		assertThat(exportsOf(unknown)).isZero();
	}

	@Test
	void dataflowsOfOtherKindsAreRefusedSayingWhatTheyAre() {
		String sandbox = newSandbox();
		Map<String, DataflowKind> kinds = new LinkedHashMap<>();
		kinds.put(this.ui.s3DatasetExport(sandbox, "datasets"), DataflowKind.DATASET_EXPORT);
		kinds.put(this.ui.kinesisSourceDataflow(sandbox, "clicks"), DataflowKind.SOURCE_DATAFLOW);
		kinds.put(this.ui.streamingAudienceExport(sandbox, "stream"), DataflowKind.OTHER_DESTINATION);
		Map<DataflowKind, String> details = new LinkedHashMap<>();

		kinds.forEach((flowId, kind) -> {
			Problem problem = refused(
					() -> this.exports.importExport(new ImportRequest().sandbox(sandbox).flowId(flowId)), 422);
			assertThat(problem.getType()).hasToString(PROBLEMS + "not-importable");
			assertThat(problem.getDataflowKind()).as(flowId).isEqualTo(kind);
			assertThat(problem.getDetail()).contains(flowId);
			details.put(kind, problem.getDetail());
			assertThat(exportsOf(flowId)).as("nothing stored").isZero();
		});

		assertThat(details.get(DataflowKind.DATASET_EXPORT)).contains("dataset export")
			.contains(AdobeUi.S3_DATASET_FLOW_SPEC, "Amazon S3 - Dataset", AdobeUi.DATA_LAKE_SOURCE);
		assertThat(details.get(DataflowKind.SOURCE_DATAFLOW)).contains("source dataflow")
			.contains(AdobeUi.KINESIS_SOURCE + " (Amazon Kinesis)", "Data Lake");
		assertThat(details.get(DataflowKind.OTHER_DESTINATION))
			.contains(AdobeUi.STREAMING_DESTINATION + " (Streaming destination (emulator))")
			.contains("exports.destinations", "AMAZON_S3 " + AdobeUi.S3);
		assertThat(AdobeUi.byTheService(AdobeJournal.of(this.adobe, sandbox))).extracting(Call::method)
			.as("reads only")
			.containsOnly("GET");
	}

	@Test
	void aDataflowHoldingWhatAnExportCannotIsRefusedNamingEachValue() {
		String sandbox = newSandbox();
		ObjectNode chained = AdobeUi.fullExport(LAPSED, "Chained", "CHAINED", "23:00");
		AdobeUi.Built built = this.ui.s3AudienceExport(sandbox, "chained",
				List.of(AdobeUi.fullExport(CHURN, "Churn risk", "DAILY", "08:00"), chained));

		Problem problem = refused(
				() -> this.exports.importExport(new ImportRequest().sandbox(sandbox).flowId(built.flowId())), 422);

		assertThat(problem.getDataflowKind()).isEqualTo(DataflowKind.AUDIENCE_FILE_EXPORT);
		assertThat(problem.getErrors()).singleElement().satisfies((error) -> {
			assertThat(error.getField())
				.isEqualTo("dataflow.transformations[0].params.segmentSelectors.selectors[1].value.schedule.frequency");
			assertThat(error.getMessage()).contains("CHAINED");
		});
		assertThat(exportsOf(built.flowId())).isZero();
	}

	@Test
	void aDataflowIsOneExportOnlyWhoeverMadeIt() throws ApiException {
		String sandbox = newSandbox();
		AdobeUi.Built built = this.ui.s3AudienceExport(sandbox, "once",
				List.of(AdobeUi.fullExport(CHURN, "Churn risk", "DAILY", "08:00")));
		UUID first = this.exports.importExport(new ImportRequest().sandbox(sandbox).flowId(built.flowId())).getId();
		int callsBefore = callsAskedFor(sandbox).size();

		Problem again = refused(
				() -> this.exports
					.importExport(new ImportRequest().sandbox(sandbox).flowId(built.flowId()).name("a second one")),
				409);
		Problem someoneElses = refused(() -> new ExportsApi(clientAs("someone-else", "exports:write"))
			.importExport(new ImportRequest().sandbox(sandbox).flowId(built.flowId())), 409);

		assertThat(again.getType()).hasToString(PROBLEMS + "dataflow-already-exported");
		assertThat(again.getExportId()).as("the caller's own").isEqualTo(first);
		assertThat(someoneElses.getExportId()).as("another caller's is not named").isNull();
		assertThat(someoneElses.getDetail()).doesNotContain(first.toString());
		assertThat(exportsOf(built.flowId())).isOne();
		assertThat(callsAskedFor(sandbox)).as("nothing asked of Adobe").hasSize(callsBefore);

		String created = startExport(example("DATA_LANDING_ZONE", sandbox));
		String createdFlow = awaitFinished(created).path("flowId").asString();

		Problem ours = refused(
				() -> this.exports.importExport(new ImportRequest().sandbox(sandbox).flowId(createdFlow)), 409);

		assertThat(ours.getExportId()).as("a dataflow this service created").hasToString(created);
		assertThat(exportsOf(createdFlow)).isOne();
	}

	@Test
	void aBadBodyNamesEveryBadFieldAndNothingIsAskedOfAdobe() {
		String flowId = UUID.randomUUID().toString();

		JsonNode problem = this.api.post()
			.uri("/exports/imports")
			.contentType(MediaType.APPLICATION_JSON)
			.body("""
					{"sandbox": "Not A Sandbox", "flowId": "../flows/%s", "name": "   ", "credentials": {}}"""
				.formatted(flowId))
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectBody(JsonNode.class)
			.returnResult()
			.getResponseBody();
		JsonNode missing = postJson("/exports/imports", "{\"sandbox\": \"prod\"}", 400);

		assertThat(problem.path("type").asString()).isEqualTo(PROBLEMS + "validation");
		assertThat(problem.path("errors").valueStream().map((error) -> error.path("field").asString()))
			.containsExactlyInAnyOrder("credentials", "flowId", "name", "sandbox");
		assertThat(missing.path("errors").valueStream().map((error) -> error.path("field").asString()))
			.containsExactly("flowId");
		assertThat(this.adobe.getAllServeEvents()).as("nothing sent to Adobe about it")
			.noneMatch((event) -> event.getRequest().getUrl().contains(flowId));
	}

	@Test
	void anImportedExportIsItsImportersAndImportingNeedsTheWriteScope() throws ApiException {
		String sandbox = newSandbox();
		AdobeUi.Built built = this.ui.s3AudienceExport(sandbox, "mine",
				List.of(AdobeUi.fullExport(CHURN, "Churn risk", "DAILY", "08:00")));
		RestTestClient readOnly = as(token(CALLER, "exports:read"));
		readOnly.post()
			.uri("/exports/imports")
			.contentType(MediaType.APPLICATION_JSON)
			.body("{\"sandbox\": \"" + sandbox + "\", \"flowId\": \"" + built.flowId() + "\"}")
			.exchange()
			.expectStatus()
			.isForbidden();
		assertThat(AdobeUi.byTheService(AdobeJournal.of(this.adobe, sandbox))).isEmpty();

		UUID id = this.exports.importExport(new ImportRequest().sandbox(sandbox).flowId(built.flowId())).getId();

		RestTestClient someoneElse = as(token("someone-else", "exports:read", "exports:write"));
		someoneElse.get().uri("/exports/{id}", id).exchange().expectStatus().isNotFound();
		someoneElse.get().uri("/exports/{id}/runs", id).exchange().expectStatus().isNotFound();
		someoneElse.post().uri("/exports/{id}/pause", id).exchange().expectStatus().isNotFound();
		someoneElse.delete().uri("/exports/{id}", id).exchange().expectStatus().isNotFound();
		assertThat(someoneElse.get()
			.uri("/exports?size=100")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(JsonNode.class)
			.returnResult()
			.getResponseBody()
			.path("items")
			.valueStream()
			.map((item) -> item.path("id").asString())).doesNotContain(id.toString());
		assertThat(this.exports.getExport(id).getImported()).isTrue();
		assertThat(this.exports.listExports(null, null, "mine", 0, 100).getItems()).anySatisfy((summary) -> {
			assertThat(summary.getId()).isEqualTo(id);
			assertThat(summary.getImported()).isTrue();
		});
	}

	private ApiClient clientAs(String caller, String... scopes) {
		return generatedClient(token(caller, scopes));
	}

	private interface Call0 {

		void call() throws ApiException;

	}

	/**
	 * The problem a refused call answers, read with the generated client's own mapper.
	 */
	private Problem refused(Call0 call, int status) {
		ApiException refused = catchThrowableOfType(ApiException.class, call::call);
		assertThat(refused).as("the call should have been refused").isNotNull();
		assertThat(refused.getCode()).as(refused.getResponseBody()).isEqualTo(status);
		try {
			return this.client.getObjectMapper().readValue(refused.getResponseBody(), Problem.class);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private Export awaitStatus(UUID id, ExportStatus status) {
		return await().atMost(Duration.ofSeconds(30))
			.pollInterval(Duration.ofMillis(100))
			.until(() -> this.exports.getExport(id), (export) -> export.getStatus() == status);
	}

	/**
	 * What the service asked of Adobe in the sandbox, without the background reads of
	 * runs.
	 */
	private List<String> reads(String sandbox) {
		return AdobeUi.byTheService(AdobeJournal.of(this.adobe, sandbox))
			.stream()
			.filter((call) -> !call.path().endsWith("/runs"))
			.map((call) -> call.method() + " " + call.path())
			.toList();
	}

	/** The one call of the service with this method and path. */
	private Call onlyByTheService(String sandbox, String method, String path) {
		List<Call> calls = AdobeUi.byTheService(AdobeJournal.of(this.adobe, sandbox))
			.stream()
			.filter((call) -> call.method().equals(method) && call.path().equals(path))
			.toList();
		assertThat(calls).as("%s %s by the service", method, path).hasSize(1);
		return calls.getFirst();
	}

	private List<String> deletes(String sandbox) {
		return AdobeUi.byTheService(AdobeJournal.of(this.adobe, sandbox))
			.stream()
			.filter((call) -> call.method().equals("DELETE"))
			.map(Call::path)
			.toList();
	}

	private int exportsOf(String flowId) {
		return this.jdbc.queryForObject(
				"select count(*) from export_step where name = 'DATAFLOW' and entity_id = ? and deleted_at is null",
				Integer.class, flowId);
	}

	private String etagInAdobe(String collection, String id) {
		return this.emulator.entity(collection, id).orElseThrow().path("etag").asString();
	}

	/** The runs the Adobe emulator made for a dataflow. */
	private List<String> runIdsOf(String flowId) {
		return this.emulator.entities("runs")
			.stream()
			.filter((run) -> run.path("flowId").asString().equals(flowId))
			.map((run) -> run.path("id").asString())
			.toList();
	}

	/** The account as Adobe might answer it: its credentials unmasked. */
	private String accountInTheClear(String id) {
		ObjectNode account = (ObjectNode) this.emulator.entity("connections", id).orElseThrow();
		ObjectNode answer = JSON.createObjectNode();
		answer.putArray("items").add(account);
		return answer.toString();
	}

	private static List<String> steps(Export export) {
		return export.getSteps()
			.stream()
			.map((step) -> step(step.getName(), step.getStatus(), step.getEntityId(), step.getEtag(),
					step.getVersion()))
			.toList();
	}

	private static String step(StepName name, StepStatus status, String entityId, String etag, Integer version) {
		return name + " " + status + " " + entityId + " " + etag + " " + version;
	}

	/**
	 * The calls made in the sandbox, but the runs the background refresher reads of an
	 * imported export whenever it is due (at once after the import).
	 */
	private List<AdobeJournal.Call> callsAskedFor(String sandbox) {
		return AdobeJournal.of(this.adobe, sandbox).callsButRunReads();
	}

}
