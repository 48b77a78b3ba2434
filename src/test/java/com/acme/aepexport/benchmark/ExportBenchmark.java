package com.acme.aepexport.benchmark;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import javax.management.ObjectName;

import com.github.tomakehurst.wiremock.http.HttpHeader;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.CountAtBucket;
import io.micrometer.core.instrument.distribution.HistogramSnapshot;
import jdk.jfr.Configuration;
import jdk.jfr.Recording;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.Lifecycle;
import org.springframework.test.context.TestPropertySource;

import com.acme.aepexport.benchmark.Measures.Accepted;
import com.acme.aepexport.support.AdobeJournal;
import com.acme.aepexport.support.IntegrationTest;
import com.acme.aepexport.support.StepCalls;
import com.acme.aepexport.workflow.StepNeeds;

import static com.acme.aepexport.benchmark.Measures.CAPACITY;
import static com.acme.aepexport.benchmark.Measures.CLIENTS;
import static com.acme.aepexport.benchmark.Measures.EXPORTS;
import static com.acme.aepexport.benchmark.Measures.LATENCY;
import static com.acme.aepexport.benchmark.Measures.POLLERS;
import static com.acme.aepexport.benchmark.Measures.concurrently;
import static com.acme.aepexport.benchmark.Measures.duration;
import static com.acme.aepexport.benchmark.Measures.percentiles;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What the service makes of Adobe's capacity, and its own costs, in one run, side by side
 * (issue 13). Prints figures in one block at the end; asserts only that every export
 * succeeded, never a time.
 * <ol>
 * <li><b>Backlog.</b> The emulator throttled as a real Adobe: every answer takes
 * {@code benchmark.latency} (L, 150 ms), a call beyond {@code benchmark.capacity} (C, 16)
 * in flight is a {@code 429}. {@code benchmark.backlog} exports (120) are queued while
 * the workers wait, then drained. The floor is the Adobe calls their work made (from the
 * request journal; runs reads, token calls and {@code 429}s left out) × L ÷ C, what an
 * Adobe that is never idle and never refuses needs; {@code budget_used} = floor ÷
 * wall.</li>
 * <li><b>One export</b> alone at {@code benchmark.single-latency} (200 ms), from its
 * {@code 202} to {@code SUCCEEDED}, against its critical path: the longest chain of its
 * Adobe calls that must wait for each other, each step's calls (from the journal) chained
 * by what the step table says each step needs ({@link StepNeeds}).</li>
 * <li><b>One call at a time.</b> The baseline a plain script makes of the same Adobe:
 * that one export's Adobe calls, as the journal recorded them, replayed one after the
 * other for {@code benchmark.baseline.exports} (10) exports, each id and etag Adobe
 * answered the original with replaced by the one it answered the replay with (so every
 * create, PATCH and If-Match is as real as the service's). Its {@code budget_used} hardly
 * depends on how many it replays: about 1 ÷ C.</li>
 * <li><b>Accept</b>, unthrottled: {@code POST /exports} with 1 client, then 8, while the
 * workers wait ({@code benchmark.exports}, 2,000, half each: with 200, the eight clients
 * were done in a third of a second, too soon for a rate; with 1,000 their half ran before
 * the JIT had compiled what an accept runs, at 3.6 ms of CPU each where 2,000 take 2.6
 * ms); then the workers drain them against an emulator that answers at once (the
 * service's own cost per export). {@code -Dbenchmark.jfr=target/accept.jfr} records a JFR
 * profile of this phase only. Then half as many again with the eight clients while the
 * workers run them against an Adobe throttled as for the backlog: the accept of a busy
 * service ({@code -Dbenchmark.working-jfr=target/working.jfr} profiles it).</li>
 * <li><b>Status polls.</b> {@code benchmark.pollers} (200) clients poll {@code GET
 * /exports/{id}} of finished exports whose runs the service already read (next due in
 * minutes), {@code benchmark.polls} (25) times each, throttled again; any Adobe call
 * naming one of those exports' flows during the polling was caused by a poll. The
 * service's own time per poll is told apart from its timer's buckets.</li>
 * </ol>
 * Not part of {@code ./mvnw verify}: {@code ./mvnw -o verify -Pbenchmark
 * -Dit.test=ExportBenchmark}. The latest-runs refresher keeps production's cadence here
 * (IntegrationTest's 2 s would read Adobe's runs of every finished export all the time);
 * logging is WARN so the figures are not buried, which also leaves out the cost of INFO
 * lines.
 */
@TestPropertySource(properties = { "logging.level.root=WARN", "logging.level.com.acme.aepexport.benchmark=INFO",
		"exports.latest-runs.interval=5m", "exports.latest-runs.interval-while-running=1m",
		"exports.latest-runs.poll-interval=5s", "exports.latest-runs.timeout=10s",
		"management.metrics.distribution.slo[http.server.requests]=5ms,10ms" })
class ExportBenchmark extends IntegrationTest {

	private static final int BACKLOG = Integer.getInteger("benchmark.backlog", 120);

	private static final Duration SINGLE_LATENCY = duration("benchmark.single-latency", "200ms");

	private static final int BASELINE_EXPORTS = Integer.getInteger("benchmark.baseline.exports", 10);

	private static final int POLLS = Integer.getInteger("benchmark.polls", 25);

	/**
	 * How often each poller polls: 0 (the default) back to back, the most the service can
	 * take; {@code 1s} as a dashboard or a client waiting for its export would.
	 */
	private static final Duration POLL_INTERVAL = duration("benchmark.poll-interval", "0s");

	private static final String JFR = System.getProperty("benchmark.jfr");

	/** Where to write a JFR profile of the accepts while the workers run. */
	private static final String WORKING_JFR = System.getProperty("benchmark.working-jfr");

	/** Where to write a class histogram of the heap after the accepted exports ran. */
	private static final String HISTOGRAM = System.getProperty("benchmark.histogram");

	private static final MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();

	/** Headers the JDK's client sets itself, or that must not be replayed as recorded. */
	private static final Set<String> NOT_REPLAYED = Set.of("host", "content-length", "connection", "expect", "upgrade",
			"transfer-encoding", "accept-encoding", "http2-settings");

	private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

	@Autowired
	private MeterRegistry meters;

	@Value("${exports.workers.concurrency}")
	private int concurrency;

	/** The db-scheduler workers of this instance, paused while exports are accepted. */
	@Autowired
	@Qualifier("exportWorkers")
	private Lifecycle workers;

	private String sandbox;

	private String token;

	@AfterEach
	void unthrottle() {
		this.emulator.unthrottled();
	}

	@Test
	void capacityLatencyAcceptAndPolls() throws Exception {
		this.sandbox = newSandbox();
		this.token = token(CALLER, "exports:read", "exports:write");
		String body = example("AMAZON_S3", this.sandbox).toString();
		// Warm-up: JIT, connection pools, the caches of connection specs and schemas.
		List<String> warmUp = new ArrayList<>();
		for (int i = 0; i < 20; i++) {
			warmUp.add(post(body).id());
		}
		awaitSucceeded(warmUp);

		Backlog backlog = backlog(body);
		Single single = single(body);
		Baseline baseline = baseline(single.calls());
		Accept accept = accept();
		Polls polls = polls(backlog.ids());

		String figures = """

				==== ExportBenchmark (issue 13) ==============================================
				Adobe emulator throttled: L = %d ms per answer, 429 (Retry-After: 1) above C = %d in flight
				backlog, %d exports queued, then drained by %d workers:
				  wall (workers start → last SUCCEEDED)  %.1f s = %.0f exports/min
				  Adobe calls of the export work          %.2f per export (%d; runs reads, tokens, 429s left out)
				  floor = calls × L ÷ C                   %.1f s
				  budget_used (floor ÷ wall), service      %.2f
				  429s the service caused                 %d (%.1f %% of its calls); peak in flight %d of %d
				  runs reads during the backlog           %d
				  the service's limit of calls to Adobe   %s (sampled every 10 ms)
				  its calls in flight                     mean %.1f
				  budget_used, one call at a time         %.2f (%d exports replayed serially, %d calls each:
				                                          %.1f s; %d of %d answers as the originals')
				one export alone, L = %d ms:
				  wall (202 → SUCCEEDED)                  %.2f s (last step completed at +%.2f s)
				  critical path                           %d calls × %d ms = %.2f s: %s
				  wall ÷ critical path                    %.2f
				  first Adobe call after acceptance       %.0f ms (createdAt → the emulator's log of it)
				  its Adobe calls                         %d (%s)
				accept, POST /exports (emulator unthrottled, workers paused, %d exports):
				  1 client                                %s
				  %d clients                               %s; %.0f accepted/s
				                                          %.1f ms in the server on average (http.server.requests)
				  CPU (the service's and the clients')    %s
				  database connections                    %s
				  Adobe calls during the accepts          %d
				  then drained unthrottled                %.1f s = %.0f exports/min; one export's 13 steps %s
				  heap after GC, service + emulator       %.1f MiB before, %.1f MiB after (%+.1f KiB per export)
				  of which the service's                  %+.1f KiB per export (the emulator's copy of Adobe dropped)
				accept while the workers run exports (Adobe throttled as for the backlog, %d exports after %d uncounted):
				  %d clients                               %s; %.0f accepted/s
				  CPU (the workers' and emulator's in)    %s
				  database connections                    %s
				status polls, GET /exports/{id}, %d clients × %d polls (%s) of %d finished exports (throttled):
				  latency                                 %s
				  a poller's first poll (new connection)  %s
				  in the server, first polls included     %s
				  throughput                              %.0f polls/s
				  Adobe calls naming a polled export      %d (other calls meanwhile: %d, %d of them runs reads)
				JVM: %s %s, %d processors, max heap %.0f MiB; %s
				==============================================================================
				"""
			.formatted(LATENCY.toMillis(), CAPACITY, BACKLOG, this.concurrency, backlog.wallSeconds(),
					BACKLOG / backlog.wallSeconds() * 60, (double) backlog.calls() / BACKLOG, backlog.calls(),
					backlog.floorSeconds(), backlog.floorSeconds() / backlog.wallSeconds(), backlog.throttled(),
					100.0 * backlog.throttled() / (backlog.calls() + backlog.throttled()), backlog.peakInFlight(),
					CAPACITY, backlog.runsReads(), backlog.limits(), backlog.meanInFlight(),
					baseline.floorSeconds() / baseline.wallSeconds(), BASELINE_EXPORTS, single.calls().size(),
					baseline.wallSeconds(), baseline.sameStatus(), baseline.calls(), SINGLE_LATENCY.toMillis(),
					single.wallSeconds(), single.lastStepSeconds(), single.criticalCalls(), SINGLE_LATENCY.toMillis(),
					single.criticalSeconds(), single.criticalChain(), single.wallSeconds() / single.criticalSeconds(),
					single.firstCallMillis(), single.calls().size(), single.callsPerStep(), EXPORTS,
					percentiles(accept.sequential()), CLIENTS, percentiles(accept.concurrent()),
					accept.acceptedPerSecond(), accept.serverMillis(), accept.cpu(), accept.connections(),
					accept.adobeCalls(), accept.drainSeconds(), EXPORTS / accept.drainSeconds() * 60,
					percentiles(accept.runMillis()), accept.heapBefore() / 1048576.0, accept.heapAfter() / 1048576.0,
					(accept.heapAfter() - accept.heapBefore()) / 1024.0 / EXPORTS,
					(accept.heapWithoutEmulator() - accept.heapBefore()) / 1024.0 / EXPORTS, EXPORTS / 2, EXPORTS,
					CLIENTS, percentiles(accept.working().millis()), accept.working().acceptedPerSecond(),
					accept.working().cpu(), accept.working().connections(), POLLERS, POLLS,
					POLL_INTERVAL.isZero() ? "back to back" : "one every " + POLL_INTERVAL.toMillis() + " ms each",
					polls.exports(), percentiles(polls.millis()), percentiles(polls.firstMillis()), polls.inServer(),
					polls.perSecond(), polls.adobeCallsNamingPolled(), polls.otherCalls(), polls.otherRunsReads(),
					System.getProperty("java.vm.name"), System.getProperty("java.version"),
					Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() / 1048576.0,
					this.jdbc.queryForObject("select 'PostgreSQL ' || current_setting('server_version') || ', fsync '"
							+ " || current_setting('fsync') || ', synchronous_commit '"
							+ " || current_setting('synchronous_commit')", String.class));
		System.out.println(figures);
	}

	/**
	 * Queues the backlog while the workers wait, then lets them drain it against the
	 * throttled emulator.
	 */
	private Backlog backlog(String body) throws Exception {
		this.emulator.throttle(LATENCY, CAPACITY);
		List<String> ids = new ArrayList<>();
		this.workers.stop();
		Instant start;
		try {
			concurrently(BACKLOG, () -> post(body)).forEach((accepted) -> ids.add(accepted.id()));
			this.emulator.throttle(LATENCY, CAPACITY); // peak in flight from here
			this.adobe.resetRequests();
			start = Instant.now();
		}
		finally {
			this.workers.start();
		}
		LimitSamples limits = new LimitSamples(this.meters);
		List<JsonNode> finished;
		try {
			finished = awaitSucceeded(ids);
		}
		finally {
			limits.stop();
		}
		double wall = seconds(start, lastUpdate(finished));
		int calls = 0;
		int throttled = 0;
		int runsReads = 0;
		for (ServeEvent event : this.adobe.getAllServeEvents()) {
			if (isToken(event)) {
				continue;
			}
			if (isRunsRead(event)) {
				runsReads++;
			}
			else if (event.getResponse().getStatus() == 429) {
				throttled++;
			}
			else {
				calls++;
			}
		}
		double floor = calls * LATENCY.toMillis() / 1000.0 / CAPACITY;
		return new Backlog(ids, wall, calls, floor, throttled, runsReads, this.emulator.peakInFlight(), limits.share(),
				limits.meanInFlight());
	}

	/**
	 * One export alone, from the moment its 202 arrives; its critical path from its calls
	 * and the step table.
	 */
	private Single single(String body) throws Exception {
		this.emulator.throttle(SINGLE_LATENCY, CAPACITY);
		this.adobe.resetRequests();
		Accepted accepted = post(body);
		Instant answered = Instant.now();
		JsonNode export = await().atMost(Duration.ofMinutes(2))
			.pollInterval(Duration.ofMillis(10))
			.until(() -> getExport(accepted.id()),
					(current) -> !current.path("status").asString().matches("PENDING|RUNNING"));
		assertThat(export.path("status").asString()).as("%s", export.path("error")).isEqualTo("SUCCEEDED");
		double wall = seconds(answered, Instant.parse(export.path("updatedAt").asString()));
		double lastStep = seconds(answered, lastStepCompleted(export));
		List<ServeEvent> calls = AdobeJournal.of(this.adobe, this.sandbox)
			.calls()
			.stream()
			.map(AdobeJournal.Call::event)
			.filter((event) -> !isToken(event) && !isRunsRead(event))
			.toList();
		AdobeJournal journal = AdobeJournal.of(this.adobe, this.sandbox);
		Map<String, Integer> perStep = new LinkedHashMap<>();
		int attributed = 0;
		for (StepCalls.Request request : stepRequests()) {
			int count = request.calls(journal).size();
			if (count > 0) {
				perStep.merge(request.step(), count, Integer::sum);
				attributed += count;
			}
		}
		// Longest chain of calls through the step table, in table order (needs first).
		Map<String, Integer> longest = new HashMap<>();
		Map<String, String> via = new HashMap<>();
		for (Map.Entry<String, Set<String>> step : StepNeeds.table().entrySet()) {
			String before = step.getValue()
				.stream()
				.max((a, b) -> Integer.compare(longest.get(a), longest.get(b)))
				.orElse(null);
			longest.put(step.getKey(),
					perStep.getOrDefault(step.getKey(), 0) + ((before != null) ? longest.get(before) : 0));
			via.put(step.getKey(), before);
		}
		String end = longest.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
		List<String> chain = new ArrayList<>();
		for (String step = end; step != null; step = via.get(step)) {
			if (perStep.getOrDefault(step, 0) > 0) {
				chain.addFirst(step + ((perStep.get(step) > 1) ? " ×" + perStep.get(step) : ""));
			}
		}
		int critical = longest.get(end);
		String callsPerStep = perStep.entrySet()
			.stream()
			.map((entry) -> entry.getKey() + " " + entry.getValue())
			.reduce((a, b) -> a + ", " + b)
			.orElse("none") + ((calls.size() > attributed) ? "; " + (calls.size() - attributed) + " not a step's" : "");
		// From the export's acceptance (its createdAt, before the commit) to Adobe
		// receiving
		// the first step's call: the insert, the commit, the wake-up and the claim.
		double firstCallMillis = Duration.between(Instant.parse(export.path("createdAt").asString()),
				calls.stream()
					.map((event) -> event.getRequest().getLoggedDate().toInstant())
					.min(Instant::compareTo)
					.orElseThrow())
			.toNanos() / 1e6;
		return new Single(wall, lastStep, calls, critical, critical * SINGLE_LATENCY.toMillis() / 1000.0,
				String.join(" → ", chain), callsPerStep, firstCallMillis);
	}

	/**
	 * The one-call-at-a-time baseline: the single export's calls replayed in the order
	 * Adobe received them, one export after another, against the throttled emulator.
	 */
	private Baseline baseline(List<ServeEvent> sequence) throws Exception {
		this.emulator.throttle(LATENCY, CAPACITY);
		int calls = 0;
		int sameStatus = 0;
		long start = System.nanoTime();
		for (int export = 0; export < BASELINE_EXPORTS; export++) {
			Map<String, String> renamed = new LinkedHashMap<>();
			for (ServeEvent original : sequence) {
				HttpResponse<String> replayed = replay(original.getRequest(), renamed);
				calls++;
				if (replayed.statusCode() == original.getResponse().getStatus()) {
					sameStatus++;
				}
				learnRenames(original, replayed, renamed);
			}
		}
		double wall = (System.nanoTime() - start) / 1e9;
		double floor = calls * LATENCY.toMillis() / 1000.0 / CAPACITY;
		return new Baseline(wall, floor, calls, sameStatus);
	}

	private HttpResponse<String> replay(LoggedRequest request, Map<String, String> renamed) throws Exception {
		String body = request.getBodyAsString();
		HttpRequest.Builder builder = HttpRequest
			.newBuilder(URI.create(this.adobe.baseUrl() + renamed(request.getUrl(), renamed)))
			.method(request.getMethod().getName(),
					(body == null || body.isEmpty()) ? HttpRequest.BodyPublishers.noBody()
							: HttpRequest.BodyPublishers.ofString(renamed(body, renamed)));
		for (HttpHeader header : request.getHeaders().all()) {
			if (!NOT_REPLAYED.contains(header.key().toLowerCase(Locale.ROOT))) {
				header.values().forEach((value) -> builder.header(header.key(), renamed(value, renamed)));
			}
		}
		return this.http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
	}

	/**
	 * Pairs the ids and etags Adobe answered the original with those it answered the
	 * replay with: the calls that follow name them.
	 */
	private static void learnRenames(ServeEvent original, HttpResponse<String> replayed, Map<String, String> renamed) {
		HttpHeader originalEtag = original.getResponse().getHeaders().getHeader("ETag");
		if (originalEtag.isPresent()) {
			replayed.headers().firstValue("ETag").ifPresent((etag) -> rename(originalEtag.firstValue(), etag, renamed));
		}
		try {
			pairIds(JSON.readTree(original.getResponse().getBodyAsString()), JSON.readTree(replayed.body()), renamed);
		}
		catch (RuntimeException notJson) {
			// nothing to learn from an answer without a JSON body
		}
	}

	private static void pairIds(JsonNode original, JsonNode replayed, Map<String, String> renamed) {
		if (original == null || replayed == null) {
			return;
		}
		if (original.isObject() && replayed.isObject()) {
			for (Map.Entry<String, JsonNode> field : original.properties()) {
				JsonNode other = replayed.get(field.getKey());
				if (other == null) {
					continue;
				}
				if (field.getValue().isString() && other.isString() && (field.getKey().equals("id")
						|| field.getKey().equals("etag") || field.getKey().endsWith("Id"))) {
					rename(field.getValue().asString(), other.asString(), renamed);
				}
				else {
					pairIds(field.getValue(), other, renamed);
				}
			}
		}
		else if (original.isArray() && replayed.isArray()) {
			Iterator<JsonNode> others = replayed.valueStream().iterator();
			for (JsonNode element : original.valueStream().toList()) {
				if (!others.hasNext()) {
					return;
				}
				pairIds(element, others.next(), renamed);
			}
		}
	}

	private static void rename(String original, String replayed, Map<String, String> renamed) {
		if (original != null && replayed != null && !original.isEmpty() && !original.equals(replayed)) {
			renamed.put(original, replayed);
		}
	}

	private static String renamed(String text, Map<String, String> renamed) {
		String result = text;
		for (Map.Entry<String, String> rename : renamed.entrySet()) {
			result = result.replace(rename.getKey(), rename.getValue());
		}
		return result;
	}

	/**
	 * Accepting, alone and unthrottled: the workers wait, so what is measured is the
	 * request's own cost; then the workers drain the queue.
	 */
	private Accept accept() throws Exception {
		this.emulator.unthrottled();
		// A sandbox of its own, warmed up (its connection spec and schemas cached): the
		// emulator's copy of its entities can be dropped afterwards, to tell the
		// service's heap from the stand-in's (the warm-up's entities go with them: the
		// service's figure is low by at most 5 exports' worth of Adobe entities).
		String sandbox = newSandbox();
		String body = example("AMAZON_S3", sandbox).toString();
		List<String> warmUp = new ArrayList<>();
		for (int i = 0; i < 5; i++) {
			warmUp.add(post(body).id());
		}
		awaitSucceeded(warmUp);
		long heapBefore = heapAfterGc();
		this.adobe.resetRequests();
		Timer accepting = this.meters.timer("http.server.requests", "method", "POST", "uri", "/exports", "status",
				"202", "outcome", "SUCCESS", "error", "none", "exception", "none");
		long acceptedBefore = accepting.count();
		double acceptSecondsBefore = accepting.totalTime(TimeUnit.SECONDS);
		List<Accepted> sequential = new ArrayList<>();
		List<Accepted> concurrent;
		double concurrentSeconds;
		String cpu;
		String connections;
		int adobeCalls;
		this.workers.stop();
		try (PhaseProfile profile = PhaseProfile.start(JFR)) {
			for (int i = 0; i < EXPORTS / 2; i++) {
				sequential.add(post(body));
			}
			long concurrentStart = System.nanoTime();
			CpuUse cpuStart = CpuUse.now();
			try (ConnectionWaits waits = new ConnectionWaits(this.meters)) {
				concurrent = concurrently(EXPORTS - EXPORTS / 2, () -> post(body));
				concurrentSeconds = (System.nanoTime() - concurrentStart) / 1e9;
				cpu = cpuStart.per(concurrent.size());
				connections = waits.since();
			}
			profile.write();
			adobeCalls = (int) this.adobe.getAllServeEvents()
				.stream()
				.filter((event) -> !isToken(event) && !isRunsRead(event))
				.count();
		}
		finally {
			this.workers.start();
		}
		double serverMillis = (accepting.totalTime(TimeUnit.SECONDS) - acceptSecondsBefore) * 1000
				/ (accepting.count() - acceptedBefore);
		Instant drainStart = Instant.now();
		List<String> ids = new ArrayList<>();
		sequential.forEach((accepted) -> ids.add(accepted.id()));
		concurrent.forEach((accepted) -> ids.add(accepted.id()));
		List<JsonNode> finished = awaitSucceeded(ids);
		double drainSeconds = seconds(drainStart, lastUpdate(finished));
		// WireMock's journal is the test's, not the service's: out of the heap figure.
		this.adobe.resetRequests();
		long heapAfter = heapAfterGc();
		this.emulator.forget(sandbox);
		long heapWithoutEmulator = heapAfterGc();
		if (HISTOGRAM != null) {
			// What the heap holds after the exports finished, by class: whose memory the
			// figure is (the service's, the emulator's, the test's).
			Files.writeString(Path.of(HISTOGRAM),
					(String) ManagementFactory.getPlatformMBeanServer()
						.invoke(new ObjectName("com.sun.management:type=DiagnosticCommand"), "gcClassHistogram",
								new Object[] { new String[0] }, new String[] { String[].class.getName() }));
		}
		Working working = acceptWhileWorking(body);
		return new Accept(sequential.stream().map(Accepted::millis).toList(),
				concurrent.stream().map(Accepted::millis).toList(), concurrent.size() / concurrentSeconds, serverMillis,
				cpu, connections, working, adobeCalls, drainSeconds,
				finished.stream().map(ExportBenchmark::runMillis).toList(), heapBefore, heapAfter, heapWithoutEmulator);
	}

	/**
	 * Accepting while the workers run exports against an Adobe that answers as the
	 * backlog's does (latency L, {@code 429} above C calls in flight): what a caller sees
	 * from a service that is busy with earlier exports. The accepted exports are then
	 * drained unthrottled, so that the polls that follow find nothing running.
	 */
	private Working acceptWhileWorking(String body) throws Exception {
		this.emulator.throttle(LATENCY, CAPACITY);
		List<Accepted> warmUp;
		List<Accepted> accepted;
		double seconds;
		String cpu;
		String connections;
		try {
			// The workers meet Adobe's 429s, retries and a shrinking limit here, and the
			// JIT compiles those paths while the first accepts run: 2.3 to 3.5 s of
			// compiling in the 3 s of 1,000 cold accepts, about a core of two. Twice as
			// many go first, uncounted, as a service that has run a while would have had.
			warmUp = concurrently(EXPORTS, () -> post(body));
			try (ConnectionWaits waits = new ConnectionWaits(this.meters);
					PhaseProfile profile = PhaseProfile.start(WORKING_JFR)) {
				long start = System.nanoTime();
				CpuUse cpuStart = CpuUse.now();
				accepted = concurrently(EXPORTS / 2, () -> post(body));
				seconds = (System.nanoTime() - start) / 1e9;
				cpu = cpuStart.per(accepted.size());
				connections = waits.since();
				profile.write();
			}
		}
		finally {
			this.emulator.unthrottled();
		}
		awaitSucceeded(Stream.concat(warmUp.stream(), accepted.stream()).map(Accepted::id).toList());
		return new Working(accepted.stream().map(Accepted::millis).toList(), accepted.size() / seconds, cpu,
				connections);
	}

	/**
	 * Many clients polling finished exports whose runs were read already (next read
	 * minutes away): an Adobe call naming one of their flows meanwhile is a poll's.
	 */
	private Polls polls(List<String> candidates) throws Exception {
		this.emulator.throttle(LATENCY, CAPACITY);
		List<JsonNode> read = await().atMost(Duration.ofMinutes(2))
			.pollInterval(Duration.ofSeconds(1))
			.until(() -> candidates.stream()
				.map(this::getExport)
				.filter((export) -> export.path("latestRunsAsOf").isString())
				.toList(), (exports) -> exports.size() >= Math.min(20, candidates.size()));
		List<String> ids = read.stream().map((export) -> export.path("id").asString()).toList();
		Set<String> flows = Set.copyOf(read.stream().map((export) -> export.path("flowId").asString()).toList());
		this.adobe.resetRequests();
		ServerTimes served = new ServerTimes(this.meters);
		List<Double> millis = Collections.synchronizedList(new ArrayList<>());
		// A poller's first poll opens its connection; a client polling once a second
		// keeps it open after that (keep-alive), so the two are told apart.
		List<Double> firstMillis = Collections.synchronizedList(new ArrayList<>());
		CountDownLatch go = new CountDownLatch(1);
		long start;
		try (ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
			List<Future<?>> pollers = new ArrayList<>();
			for (int client = 0; client < POLLERS; client++) {
				pollers.add(clients.submit(() -> {
					go.await();
					// Paced pollers start spread over one interval, as independent
					// clients do.
					long next = System.nanoTime()
							+ ThreadLocalRandom.current().nextLong(Math.max(1, POLL_INTERVAL.toNanos()));
					for (int poll = 0; poll < POLLS; poll++) {
						if (!POLL_INTERVAL.isZero()) {
							Thread.sleep(Duration.ofNanos(Math.max(0, next - System.nanoTime())));
							next += POLL_INTERVAL.toNanos();
						}
						String id = ids.get(ThreadLocalRandom.current().nextInt(ids.size()));
						long sent = System.nanoTime();
						HttpResponse<String> answer = this.http
							.send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + "/exports/" + id))
								.header("Authorization", "Bearer " + this.token)
								.build(), HttpResponse.BodyHandlers.ofString());
						((poll == 0) ? firstMillis : millis).add((System.nanoTime() - sent) / 1e6);
						assertThat(answer.statusCode()).isEqualTo(200);
					}
					return null;
				}));
			}
			start = System.nanoTime();
			go.countDown();
			for (Future<?> poller : pollers) {
				poller.get();
			}
		}
		double seconds = (System.nanoTime() - start) / 1e9;
		String inServer = served.since();
		int naming = 0;
		int other = 0;
		int otherRuns = 0;
		for (ServeEvent event : this.adobe.getAllServeEvents()) {
			if (isToken(event)) {
				continue;
			}
			String request = event.getRequest().getUrl() + " " + event.getRequest().getBodyAsString();
			if (flows.stream().anyMatch(request::contains)) {
				naming++;
			}
			else {
				other++;
				otherRuns += isRunsRead(event) ? 1 : 0;
			}
		}
		return new Polls(ids.size(), millis, firstMillis, inServer, (millis.size() + firstMillis.size()) / seconds,
				naming, other, otherRuns);
	}

	/** The requests of every step, to tell which step each Adobe call was for. */
	private static List<StepCalls.Request> stepRequests() {
		List<StepCalls.Request> requests = new ArrayList<>();
		requests.add(new StepCalls.Request("CONNECTION_SPEC", "GET",
				Pattern.quote(AdobeJournal.FLOW_SERVICE + "/connectionSpecs/") + "[^/]+", null));
		requests.add(new StepCalls.Request("PROFILE_SCHEMA", "GET",
				Pattern.quote("/data/core/ups/config/entityTypes/_xdm.context.profile"), null));
		requests.add(new StepCalls.Request("PROFILE_SCHEMA", "GET", Pattern.quote("/data/core/idnamespace/identities"),
				null));
		for (StepCalls.Create create : StepCalls.Create.values()) {
			requests.add(create.request());
		}
		for (StepCalls.FlowPatch patch : StepCalls.FlowPatch.values()) {
			requests.add(patch.request());
		}
		return requests;
	}

	private static boolean isToken(ServeEvent event) {
		return event.getRequest().getUrl().startsWith("/ims/");
	}

	private static boolean isRunsRead(ServeEvent event) {
		String url = event.getRequest().getUrl();
		return url.contains("/runs") && event.getRequest().getMethod().getName().equals("GET");
	}

	private static double runMillis(JsonNode export) {
		Instant first = null;
		Instant last = null;
		for (JsonNode step : export.path("steps")) {
			if (step.path("startedAt").isString()) {
				Instant started = Instant.parse(step.path("startedAt").asString());
				first = (first == null || started.isBefore(first)) ? started : first;
			}
			if (step.path("completedAt").isString()) {
				Instant completed = Instant.parse(step.path("completedAt").asString());
				last = (last == null || completed.isAfter(last)) ? completed : last;
			}
		}
		return Duration.between(first, last).toNanos() / 1e6;
	}

	private static Instant lastStepCompleted(JsonNode export) {
		Instant last = null;
		for (JsonNode step : export.path("steps")) {
			if (step.path("completedAt").isString()) {
				Instant completed = Instant.parse(step.path("completedAt").asString());
				last = (last == null || completed.isAfter(last)) ? completed : last;
			}
		}
		return last;
	}

	private static Instant lastUpdate(List<JsonNode> exports) {
		return exports.stream()
			.map((export) -> Instant.parse(export.path("updatedAt").asString()))
			.max(Instant::compareTo)
			.orElseThrow();
	}

	private static double seconds(Instant from, Instant to) {
		return Duration.between(from, to).toNanos() / 1e9;
	}

	private Accepted post(String body) throws Exception {
		return Measures.post(this.http, "http://localhost:" + this.port, this.token, body);
	}

	private List<JsonNode> awaitSucceeded(List<String> ids) {
		List<JsonNode> finished = new ArrayList<>();
		for (String id : ids) {
			JsonNode export = await().atMost(Duration.ofMinutes(10))
				.pollInterval(Duration.ofMillis(50))
				.until(() -> getExport(id), (current) -> !current.path("status").asString().matches("PENDING|RUNNING"));
			assertThat(export.path("status").asString()).as("%s", export.path("error")).isEqualTo("SUCCEEDED");
			finished.add(export);
		}
		return finished;
	}

	/**
	 * The CPU a phase used: the JVM's per accept (the clients run in it too), the JIT's
	 * compiling within it, and how busy the machine's processors were (Linux's
	 * {@code /proc/stat}; PostgreSQL runs beside us, so this says whether the cores were
	 * the limit).
	 */
	private record CpuUse(long processNanos, long compilingMillis, long[] machine, long wallNanos) {

		static CpuUse now() {
			return new CpuUse(
					((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
						.getProcessCpuTime(),
					ManagementFactory.getCompilationMXBean().getTotalCompilationTime(), Measures.machineTicks(),
					System.nanoTime());
		}

		String per(int accepts) {
			CpuUse end = now();
			double cores = Runtime.getRuntime().availableProcessors();
			double wallSeconds = (end.wallNanos - this.wallNanos) / 1e9;
			String busy = (this.machine != null && end.machine != null)
					? "; the machine's processors %.0f %% busy, the JVM %.0f %% of them".formatted(
							Measures.busyPercent(this.machine, end.machine),
							100.0 * (end.processNanos - this.processNanos) / 1e9 / wallSeconds / cores)
					: "";
			return "%.2f ms of the JVM's per accept, %d ms of JIT compiling meanwhile%s".formatted(
					(end.processNanos - this.processNanos) / 1e6 / accepts, end.compilingMillis - this.compilingMillis,
					busy);
		}

	}

	private static long heapAfterGc() {
		System.gc();
		return MEMORY.getHeapMemoryUsage().getUsed();
	}

	private record Backlog(List<String> ids, double wallSeconds, int calls, double floorSeconds, int throttled,
			int runsReads, int peakInFlight, String limits, double meanInFlight) {

	}

	/**
	 * A JFR profile of one phase (CPU samples every 2 ms), written to the path given once
	 * the phase's figures are taken; nothing without a path. Closed when the phase ends,
	 * however it ends.
	 */
	private static final class PhaseProfile implements AutoCloseable {

		private final Recording recording;

		private final String path;

		private PhaseProfile(Recording recording, String path) {
			this.recording = recording;
			this.path = path;
		}

		static PhaseProfile start(String path) throws Exception {
			if (path == null) {
				return new PhaseProfile(null, null);
			}
			Recording recording = new Recording(Configuration.getConfiguration("profile"));
			recording.enable("jdk.ExecutionSample").withPeriod(Duration.ofMillis(2));
			recording.start();
			return new PhaseProfile(recording, path);
		}

		void write() throws IOException {
			if (this.recording != null) {
				this.recording.stop();
				this.recording.dump(Path.of(this.path));
			}
		}

		@Override
		public void close() {
			if (this.recording != null) {
				this.recording.close();
			}
		}

	}

	/**
	 * Waits for a database connection over a phase, from Hikari's meters: the mean time
	 * to take one, by whoever took it (the workers too, while they run), and the most
	 * callers seen waiting at once, sampled every 10 ms (a shorter wait goes unseen).
	 */
	private static final class ConnectionWaits implements AutoCloseable {

		private final Timer acquire;

		private final long count;

		private final double millis;

		private int mostPending;

		private final ScheduledExecutorService sampler = Executors
			.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().factory());

		ConnectionWaits(MeterRegistry meters) {
			this.acquire = meters.get("hikaricp.connections.acquire").timer();
			this.count = this.acquire.count();
			this.millis = this.acquire.totalTime(TimeUnit.MILLISECONDS);
			Gauge pending = meters.get("hikaricp.connections.pending").gauge();
			this.sampler.scheduleAtFixedRate(() -> {
				synchronized (this) {
					this.mostPending = Math.max(this.mostPending, (int) pending.value());
				}
			}, 0, 10, TimeUnit.MILLISECONDS);
		}

		synchronized String since() {
			long taken = this.acquire.count() - this.count;
			return "%.2f ms on average to take one (%d taken, by every caller); at most %d seen waiting".formatted(
					(this.acquire.totalTime(TimeUnit.MILLISECONDS) - this.millis) / Math.max(1, taken), taken,
					this.mostPending);
		}

		@Override
		public void close() {
			this.sampler.shutdownNow();
		}

	}

	/**
	 * The adaptive limit of calls to Adobe and the calls in flight, as the service's
	 * gauges say them, every 10 ms while the backlog drains: where the limit spent its
	 * time tells a ramp, a plateau and the dips after {@code 429}s apart.
	 */
	private static final class LimitSamples {

		private final Map<Integer, Integer> limits = new TreeMap<>();

		private long inFlight;

		private int samples;

		private final ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();

		LimitSamples(MeterRegistry meters) {
			this.sampler.scheduleAtFixedRate(() -> {
				synchronized (this) {
					this.limits.merge((int) meters.get("aep.adobe.concurrency.limit").gauge().value(), 1, Integer::sum);
					this.inFlight += (long) meters.get("aep.adobe.concurrency.in-flight").gauge().value();
					this.samples++;
				}
			}, 0, 10, TimeUnit.MILLISECONDS);
		}

		void stop() {
			this.sampler.shutdownNow();
		}

		/** The share of the samples at each limit, e.g. "16: 80 %, 15: 12 %". */
		synchronized String share() {
			return this.limits.entrySet()
				.stream()
				.sorted(Map.Entry.<Integer, Integer>comparingByKey().reversed())
				.filter((limit) -> limit.getValue() * 100 >= this.samples)
				.map((limit) -> "%d: %.0f %%".formatted(limit.getKey(), 100.0 * limit.getValue() / this.samples))
				.collect(Collectors.joining(", "));
		}

		synchronized double meanInFlight() {
			return (double) this.inFlight / Math.max(1, this.samples);
		}

	}

	private record Single(double wallSeconds, double lastStepSeconds, List<ServeEvent> calls, int criticalCalls,
			double criticalSeconds, String criticalChain, String callsPerStep, double firstCallMillis) {

	}

	/**
	 * How long the service itself took over the polls of {@code GET /exports/{id}}, from
	 * its own timer's buckets: the clients' latency less the HTTP client's and the
	 * network's.
	 */
	private static final class ServerTimes {

		private final Timer timer;

		private final HistogramSnapshot before;

		ServerTimes(MeterRegistry meters) {
			this.timer = meters.find("http.server.requests")
				.tags("method", "GET", "uri", "/exports/{id}", "status", "200")
				.timer();
			this.before = this.timer.takeSnapshot();
		}

		String since() {
			HistogramSnapshot after = this.timer.takeSnapshot();
			long count = Math.max(1, after.count() - this.before.count());
			StringBuilder within = new StringBuilder();
			for (int i = 0; i < after.histogramCounts().length; i++) {
				CountAtBucket bucket = after.histogramCounts()[i];
				double share = (bucket.count() - this.before.histogramCounts()[i].count()) / count;
				within.append("%.2f %% within %.0f ms, ".formatted(100 * share, bucket.bucket(TimeUnit.MILLISECONDS)));
			}
			return within + "mean %.1f ms"
				.formatted((after.total(TimeUnit.MILLISECONDS) - this.before.total(TimeUnit.MILLISECONDS)) / count);
		}

	}

	private record Baseline(double wallSeconds, double floorSeconds, int calls, int sameStatus) {

	}

	private record Accept(List<Double> sequential, List<Double> concurrent, double acceptedPerSecond,
			double serverMillis, String cpu, String connections, Working working, int adobeCalls, double drainSeconds,
			List<Double> runMillis, long heapBefore, long heapAfter, long heapWithoutEmulator) {

	}

	private record Working(List<Double> millis, double acceptedPerSecond, String cpu, String connections) {

	}

	private record Polls(int exports, List<Double> millis, List<Double> firstMillis, String inServer, double perSecond,
			int adobeCallsNamingPolled, int otherCalls, int otherRunsReads) {

	}

}
