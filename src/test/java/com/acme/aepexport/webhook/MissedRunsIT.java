package com.acme.aepexport.webhook;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.context.bean.override.convention.TestBean;
import org.springframework.test.web.servlet.client.RestTestClient;

import com.acme.aepexport.emulator.RunScript;
import com.acme.aepexport.support.ExportsClient;
import com.acme.aepexport.support.IntegrationTest;
import com.acme.aepexport.support.MovableClock;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code run.missed} end to end: an export whose two audiences run every three hours, in
 * an Adobe (the emulator) where one audience's scheduled runs never appear. The service's
 * clock and the sandbox's time are moved on together to the schedule's windows, so the
 * test does not wait hours for them. This context's clock runs ahead of every other's: it
 * is closed after the class, so that its workers take no part in later tests.
 */
@TestPropertySource(properties = { "exports.webhooks.allow-http=true", "exports.webhooks.allowed-hosts=localhost",
		"exports.webhooks.poll-interval=100ms", "exports.webhooks.missed-run-grace=10m" })
@DirtiesContext
class MissedRunsIT extends IntegrationTest {

	private static final Duration GRACE = Duration.ofMinutes(10);

	private static final MovableClock CLOCK = new MovableClock();

	private static final WireMockServer receiver = new WireMockServer(options().dynamicPort());

	@TestBean(methodName = "movableClock")
	private Clock clock;

	@Autowired
	private MeterRegistry meters;

	static Clock movableClock() {
		return CLOCK;
	}

	@BeforeAll
	static void startReceiver() {
		receiver.start();
	}

	@AfterAll
	static void stopReceiver() {
		receiver.stop();
	}

