package com.acme.aepexport.export;

import java.util.List;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

class CallerRequestTest {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@Test
	void everyStringHoldingASecretIsRedactedWhereverItIsAndNothingElse() {
		JsonNode body = JSON.readTree("""
				{"name": "s3cr3t-key-in-a-name", "destination": {"path": "exports/churn", "note": "s3cr3t-key"},
				 "audiences": [{"id": "a1", "name": "keeps s3cr3t-key inside"}, {"id": "a2"}], "count": 2}""");

		CallerRequest redacted = new CallerRequest("alice", body).without(List.of("s3cr3t-key", ""));

		assertThat(redacted.body()).isEqualTo(JSON.readTree("""
				{"name": "[redacted]", "destination": {"path": "exports/churn", "note": "[redacted]"},
				 "audiences": [{"id": "a1", "name": "[redacted]"}, {"id": "a2"}], "count": 2}"""));
		assertThat(redacted.caller()).isEqualTo("alice");
		assertThat(body.path("destination").path("note").asString()).as("the body given is left as it was")
			.isEqualTo("s3cr3t-key");
	}

	@Test
	void noSecretsOrNoBodyLeaveTheRequestAsItIs() {
		CallerRequest patch = new CallerRequest("alice", JSON.readTree("{\"mandatoryFields\": []}"));

		assertThat(patch.without(List.of())).isSameAs(patch);
		assertThat(CallerRequest.by("bob").without(List.of("s3cr3t-key")).body()).isNull();
	}

}
