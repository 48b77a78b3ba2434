package com.acme.aepexport.api;

import java.sql.SQLException;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.FilterType;
import org.springframework.context.annotation.Import;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import com.acme.aepexport.export.ChangeError;
import com.acme.aepexport.export.ExportId;
import com.acme.aepexport.export.ExportNotFound;
import com.acme.aepexport.export.ExportVersionMismatch;
import com.acme.aepexport.export.IdempotencyKeyReused;
import com.acme.aepexport.export.IllegalExportTransition;
import com.acme.aepexport.workflow.AdobeProblem;
import com.acme.aepexport.workflow.InvalidContinuationToken;
import com.acme.aepexport.workflow.NoDataflowYet;
import com.acme.aepexport.workflow.NotChangeableInPlace;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The problem every failure becomes, with only the web layer running: status, stable
 * {@code type}, title, the fields a caller fixes, and the headers that say when to try
 * again. What a real request provokes (a bad body, a database away) is in the ITs; this
 * is the mapping itself, for every exception the service throws to a caller.
 */
// Security is the ITs' (SecurityIT); the slice is the mapping of failures to problems.
// The slice is the API's: the console's advice and security chain, which need its own
// beans, are left out with the API's security.
@WebMvcTest(controllers = ProblemHandlerTest.Failing.class,
		excludeFilters = @ComponentScan.Filter(type = FilterType.REGEX,
				pattern = { "com\\.acme\\.aepexport\\.api\\.SecurityConfiguration",
						"com\\.acme\\.aepexport\\.console\\..*" }))
@Import({ ProblemHandlerTest.Failing.class, ProblemHandlerTest.Settings.class })
class ProblemHandlerTest {

	private static final ExportId ID = ExportId.of("7d1c2f0e-9b5a-4e8c-a3f1-2b6d0c9e8a47");

	@Autowired
	private MockMvcTester mvc;

	@Test
	void anUnknownExportIs404() {
		assertThat(fail("not-found")).hasStatus(404)
			.bodyJson()
			.isLenientlyEqualTo(
					"""
							{"type": "https://aep-export-facade.acme.com/problems/not-found", "title": "Export not found", "status": 404,
							 "instance": "/fail/not-found"}""");
	}

	@Test
	void aStateThatForbidsTheCallIs409() {
		assertThat(fail("transition")).hasStatus(409).bodyJson().isLenientlyEqualTo("""
				{"type": "https://aep-export-facade.acme.com/problems/conflict",
				 "title": "Not possible in the export's current state", "detail": "Export is RUNNING"}""");
		assertThat(fail("no-dataflow")).hasStatus(409).bodyJson().isLenientlyEqualTo("""
				{"type": "https://aep-export-facade.acme.com/problems/conflict", "title": "No dataflow yet"}""");
	}

	@Test
	void aStaleIfMatchIs412() {
		assertThat(fail("version")).hasStatus(412).bodyJson().isLenientlyEqualTo("""
				{"type": "https://aep-export-facade.acme.com/problems/version-mismatch",
				 "title": "The export changed since that version"}""");
	}

	@Test
	void whatCannotChangeInPlaceIs422NamingEachField() {
		assertThat(fail("not-changeable")).hasStatus(422).bodyJson().isLenientlyEqualTo("""
				{"errors": [
				  {"field": "destination", "message": "cannot change in place; create a new export"},
				  {"field": "mapping", "message": "cannot change in place; create a new export"}]}""");
		assertThat(fail("key-reused")).hasStatus(422).bodyJson().isLenientlyEqualTo("""
				{"title": "Idempotency-Key already used for another request"}""");
	}

	@Test
	void badFieldsAre400ListingEveryOne() {
		assertThat(fail("invalid")).hasStatus(400)
			.hasContentType(MediaType.APPLICATION_PROBLEM_JSON)
			.bodyJson()
			.isLenientlyEqualTo("""
					{"type": "https://aep-export-facade.acme.com/problems/validation", "status": 400,
					 "errors": [{"field": "audiences[0].id", "message": "must not be blank"},
					            {"field": "name", "message": "must not be blank"}]}""");
		assertThat(fail("token")).hasStatus(400).bodyJson().isLenientlyEqualTo("""
				{"errors": [{"field": "continuationToken"}]}""");
	}

	@Test
	void anAdobeRefusalIs502WithAdobesWordsAndNoRetryAfter() {
		MvcTestResult refused = fail("adobe-refused");

		assertThat(refused).hasStatus(502).doesNotContainHeader("Retry-After").bodyJson().isLenientlyEqualTo("""
				{"type": "https://aep-export-facade.acme.com/problems/adobe", "title": "Adobe refused the request",
				 "adobeStatus": 400, "adobeCode": "FLOW-1001", "detail": "bad selector"}""");
	}

	@Test
	void adobeUnavailableIs503WithRetryAfter() {
		assertThat(fail("adobe-unavailable")).hasStatus(503)
			.hasHeader("Retry-After", "5")
			.bodyJson()
			.isLenientlyEqualTo("""
					{"type": "https://aep-export-facade.acme.com/problems/adobe", "title": "Adobe is unavailable",
					 "adobeStatus": 503}""");
	}

	@Test
	void theDatabaseAwayIs503SayingNothingWasStored() {
		assertThat(fail("database")).hasStatus(503).hasHeader("Retry-After", "5").bodyJson().isLenientlyEqualTo("""
				{"type": "https://aep-export-facade.acme.com/problems/unavailable",
				 "detail": "The export store is unavailable; nothing was stored. Try again shortly."}""");
	}

	@Test
	void anythingElseIs500WithoutItsMessage() {
		assertThat(fail("bug")).hasStatus(500).bodyText().doesNotContain("s3cr3t");
	}

	private MvcTestResult fail(String what) {
		return this.mvc.get().uri("/fail/{what}", what).exchange();
	}

	@RestController
	static class Failing {

		@GetMapping("/fail/{what}")
		String fail(@PathVariable String what) throws SQLException {
			throw switch (what) {
				case "not-found" -> new ExportNotFound(ID);
				case "transition" -> new IllegalExportTransition("Export is RUNNING");
				case "no-dataflow" -> new NoDataflowYet(ID);
				case "version" -> new ExportVersionMismatch(ID, 3, 4);
				case "not-changeable" -> new NotChangeableInPlace(List.of("destination", "mapping"));
				case "key-reused" -> new IdempotencyKeyReused("k-1", ID);
				case "invalid" -> new InvalidRequest(List.of(new FieldProblem("name", "must not be blank"),
						new FieldProblem("audiences[0].id", "must not be blank")));
				case "token" -> new InvalidContinuationToken();
				case "adobe-refused" -> AdobeProblem.of(new ChangeError(400, "FLOW-1001", "bad selector", false));
				case "adobe-unavailable" -> AdobeProblem.of(new ChangeError(503, null, "busy", true));
				case "database" ->
					new DataAccessResourceFailureException("connection refused", new SQLException("gone", "08006"));
				default -> new IllegalStateException("a bug that quotes s3cr3t");
			};
		}

	}

	/** The web layer's own settings (body and concurrency limits), at their defaults. */
	@TestConfiguration(proxyBeanMethods = false)
	@EnableConfigurationProperties(ApiSettings.class)
	static class Settings {

	}

}