	@Test
	void aScheduledRunThatDoesNotAppearIsToldOnceWithinAPollOfItsDeadlineAndNeverAgain() {
		String owner = WebhooksIT.newOwner();
		RestTestClient api = as(token(owner, "exports:read", "exports:write"));
		String path = "/missed/" + owner;
		receiver.stubFor(post(urlPathEqualTo(path)).willReturn(aResponse().withStatus(204)));
		String secret = WebhooksIT.subscribe(api, "http://localhost:" + receiver.port() + path, "run.missed")
			.path("secret")
			.asString();
		String sandbox = newSandbox();
		this.emulator.runScript(sandbox, RunScript.instantSuccess().onSchedule().missing("aud-missing"));
		// Two hours on, not the next hour: still ahead once the export exists, however
		// close
		// to the hour the test starts.
		Instant window = CLOCK.instant().truncatedTo(ChronoUnit.HOURS).plus(Duration.ofHours(2));
		ObjectNode body = example("DATA_LANDING_ZONE", sandbox);
		body.putObject("schedule")
			.put("exportMode", "FIRST_FULL_THEN_INCREMENTAL")
			.put("frequency", "EVERY_3_HOURS")
			.put("startDate", LocalDate.ofInstant(window, ZoneOffset.UTC).toString())
			.put("startTime", LocalTime.ofInstant(window, ZoneOffset.UTC).toString());
		body.putArray("audiences")
			.add(JSON.valueToTree(Map.of("id", "aud-on-time")))
			.add(JSON.valueToTree(Map.of("id", "aud-missing")));
		ExportsClient exports = new ExportsClient("http://localhost:" + this.port, owner);
		String id = exports.startExport(body);
		assertThat(exports.awaitFinished(id, Duration.ofSeconds(30)).path("status").asString()).isEqualTo("SUCCEEDED");
		// The runs made when the mapping was attached are read; no window has closed.
		JsonNode latest = await().atMost(Duration.ofSeconds(20))
			.until(() -> exports.getExport(id).path("latestRuns"), (runs) -> runs.size() == 2);
		String earlierRun = latest.valueStream()
			.filter((run) -> run.path("audienceId").asString().equals("aud-missing"))
			.findFirst()
			.orElseThrow()
			.path("runId")
			.asString();

		// Nine minutes after the window neither audience's scheduled run is late yet.
		moveOn(sandbox, Duration.between(CLOCK.instant(), window.plus(Duration.ofMinutes(9))));
		awaitJudgedUpTo(id, CLOCK.instant().minusSeconds(1));
		assertThat(receiver.findAll(postRequestedFor(urlPathEqualTo(path)))).isEmpty();

		// Past the deadline: the run that came is the scheduled one; the other is missed.
		moveOn(sandbox, Duration.ofMinutes(2));
		Instant pastDeadline = CLOCK.instant();
		LoggedRequest told = await().atMost(Duration.ofSeconds(20))
			.until(() -> receiver.findAll(postRequestedFor(urlPathEqualTo(path))), (requests) -> !requests.isEmpty())
			.getFirst();
		System.out.printf("run.missed told %d ms after its deadline passed (service clock)%n",
				Duration.between(pastDeadline, CLOCK.instant()).toMillis());
		SignatureCheck.assertSignedBy(secret, told, CLOCK.instant());
		JsonNode event = JSON.readTree(told.getBodyAsString());
		assertThat(event.path("type").asString()).isEqualTo("run.missed");
		JsonNode data = event.path("data");
		assertThat(data.path("exportId").asString()).isEqualTo(id);
		assertThat(data.path("audienceIds").valueStream().map(JsonNode::asString)).containsExactly("aud-missing");
		assertThat(Instant.parse(data.path("windowOpens").asString())).isEqualTo(window);
		assertThat(Instant.parse(data.path("windowCloses").asString())).isEqualTo(window);
		assertThat(Instant.parse(data.path("deadline").asString())).isEqualTo(window.plus(GRACE));
		assertThat(data.path("schedule").path("frequency").asString()).isEqualTo("EVERY_3_HOURS");
		assertThat(data.path("previousRun").path("runId").asString()).isEqualTo(earlierRun);
		assertThat(exports.getExport(id)
			.path("latestRuns")
			.valueStream()
			.filter((run) -> run.path("audienceId").asString().equals("aud-on-time"))
			.map((run) -> Instant.parse(run.path("createdAt").asString())))
			.as("the scheduled run that came, created at its window")
			.containsExactly(window);

		// Read again and again since: still told once.
		await().during(Duration.ofSeconds(3))
			.atMost(Duration.ofSeconds(6))
			.until(() -> receiver.findAll(postRequestedFor(urlPathEqualTo(path))).size() == 1);
		assertThat(missedRows(id))
			.containsExactly(Map.of("audience_id", "aud-missing", "window_opens", Timestamp.from(window)));

		// As if another instance had judged the same window before this one's read
		// committed: what it judged (the bound) is set back, and the window is judged
		// again, but the stored window is told by whoever stored it only.
		this.jdbc.update("update run_snapshot set missed_checked_until = ?, refresh_after = now() "
				+ "where export_id = ?::uuid", Timestamp.from(window), id);
		awaitJudgedUpTo(id, window.plus(GRACE));
		await().during(Duration.ofSeconds(2))
			.atMost(Duration.ofSeconds(5))
			.until(() -> receiver.findAll(postRequestedFor(urlPathEqualTo(path))).size() == 1);
		assertThat(missedRows(id)).hasSize(1);

		// The next window, three hours on, is missed too: told once more, for its time.
		moveOn(sandbox, Duration.ofHours(3));
		List<LoggedRequest> both = await().atMost(Duration.ofSeconds(20))
			.until(() -> receiver.findAll(postRequestedFor(urlPathEqualTo(path))), (requests) -> requests.size() >= 2);
		JsonNode next = JSON.readTree(both.get(1).getBodyAsString()).path("data");
		assertThat(next.path("audienceIds").valueStream().map(JsonNode::asString)).containsExactly("aud-missing");
		assertThat(Instant.parse(next.path("windowOpens").asString())).isEqualTo(window.plus(Duration.ofHours(3)));
		assertThat(both.get(1).getHeader("webhook-id")).isNotEqualTo(told.getHeader("webhook-id"));
		await().during(Duration.ofSeconds(2))
			.atMost(Duration.ofSeconds(5))
			.until(() -> receiver.findAll(postRequestedFor(urlPathEqualTo(path))).size() == 2);
		assertThat(missedRows(id)).hasSize(2);
		assertThat(this.meters.counter("aep.runs.missed").count()).isGreaterThanOrEqualTo(2);
	}

	/**
	 * The sandbox's time first, then the service's: a read between the two sees the runs
	 * that came without judging their window yet.
	 */
	private void moveOn(String sandbox, Duration time) {
		this.emulator.passTime(sandbox, time);
		CLOCK.moveOn(time);
	}

	/** Until a read has judged the export's windows whose deadline is up to then. */
	private void awaitJudgedUpTo(String exportId, Instant until) {
		await().atMost(Duration.ofSeconds(20))
			.until(() -> this.jdbc.queryForObject(
					"select missed_checked_until from run_snapshot where export_id = ?::uuid", Timestamp.class,
					exportId), (checked) -> checked != null && !checked.toInstant().isBefore(until));
	}

	private List<Map<String, Object>> missedRows(String exportId) {
		return this.jdbc.queryForList(
				"select audience_id, window_opens from missed_run where export_id = ?::uuid order by window_opens",
				exportId);
	}

}
