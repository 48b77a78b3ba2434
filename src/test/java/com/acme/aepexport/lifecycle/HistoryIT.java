package com.acme.aepexport.lifecycle;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import org.junit.jupiter.api.Test;

import org.springframework.core.io.ClassPathResource;
import org.springframework.dao.DataAccessException;

import com.acme.aepexport.client.ApiClient;
import com.acme.aepexport.client.ApiException;
import com.acme.aepexport.client.api.ExportsApi;
import com.acme.aepexport.client.model.AccessKeyCredentials;
import com.acme.aepexport.client.model.Activation;
import com.acme.aepexport.client.model.ActivationRequest;
import com.acme.aepexport.client.model.ActivationRun;
import com.acme.aepexport.client.model.AdobeCall;
import com.acme.aepexport.client.model.AdobeCallKind;
import com.acme.aepexport.client.model.Export;
import com.acme.aepexport.client.model.ExportPatch;
import com.acme.aepexport.client.model.ExportRequest;
import com.acme.aepexport.client.model.ExportStatus;
import com.acme.aepexport.client.model.HistoryEntry;
import com.acme.aepexport.client.model.HistoryError;
import com.acme.aepexport.client.model.HistoryKind;
import com.acme.aepexport.client.model.HistoryOutcome;
import com.acme.aepexport.client.model.HistoryPage;
import com.acme.aepexport.client.model.Step;
import com.acme.aepexport.client.model.StepName;
import com.acme.aepexport.client.model.StepStatus;
import com.acme.aepexport.support.AdobeJournal;
import com.acme.aepexport.support.AdobeJournal.Call;
import com.acme.aepexport.support.IntegrationTest;

import static com.acme.aepexport.support.AdobeJournal.FLOW_SERVICE;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

/**
 * {@code GET /exports/{id}/history}, through the client other teams generate from the
 * contract: every request accepted for an export, newest first, with who sent it, what
 * they sent (never a secret), what became of it and the Adobe calls it made, as Adobe's
 * journal and the export's steps show them; only for the export's owner (or an admin),
 * with the read scope; append-only in the database.
 */
class HistoryIT extends IntegrationTest {

	private static final String PGP_KEY = "LS0tLS1CRUdJTiBQR1AgUFVCTElDIEtFWSBCTE9DSy0tLS0t";

	private static final SecureRandom RANDOM = new SecureRandom();

	/** A caller of its own, so that this test's exports are its own. */
	private final String caller = "history-" + UUID.randomUUID();

