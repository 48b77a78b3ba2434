package com.acme.aepexport.operations;

import java.util.Collection;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.context.ApplicationContext;

import com.acme.aepexport.support.IntegrationTest;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The probes Kubernetes reads: readiness follows the database and the instance's own
 * state (down while it drains), liveness only the instance, never Adobe.
 */
class HealthIT extends IntegrationTest {

	@Autowired
	private ApplicationContext context;

	@Test
	void readinessChecksTheDatabaseAndLivenessOnlyTheInstance() {
		assertThat(components(probe("readiness", 200))).containsExactlyInAnyOrder("db", "readinessState");
		assertThat(components(probe("liveness", 200))).containsExactly("livenessState");
	}

	@Test
	void anInstanceThatDrainsIsNotReadyAndStillLive() {
		// What Spring Boot publishes when the instance begins its graceful shutdown
		// (SIGTERM).
		AvailabilityChangeEvent.publish(this.context, ReadinessState.REFUSING_TRAFFIC);
		try {
			assertThat(probe("readiness", 503).path("status").asString()).isEqualTo("OUT_OF_SERVICE");
			assertThat(probe("liveness", 200).path("status").asString()).isEqualTo("UP");
		}
		finally {
			AvailabilityChangeEvent.publish(this.context, ReadinessState.ACCEPTING_TRAFFIC);
		}
		assertThat(probe("readiness", 200).path("status").asString()).isEqualTo("UP");
	}

	@Test
	void adobeBeingDownRestartsNothingAndTakesNoInstanceOutOfService() {
		this.adobe.stubFor(any(anyUrl()).atPriority(1).willReturn(aResponse().withStatus(503)));

		assertThat(probe("liveness", 200).path("status").asString()).isEqualTo("UP");
		assertThat(probe("readiness", 200).path("status").asString()).isEqualTo("UP");
	}

	/** A probe as the kubelet reads it: on the management port, no token. */
	private JsonNode probe(String name, int status) {
		return this.management.get()
			.uri("/actuator/health/" + name)
			.exchange()
			.expectStatus()
			.isEqualTo(status)
			.expectBody(JsonNode.class)
			.returnResult()
			.getResponseBody();
	}

	private static Collection<String> components(JsonNode health) {
		return health.path("components").propertyNames();
	}

}
