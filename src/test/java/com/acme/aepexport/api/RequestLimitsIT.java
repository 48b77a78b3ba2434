package com.acme.aepexport.api;

import java.nio.charset.StandardCharsets;
import java.util.function.BiFunction;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.http.MediaType;

import com.acme.aepexport.support.AdobeJournal;
import com.acme.aepexport.support.IntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A body past one of the parse limits ({@code exports.requests.*}) is refused while it is
 * read, before it is a tree: a 400 problem naming the limit and its setting, nothing sent
 * to Adobe, nothing stored. The largest valid export is well within every limit.
 */
class RequestLimitsIT extends IntegrationTest {

	private static final String LIMIT_EXCEEDED = "https://aep-export-facade.acme.com/problems/request-limit-exceeded";

	/**
	 * A map of the emulator's union schema: any key under it is a field of the profiles.
	 */
	private static final String OPEN_FIELD = "segmentMembership.";

	static Stream<Case> bodiesPastALimit() {
		return Stream.of(new Case("arrays nested 17 deep", (body, sandbox) -> {
			ArrayNode nested = body.putArray("colour");
			for (int depth = 3; depth <= 17; depth++) {
				nested = nested.addArray();
			}
			return body.toString();
		}, "nests deeper than 16 levels (exports.requests.max-depth)"),
				new Case("an array of 60,000 numbers", (body, sandbox) -> {
					ArrayNode fields = body.putArray("mandatoryFields");
					for (int i = 0; i < 60_000; i++) {
						fields.add(0);
					}
					return body.toString();
				}, "holds more than 50000 tokens (names, values, brackets) (exports.requests.max-tokens)"),
				new Case("a name of 100,001 characters",
						(body, sandbox) -> body.put("name", "n".repeat(100_001)).toString(),
						"holds a string longer than 100000 characters (exports.requests.max-string-length)"),
				new Case("a number of 101 digits",
						(body, sandbox) -> body.toString().replace("\"churn-risk-weekly\"", "1" + "0".repeat(100)),
						"holds a number longer than 100 characters (exports.requests.max-number-length)"),
				new Case("a field name of 257 characters", (body, sandbox) -> body.put("f".repeat(257), "x").toString(),
						"holds a field name longer than 256 characters (exports.requests.max-name-length)"));
	}

	@ParameterizedTest
	@MethodSource("bodiesPastALimit")
	void aBodyPastALimitIsA400NamingItAndNothingReachesAdobe(Case past) {
		String sandbox = newSandbox();
		String body = past.body().apply(example("AMAZON_S3", sandbox), sandbox);

		JsonNode problem = this.api.post()
			.uri("/exports")
			.contentType(MediaType.APPLICATION_JSON)
			.body(body)
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody(JsonNode.class)
			.returnResult()
			.getResponseBody();

		assertThat(problem.path("type").asString()).isEqualTo(LIMIT_EXCEEDED);
		assertThat(problem.path("status").asInt()).isEqualTo(400);
		assertThat(problem.path("title").asString()).isEqualTo("Request body past a limit");
		assertThat(problem.path("detail").asString()).isEqualTo("The request body " + past.limit() + ".");
		assertThat(AdobeJournal.of(this.adobe, sandbox).calls()).isEmpty();
		assertThat(this.jdbc.queryForObject("select count(*) from export where sandbox = ?", Integer.class, sandbox))
			.isZero();
	}

	@Test
	void aChangePastALimitIsA400AndChangesNothingInAdobe() {
		String sandbox = newSandbox();
		String id = startExport(example("AMAZON_S3", sandbox));
		assertThat(awaitFinished(id).path("status").asString()).isEqualTo("SUCCEEDED");
		int callsBefore = AdobeJournal.of(this.adobe, sandbox).callsButRunReads().size();
		String deep = "{\"audiences\": " + "[".repeat(20) + "]".repeat(20) + "}";

		JsonNode problem = this.api.patch()
			.uri("/exports/{id}", id)
			.contentType(MediaType.valueOf(ChangeController.MERGE_PATCH))
			.body(deep)
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectBody(JsonNode.class)
			.returnResult()
			.getResponseBody();

		assertThat(problem.path("type").asString()).isEqualTo(LIMIT_EXCEEDED);
		assertThat(problem.path("detail").asString()).contains("exports.requests.max-depth");
		assertThat(AdobeJournal.of(this.adobe, sandbox).callsButRunReads()).hasSize(callsBefore);
	}

	/**
	 * Every list at its most, every audience with a schedule of its own, the longest
	 * texts: the defaults must take it.
	 */
	@Test
	void theLargestValidExportIsAccepted() {
		String sandbox = newSandbox();
		ObjectNode body = example("AMAZON_S3", sandbox);
		ArrayNode audiences = body.putArray("audiences");
		for (int i = 0; i < ExportRequest.MAX_AUDIENCES; i++) {
			ObjectNode audience = audiences.addObject()
				.put("id", "%08d-a8ba-4e6e-b6ba-95c0a523b44a".formatted(i))
				.put("name", "n".repeat(256))
				.put("filenameTemplate", "%DESTINATION%_%SEGMENT_ID%_%DATETIME(YYYYMMdd_HHmmss)%");
			audience.putObject("schedule")
				.put("exportMode", "DAILY_FULL_EXPORT")
				.put("frequency", "DAILY")
				.put("trigger", "SCHEDULED")
				.put("startDate", "2026-12-01")
				.put("endDate", "2027-12-01")
				.put("startTime", "06:00");
		}
		ArrayNode mapping = body.putArray("mapping");
		for (int i = 0; i < ExportRequest.MAX_MAPPINGS; i++) {
			// Under a map of the union schema (any key): a field the sandbox's profiles
			// have.
			mapping.addObject().put("source", OPEN_FIELD + "s".repeat(489) + i).put("target", "t".repeat(250) + i);
		}
		ArrayNode mandatory = body.putArray("mandatoryFields");
		for (int i = 0; i < 50; i++) {
			mandatory.add(OPEN_FIELD + "m".repeat(232) + i);
		}
		ArrayNode keys = body.putArray("deduplicationKeys");
		for (int i = 0; i < 20; i++) {
			keys.addObject().put("attribute", OPEN_FIELD + "k".repeat(489) + i);
		}
		((ObjectNode) body.get("file")).put("pgpPublicKey", "A".repeat(65_536));
		assertThat(body.toString().getBytes(StandardCharsets.UTF_8)).as("within exports.requests.max-body-size")
			.hasSizeLessThan(1024 * 1024);

		startExport(body);
	}

	record Case(String name, BiFunction<ObjectNode, String, String> body, String limit) {

		@Override
		public String toString() {
			return this.name;
		}

	}

}