	@Test
	void createPatchPauseAndDeleteAreEntriesNewestFirstWithWhoWhatOutcomeAndAdobeCallsAndNoSecret()
			throws ApiException {
		ExportsApi exports = client(token(this.caller, "exports:read", "exports:write"));
		String sandbox = newSandbox();
		AccessKeyCredentials credentials = new AccessKeyCredentials()
			.accessKeyId(random("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", 20))
			.secretAccessKey(random("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789/+", 40));
		ExportRequest request = example("AMAZON_S3").sandbox(sandbox);
		request.getDestination().getAmazonS3Destination().credentials(credentials);
		request.getFile().pgpPublicKey(PGP_KEY);
		UUID id = exports.startExport(request, null).getId();
		Export succeeded = finished(exports, id);
		assertThat(succeeded.getStatus()).as("%s", succeeded.getError()).isEqualTo(ExportStatus.SUCCEEDED);
		String flowId = succeeded.getFlowId();

		ExportPatch change = new ExportPatch().mandatoryFields(new ArrayList<>());
		Export changed = exports.changeExport(id, change, null);
		assertThat(changed.getChange().getRevision()).isEqualTo(1);
		Call flowPatch = AdobeJournal.of(this.adobe, sandbox)
			.calls("PATCH", FLOW_SERVICE + "/flows/" + flowId)
			.getLast();
		exports.pauseExport(id);
		Call disable = AdobeJournal.of(this.adobe, sandbox).only("POST", FLOW_SERVICE + "/flows/" + flowId + "/action");
		exports.deleteExport(id);
		Export deleted = await().atMost(Duration.ofSeconds(30))
			.until(() -> exports.getExport(id), (export) -> export.getStatus() == ExportStatus.DELETED);

		HistoryPage history = exports.listHistory(id, null, null);

		assertThat(history.getContinuationToken()).isNull();
		assertThat(history.getItems()).extracting(HistoryEntry::getKind)
			.containsExactly(HistoryKind.DELETED, HistoryKind.PAUSED, HistoryKind.CHANGED, HistoryKind.CREATED);
		assertThat(history.getItems()).allSatisfy((entry) -> {
			assertThat(entry.getRequestedBy()).isEqualTo(this.caller);
			assertThat(entry.getOutcome()).as("%s", entry.getKind()).isEqualTo(HistoryOutcome.APPLIED);
			assertThat(entry.getError()).isNull();
			assertThat(entry.getFinishedAt()).isAfterOrEqualTo(entry.getRequestedAt());
		});
		assertThat(history.getItems()).extracting(HistoryEntry::getRequestedAt)
			.isSortedAccordingTo((a, b) -> b.compareTo(a));

		HistoryEntry created = history.getItems().get(3);
		ObjectNode sent = json().valueToTree(request);
		((ObjectNode) sent.get("destination")).remove("credentials");
		((ObjectNode) sent.get("file")).remove("pgpPublicKey");
		assertThat(json().<JsonNode>valueToTree(created.getRequest())).as("the body sent, but its secrets")
			.isEqualTo(sent);
		assertThat(created.getAdobeCalls()).as("each step that succeeded, with what it keeps")
			.containsExactlyElementsOf(succeeded.getSteps()
				.stream()
				.filter((step) -> step.getStatus() == StepStatus.SUCCEEDED)
				.map((step) -> call(AdobeCallKind.STEP, step.getName(), step.getEntityId()).etag(step.getEtag())
					.version(step.getVersion()))
				.toList());

		HistoryEntry patched = history.getItems().get(2);
		assertThat(json().<JsonNode>valueToTree(patched.getRequest())).as("the merge patch as sent")
			.isEqualTo(json().valueToTree(change));
		assertThat(patched.getRevision()).isEqualTo(1);
		assertThat(patched.getAdobeCalls()).containsExactly(
				call(AdobeCallKind.FLOW_CHANGED, StepName.DATAFLOW, flowId).etagBefore(flowPatch.header("If-Match"))
					.etag(flowPatch.answer().path("etag").asString()));

		HistoryEntry paused = history.getItems().get(1);
		assertThat(paused.getRequest()).isNull();
		assertThat(paused.getAdobeCalls()).containsExactly(
				call(AdobeCallKind.FLOW_DISABLED, StepName.DATAFLOW, flowId).etagBefore(disable.header("If-Match"))
					.etag(disable.answer().path("etag").asString()));
		assertThat(paused.getAdobeCalls().getFirst().getEtagBefore()).as("the etag the change left")
			.isEqualTo(patched.getAdobeCalls().getFirst().getEtag());

		HistoryEntry teardown = history.getItems().getFirst();
		List<AdobeCall> tornDown = new ArrayList<>();
		for (Step step : deleted.getSteps()) {
			if (step.getDeletedAt() != null) {
				tornDown.add(call(AdobeCallKind.ENTITY_DELETED, step.getName(), step.getEntityId()));
			}
			else if (step.getLeftBehind() != null) {
				tornDown.add(call(AdobeCallKind.ENTITY_LEFT_BEHIND, step.getName(), step.getEntityId())
					.reason(step.getLeftBehind()));
			}
		}
		assertThat(teardown.getAdobeCalls()).containsExactlyElementsOf(tornDown)
			.extracting(AdobeCall::getStep)
			.contains(StepName.DATAFLOW, StepName.BASE_CONNECTION);
		List<String> deletes = AdobeJournal.of(this.adobe, sandbox)
			.calls()
			.stream()
			.filter((call) -> call.method().equals("DELETE"))
			.map(Call::path)
			.toList();
		assertThat(teardown.getAdobeCalls()).filteredOn((call) -> call.getKind() == AdobeCallKind.ENTITY_DELETED)
			.allSatisfy((call) -> assertThat(deletes).anyMatch((path) -> path.endsWith("/" + call.getEntityId())));

		String body = text(as(token(this.caller, "exports:read")), "/exports/" + id + "/history");
		String stored = this.jdbc.queryForObject("""
				select string_agg(coalesce(request::text, '') || adobe_calls::text || coalesce(error_message, ''), ' ')
				from export_history where export_id = ?""", String.class, id);
		for (String secret : List.of(credentials.getAccessKeyId(), credentials.getSecretAccessKey(), PGP_KEY)) {
			assertThat(body).as("the answer").doesNotContain(secret);
			assertThat(stored).as("the rows").doesNotContain(secret);
		}
		assertThat(this.jdbc.queryForList("select kind from export_history where export_id = ? order by seq",
				String.class, id))
			.containsExactly("CREATED", "CHANGED", "PAUSED", "DELETED");

		List<HistoryEntry> paged = new ArrayList<>();
		String token = null;
		do {
			HistoryPage page = exports.listHistory(id, 1, token);
			assertThat(page.getItems()).hasSize(1);
			paged.addAll(page.getItems());
			token = page.getContinuationToken();
		}
		while (token != null);
		assertThat(paged).as("a page at a time, the same entries").isEqualTo(history.getItems());
		ApiException badToken = catchThrowableOfType(ApiException.class,
				() -> exports.listHistory(id, 1, "not-a-token"));
		assertThat(badToken.getCode()).isEqualTo(400);
		assertThat(badToken.getResponseBody()).contains("continuationToken");
	}

