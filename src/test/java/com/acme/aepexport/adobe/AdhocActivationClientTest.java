package com.acme.aepexport.adobe;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The run id in an ad hoc job's {@code statusURL}: every field of Adobe's answer is
 * optional, so a URL of another shape leaves the run unknown instead of failing a job
 * that started.
 */
class AdhocActivationClientTest {

	@Test
	void theRunIsTheLastSegmentOfAFlowServiceRunsUrl() {
		assertThat(AdhocActivationClient.runId(
				"https://platform.adobe.io/data/foundation/flowservice/runs/88d6da63-dc97-460e-b781-fc795a7386d9", "f"))
			.isEqualTo("88d6da63-dc97-460e-b781-fc795a7386d9");
	}

	@Test
	void aUrlOfAnotherShapeOrNoneLeavesTheRunUnknown() {
		assertThat(AdhocActivationClient.runId(null, "f")).isNull();
		assertThat(AdhocActivationClient.runId("https://platform.adobe.io/data/foundation/flowservice/flows/f1", "f"))
			.isNull();
		assertThat(AdhocActivationClient.runId("runs", "f")).isNull();
		assertThat(AdhocActivationClient.runId("https://exa mple.com/%zz", "f")).isNull();
	}

}
