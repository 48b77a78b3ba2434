package com.acme.aepexport.workflow;

import org.junit.jupiter.api.Test;

import com.acme.aepexport.adobe.AdobeFakes;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * When an export-now call shows that no job started, so that its audiences are not held.
 */
class ExportActivationsTest {

	@Test
	void aCallNeverSentOrRefusedStartedNoJobAndAnAnswerLostMayHave() {
		assertThat(ExportActivations.notStarted(AdobeFakes.noRoom("POST /adhocrun")))
			.as("this instance had no room to send it")
			.isTrue();
		assertThat(ExportActivations.notStarted(AdobeFakes.refused("POST /adhocrun", 400, "bad"))).isTrue();
		assertThat(ExportActivations.notStarted(AdobeFakes.busy("POST /adhocrun"))).as("the gateway's 503").isTrue();
	}

}