	@Test
	void aFailedCreationItsResumeAnExportNowAndWhatAdobeRefusedAreEntriesSayingWhy() throws ApiException {
		ExportsApi exports = client(token(this.caller, "exports:read", "exports:write"));
		String sandbox = newSandbox();
		StubMapping refused = this.adobe.stubFor(post(urlPathEqualTo(FLOW_SERVICE + "/targetConnections")).atPriority(1)
			.withHeader("x-sandbox-name", equalTo(sandbox))
			.willReturn(aResponse().withStatus(400)
				.withHeader("Content-Type", "application/json")
				.withBody("{\"errorMessage\": \"bad location\"}")));
		ExportRequest request = example("DATA_LANDING_ZONE").sandbox(sandbox);
		// A first activation long past, so that export now is allowed at once.
		request.getSchedule().startDate(LocalDate.parse("2026-01-01"));
		UUID id = exports.startExport(request, null).getId();
		assertThat(finished(exports, id).getStatus()).isEqualTo(ExportStatus.FAILED);
		this.adobe.removeStub(refused);

		exports.resumeExport(id);
		Export resumed = finished(exports, id);
		assertThat(resumed.getStatus()).as("%s", resumed.getError()).isEqualTo(ExportStatus.SUCCEEDED);
		String flowId = resumed.getFlowId();
		ActivationRequest exportNow = new ActivationRequest()
			.audienceIds(List.of(request.getAudiences().getFirst().getId()));
		Activation activation = exports.activateExport(id, exportNow);
		this.adobe.stubFor(post(urlPathEqualTo(FLOW_SERVICE + "/flows/" + flowId + "/action")).atPriority(1)
			.willReturn(aResponse().withStatus(403)
				.withHeader("Content-Type", "application/json")
				.withBody("{\"error_code\": \"403003\", \"message\": \"Api Key is invalid\"}")));
		assertThat(catchThrowableOfType(ApiException.class, () -> exports.pauseExport(id)).getCode()).isEqualTo(502);
		this.adobe.stubFor(patch(urlPathEqualTo(FLOW_SERVICE + "/flows/" + flowId)).atPriority(1)
			.willReturn(aResponse().withStatus(400)
				.withHeader("Content-Type", "application/json")
				.withBody("{\"error_code\": \"400001\", \"message\": \"Mandatory fields are not valid\"}")));
		ExportPatch change = new ExportPatch().mandatoryFields(new ArrayList<>());
		assertThat(catchThrowableOfType(ApiException.class, () -> exports.changeExport(id, change, null)).getCode())
			.isEqualTo(502);

		List<HistoryEntry> history = exports.listHistory(id, null, null).getItems();

		assertThat(history).extracting(HistoryEntry::getKind, HistoryEntry::getOutcome)
			.containsExactly(tuple(HistoryKind.CHANGED, HistoryOutcome.REFUSED),
					tuple(HistoryKind.PAUSED, HistoryOutcome.REFUSED),
					tuple(HistoryKind.ACTIVATED, HistoryOutcome.APPLIED),
					tuple(HistoryKind.RESUMED, HistoryOutcome.APPLIED),
					tuple(HistoryKind.CREATED, HistoryOutcome.FAILED));
		assertThat(history).extracting(HistoryEntry::getRequestedBy).containsOnly(this.caller);

		HistoryError patchRefused = history.get(0).getError();
		assertThat(patchRefused.getStep()).isEqualTo(StepName.DATAFLOW);
		assertThat(patchRefused.getHttpStatus()).isEqualTo(400);
		assertThat(patchRefused.getAdobeCode()).isEqualTo("400001");
		assertThat(patchRefused.getMessage()).contains("Mandatory fields are not valid");
		assertThat(patchRefused.getRetryable()).isFalse();
		assertThat(history.get(0).getRevision()).isEqualTo(1);
		assertThat(history.get(0).getAdobeCalls()).as("Adobe changed nothing").isEmpty();
		assertThat(history.get(1).getError().getHttpStatus()).isEqualTo(403);
		assertThat(history.get(1).getError().getAdobeCode()).isEqualTo("403003");
		assertThat(history.get(1).getError().getRetryable()).isFalse();

		HistoryEntry activated = history.get(2);
		assertThat(activated.getActivationId()).isEqualTo(activation.getId());
		assertThat(json().<JsonNode>valueToTree(activated.getRequest())).isEqualTo(json().valueToTree(exportNow));
		assertThat(activated.getAdobeCalls()).containsExactlyElementsOf(activation.getRuns()
			.stream()
			.map((run) -> call(AdobeCallKind.RUN_STARTED, StepName.DATAFLOW, flowId).runId(run.getRunId())
				.audienceId(run.getAudienceId()))
			.toList());
		assertThat(activation.getRuns()).extracting(ActivationRun::getRunId).doesNotContainNull();

		HistoryEntry resume = history.get(3);
		HistoryEntry creation = history.get(4);
		assertThat(creation.getError().getStep()).isEqualTo(StepName.TARGET_CONNECTION);
		assertThat(creation.getError().getHttpStatus()).isEqualTo(400);
		assertThat(creation.getError().getMessage()).contains("bad location");
		List<Step> made = resumed.getSteps()
			.stream()
			.filter((step) -> step.getStatus() == StepStatus.SUCCEEDED)
			.toList();
		assertThat(resume.getAdobeCalls()).as("the steps the resume made")
			.containsExactlyElementsOf(made.stream()
				.filter((step) -> !step.getCompletedAt().isBefore(resume.getRequestedAt()))
				.map(HistoryIT::stepCall)
				.toList())
			.extracting(AdobeCall::getStep)
			.contains(StepName.TARGET_CONNECTION, StepName.DATAFLOW);
		assertThat(creation.getAdobeCalls()).as("the steps the creation made before it failed")
			.containsExactlyElementsOf(made.stream()
				.filter((step) -> step.getCompletedAt().isBefore(resume.getRequestedAt()))
				.map(HistoryIT::stepCall)
				.toList())
			.extracting(AdobeCall::getStep)
			.doesNotContain(StepName.TARGET_CONNECTION);
	}

