package com.acme.aepexport.workflow;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.test.context.TestPropertySource;

import com.acme.aepexport.emulator.AdobeEmulator;
import com.acme.aepexport.support.IntegrationTest;

import static com.acme.aepexport.support.AdobeJournal.FLOW_SERVICE;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A {@code DELETE} or a resume does not wait behind a backlog of new exports: their work
 * is taken first. Four workers, so that a backlog of 24 keeps them all busy.
 */
@TestPropertySource(properties = "exports.workers.concurrency=4")
class FairQueueIT extends IntegrationTest {

	@Test
	void aTeardownAndAResumeAreTakenBeforeABacklogOfNewExports() {
		String done = newSandbox();
		String succeeded = startExport(example("DATA_LANDING_ZONE", done));
		assertThat(awaitFinished(succeeded).path("status").asString()).isEqualTo("SUCCEEDED");
		String failing = newSandbox();
		this.adobe.stubFor(post(urlPathEqualTo(FLOW_SERVICE + "/sourceConnections")).atPriority(1)
			.withHeader("x-sandbox-name", equalTo(failing))
			.willReturn(aResponse().withStatus(400).withBody("{\"errorMessage\": \"refused\"}")));
		String failed = startExport(example("DATA_LANDING_ZONE", failing));
		assertThat(awaitFinished(failed).path("status").asString()).isEqualTo("FAILED");
		this.adobe.resetMappings();
		this.adobe.stubFor(AdobeEmulator.catchAllStub());

		// A backlog: every worker busy for seconds with each new export, until the test
		// has seen the teardown and the resume go first.
		String busy = newSandbox();
		this.emulator.hold(busy);
		this.adobe.stubFor(post(urlPathEqualTo(FLOW_SERVICE + "/sourceConnections")).atPriority(1)
			.withHeader("x-sandbox-name", equalTo(busy))
			.willReturn(aResponse().withTransformers(AdobeEmulator.NAME)
				.withFixedDelay(3000)
				.withTransformerParameter(AdobeEmulator.HOLD, busy)));
		List<String> backlog = new ArrayList<>();
		for (int i = 0; i < 24; i++) {
			backlog.add(startExport(example("DATA_LANDING_ZONE", busy)));
		}
		await().atMost(Duration.ofSeconds(10)).until(() -> pending(backlog) <= 20);

		this.api.delete().uri("/exports/{id}", succeeded).exchange().expectStatus().isAccepted();
		this.api.post().uri("/exports/{id}/resume", failed).exchange().expectStatus().isAccepted();

		await().atMost(Duration.ofSeconds(30))
			.until(() -> getExport(succeeded).path("status").asString().equals("DELETED")
					&& getExport(failed).path("status").asString().equals("SUCCEEDED"));
		assertThat(pending(backlog)).as("new exports still waiting when the teardown and the resume were done")
			.isGreaterThanOrEqualTo(8);
		this.emulator.release(busy);
		backlog.forEach((id) -> assertThat(awaitFinished(id).path("status").asString()).isEqualTo("SUCCEEDED"));
	}

	/**
	 * One statement, not a GET per export: the count is of one moment, and comes at once,
	 * where 24 GETs on a busy machine took seconds of the time the test measures.
	 */
	private long pending(List<String> exports) {
		return this.jdbc.queryForObject("select count(*) from export where status = 'PENDING' and id = any(?::uuid[])",
				Long.class, (Object) exports.toArray(String[]::new));
	}

}
