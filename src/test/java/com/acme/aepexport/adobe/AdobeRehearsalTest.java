package com.acme.aepexport.adobe;

import java.util.List;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import com.acme.aepexport.export.ExportSpec;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * A rehearsal of Adobe over real HTTP: its reads reach Adobe and fill the real clients'
 * caches; its writes never leave, and are recorded as the real clients would have sent
 * them, answered with placeholders.
 */
class AdobeRehearsalTest {

	private static final String FLOW_SERVICE = "/data/foundation/flowservice";

	private static final Sandbox SANDBOX = new Sandbox("dev");

	private static final WireMockServer adobe = new WireMockServer(WireMockConfiguration.options().dynamicPort());

	private AdobeHttp http;

	private FlowServiceClient flowService;

	@BeforeAll
	static void startAdobe() {
		adobe.start();
	}

	@AfterAll
	static void stopAdobe() {
		adobe.stop();
	}

	@BeforeEach
	void freshAdobe() {
		adobe.resetAll();
		adobe.stubFor(post("/ims/token/v3")
			.willReturn(okJson("{\"access_token\": \"tok\", \"token_type\": \"bearer\", \"expires_in\": 86399}")));
		AdobeSettings settings = AdobeClients.settings(adobe.baseUrl());
		this.http = AdobeClients.http(settings);
		this.flowService = new FlowServiceClient(this.http, settings, new SimpleMeterRegistry());
	}

	@Test
	void writesAreRecordedAsTheClientsBuildThemAndNeverSent() {
		AdobeRehearsal rehearsal = new AdobeRehearsal(this.http, this.flowService);
		rehearsal.standIn("7d0c6f5e-0000-4000-8000-000000000000", "{export.id}");

		rehearsal.writesOf("dataflow");
		AdobeRef flow = rehearsal.flowService()
			.createFlow(SANDBOX, new EntityName("churn_dataflow_7d0c6f5e-0000-4000-8000-000000000000", "churn"),
					"flow-spec", "{sourceConnection.id}", "{targetConnection.id}");
		rehearsal.writesOf("audiences");
		AdobeRef changed = rehearsal.flowService()
			.patchFlow(SANDBOX, flow, FlowPatch.mandatoryFields(null, List.of("Email")));
		rehearsal.writesOf("mappingSet");
		DataPrepRef mappingSet = rehearsal.conversion()
			.createMappingSet(SANDBOX, "churn_mapping-set", "{inputSchema.id}", "{outputSchema.id}",
					List.of(new ExportSpec.FieldMapping("identityMap.Phone_E.164", "phone")));

		adobe.verify(0, anyRequestedFor(urlPathMatching("/data/.*")));
		assertThat(flow).isEqualTo(new AdobeRef("{dataflow.id}", "{dataflow.etag}"));
		assertThat(changed).as("the flow, with the etag of the change")
			.isEqualTo(new AdobeRef("{dataflow.id}", "{audiences.etag}"));
		assertThat(mappingSet).as("a new Data Prep entity's version").isEqualTo(new DataPrepRef("{mappingSet.id}", 0));
		List<PlannedCall> calls = rehearsal.calls();
		assertThat(calls).extracting(PlannedCall::method, PlannedCall::path, PlannedCall::ifMatch)
			.containsExactly(org.assertj.core.groups.Tuple.tuple("POST", FLOW_SERVICE + "/flows", null),
					org.assertj.core.groups.Tuple.tuple("PATCH", FLOW_SERVICE + "/flows/{dataflow.id}",
							"{dataflow.etag}"),
					org.assertj.core.groups.Tuple.tuple("POST", "/data/foundation/conversion/mappingSets", null));
		JsonMapper json = JsonMapper.builder().build();
		assertThat(calls.get(0).body()).isEqualTo(json.readTree(
				"""
						{"name": "churn_dataflow_{export.id}", "description": "churn", "flowSpec": {"id": "flow-spec", "version": "1.0"},
						 "sourceConnectionIds": ["{sourceConnection.id}"], "targetConnectionIds": ["{targetConnection.id}"],
						 "transformations": [{"name": "GeneralTransform", "params": {"segmentSelectors": {"selectors": []},
						  "profileMapping": {}, "mandatoryFields": [], "primaryFields": []}}]}"""));
		assertThat(calls.get(1).body()).isEqualTo(json.readTree("""
				[{"op": "add", "path": "/transformations/0/params/mandatoryFields", "value": ["Email"]}]"""));
		assertThat(calls.get(2).body().path("mappings").path(0).path("source").asString())
			.as("escaped as the real client escapes it")
			.isEqualTo("identityMap.Phone_E//.164");
	}

	@Test
	void readsReachAdobeAndTheRealClientsCacheWhatTheyRead() {
		adobe.stubFor(get(FLOW_SERVICE + "/connectionSpecs/s3")
			.willReturn(okJson("{\"items\": [{\"id\": \"s3\", \"name\": \"Amazon S3\"}]}")));
		AdobeRehearsal rehearsal = new AdobeRehearsal(this.http, this.flowService);

		assertThat(rehearsal.flowService().connectionSpec(SANDBOX, "s3").id()).isEqualTo("s3");
		assertThat(this.flowService.connectionSpec(SANDBOX, "s3").id()).isEqualTo("s3");

		adobe.verify(1, getRequestedFor(urlPathEqualTo(FLOW_SERVICE + "/connectionSpecs/s3")));
		assertThat(rehearsal.calls()).isEmpty();
	}

	@Test
	void aRehearsalDeletesNothing() {
		AdobeRehearsal rehearsal = new AdobeRehearsal(this.http, this.flowService);

		assertThatIllegalStateException()
			.isThrownBy(() -> rehearsal.flowService().delete(SANDBOX, FlowServiceClient.Entity.FLOW, "f1"));

		adobe.verify(0, WireMock.deleteRequestedFor(anyUrl()));
	}

}