	@Test
	void anotherOwnersHistoryIsNotFoundAnAdminReadsEveryOnesAndReadingNeedsTheReadScope() throws ApiException {
		ExportsApi mine = client(token(this.caller, "exports:read", "exports:write"));
		UUID id = mine.startExport(example("DATA_LANDING_ZONE").sandbox(newSandbox()), null).getId();

		ApiException notFound = catchThrowableOfType(ApiException.class,
				() -> client(token("someone-else", "exports:read")).listHistory(id, null, null));
		assertThat(notFound.getCode()).isEqualTo(404);
		assertThat(notFound.getResponseBody()).contains("/problems/not-found");
		ApiException forbidden = catchThrowableOfType(ApiException.class,
				() -> client(token(this.caller, "exports:write")).listHistory(id, null, null));
		assertThat(forbidden.getCode()).isEqualTo(403);
		assertThat(forbidden.getResponseBody()).contains("/problems/forbidden");

		List<HistoryEntry> seenByAdmin = client(token("operator", "exports:admin")).listHistory(id, null, null)
			.getItems();

		assertThat(seenByAdmin).extracting(HistoryEntry::getKind).containsExactly(HistoryKind.CREATED);
		assertThat(seenByAdmin.getFirst().getRequestedBy()).isEqualTo(this.caller);
		assertThat(mine.listHistory(id, null, null).getItems()).extracting(HistoryEntry::getId)
			.containsExactly(seenByAdmin.getFirst().getId());
	}

	/**
	 * Whatever writes to it, the database keeps an entry as it was written, but for its
	 * outcome, set once; it goes only with its export.
	 */
	@Test
	void theDatabaseRefusesToRewriteOrDeleteAnEntryButItsOutcomeOnce() {
		UUID export = UUID.randomUUID();
		this.jdbc.update("""
				insert into export (id, owner, name, sandbox, destination_type, status, spec, created_at, updated_at,
				                    version)
				values (?, 'history-it', 'appended', 'prod', 'AMAZON_S3', 'SUCCEEDED', '{}'::jsonb, now(), now(), 0)""",
				export);
		UUID entry = UUID.randomUUID();
		this.jdbc.update("""
				insert into export_history (id, export_id, kind, requested_by, requested_at, request, outcome)
				values (?, ?, 'CHANGED', 'history-it', now(), '{"mandatoryFields": []}', 'ACCEPTED')""", entry, export);

		assertThatExceptionOfType(DataAccessException.class)
			.isThrownBy(() -> this.jdbc.update("update export_history set request = '{}' where id = ?", entry))
			.withMessageContaining("only the outcome");
		assertThat(this.jdbc.update("update export_history set outcome = 'APPLIED', finished_at = now() where id = ?",
				entry))
			.isOne();
		assertThatExceptionOfType(DataAccessException.class)
			.isThrownBy(() -> this.jdbc.update("update export_history set outcome = 'FAILED' where id = ?", entry))
			.withMessageContaining("final");
		assertThatExceptionOfType(DataAccessException.class)
			.isThrownBy(() -> this.jdbc.update("delete from export_history where id = ?", entry))
			.withMessageContaining("while the export exists");

		this.jdbc.update("delete from export where id = ?", export);

		assertThat(this.jdbc.queryForObject("select count(*) from export_history where id = ?", Integer.class, entry))
			.as("gone with its export")
			.isZero();
	}

	private ExportsApi client(String token) {
		return new ExportsApi(generatedClient(token));
	}

	private static ObjectMapper json() {
		return new ApiClient().getObjectMapper();
	}

	/** A Swagger example, read strictly into the generated request. */
	private static ExportRequest example(String name) {
		try (InputStream body = new ClassPathResource("openapi/examples/" + name + ".json").getInputStream()) {
			return json().copy()
				.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
				.readValue(body, ExportRequest.class);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static Export finished(ExportsApi exports, UUID id) {
		return await().atMost(Duration.ofSeconds(30))
			.pollInterval(Duration.ofMillis(100))
			.until(() -> exports.getExport(id), (export) -> export.getStatus() == ExportStatus.SUCCEEDED
					|| export.getStatus() == ExportStatus.FAILED);
	}

	private static AdobeCall call(AdobeCallKind kind, StepName step, String entityId) {
		return new AdobeCall().kind(kind).step(step).entityId(entityId);
	}

	private static AdobeCall stepCall(Step step) {
		return call(AdobeCallKind.STEP, step.getName(), step.getEntityId()).etag(step.getEtag())
			.version(step.getVersion());
	}

	private static String random(String alphabet, int length) {
		return RANDOM.ints(length, 0, alphabet.length())
			.mapToObj((index) -> String.valueOf(alphabet.charAt(index)))
			.collect(Collectors.joining());
	}

}
