package com.acme.aepexport.benchmark;

import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.github.tomakehurst.wiremock.WireMockServer;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.JdbcTemplate;

import com.acme.aepexport.emulator.AdobeEmulator;
import com.acme.aepexport.benchmark.Measures.Accepted;
import com.acme.aepexport.support.ExportsClient;
import com.acme.aepexport.support.LocalInfrastructure;
import com.acme.aepexport.support.ScratchDatabase;
import com.acme.aepexport.support.ServiceProcess;

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
 * The accept of a busy service and its status polls, with the service in a JVM of its
 * own, as its image runs it (issue 13). {@link ExportBenchmark}'s service shares its JVM
 * with the Adobe emulator (WireMock, its request journal, its copy of Adobe's entities)
 * and the clients: their garbage is collected in the service's pauses, and their threads
 * stop in them. Here only the emulator and the clients stay in the test's JVM; they still
 * share the machine's processors with the service and PostgreSQL.
 * <p>
 * The service's JVM takes the image's {@code JAVA_TOOL_OPTIONS} (read from the
 * {@code Dockerfile}) with {@code -XX:MaxRAM} at the chart's memory limit (1 GiB), so its
 * heap is the pod's; {@code -Dbenchmark.service-jvm="…"} replaces them (another
 * collector, say). It logs its collections to {@code target/service-alone-gc.log}. First
 * it is warmed up ({@link #warmUp}): a service just started measures its JIT.
 * <ol>
 * <li><b>Accept while the workers run.</b> As {@link ExportBenchmark}'s last accept:
 * {@code benchmark.exports} (2,000) {@code POST /exports} uncounted, then half as many
 * counted, 8 clients, while the workers run them against the emulator throttled to L
 * ({@code benchmark.latency}, 150 ms) and C ({@code benchmark.capacity}, 16).</li>
 * <li><b>Status polls.</b> {@code benchmark.pollers} (200) clients poll {@code GET
 * /exports/{id}} of finished exports, one poll every {@code benchmark.poll-interval} (1
 * s) each, {@code benchmark.polls} (10) times.</li>
 * </ol>
 * Each phase prints its latencies as the clients saw them, the service's own time (its
 * {@code http.server.requests} timer), its collector's pauses within the phase, the CPU
 * of its process, how busy the machine's processors were, and the test JVM's collections
 * (a client stopped in one sees its answer late). Last, the service's memory against the
 * pod's limit ({@link #memory}). Asserts only that every export succeeded, never a time.
 * Not part of {@code ./mvnw verify}: {@code ./mvnw -o
 * verify -Pbenchmark -Dit.test=ServiceAloneBenchmark}.
 */
class ServiceAloneBenchmark {

	private static final int POLLS = Integer.getInteger("benchmark.polls", 10);

	private static final Duration POLL_INTERVAL = duration("benchmark.poll-interval", "1s");

	private static final Duration WARM_UP = duration("benchmark.warm-up", "150s");

	private static final int WARM_UP_ROUND = 500;

	/** Polls of finished exports in each round of the warm-up. */
	private static final int WARM_UP_POLLS = 2_000;

	private static final Duration WARM_UP_LATENCY = Duration.ofMillis(10);

	/** The chart's memory limit in MiB (helm values, {@code resources.limits.memory}). */
	private static final int POD_MEMORY_MIB = 1024;

	private static final Path GC_LOG = Path.of("target", "service-alone-gc.log");

	/** Resident memory, now and at most, in {@code /proc/<pid>/status}. */
	private static final Pattern RESIDENT = Pattern.compile("^(VmRSS|VmHWM):\\s+(\\d+) kB$");

	/** The heap's maximum in bytes, in {@code jcmd <pid> VM.flags}. */
	private static final Pattern MAX_HEAP = Pattern.compile("-XX:MaxHeapSize=(\\d+)");

	/**
	 * A line of {@code -Xlog:gc}: a pause and how long it took (as Serial, Parallel and
	 * G1 write them; ZGC and Shenandoah log their pauses otherwise, and show none here).
	 */
	private static final Pattern PAUSE = Pattern.compile("\\] GC\\(\\d+\\) Pause .* (\\d+\\.\\d+)ms$");

	private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

	private final String token = LocalInfrastructure.token(ExportsClient.CALLER, "exports:read", "exports:write");

	private ServiceProcess service;

	@Test
	void acceptAndPollsOfTheServiceAlone() throws Exception {
		AdobeEmulator emulator = LocalInfrastructure.emulator();
		WireMockServer adobe = LocalInfrastructure.adobe();
		adobe.resetMappings();
		adobe.stubFor(AdobeEmulator.catchAllStub());
		List<String> jvm = jvmOptions();
		Files.deleteIfExists(GC_LOG);
		List<String> options = Stream.concat(jvm.stream(), Stream.of("-Xlog:gc:file=" + GC_LOG)).toList();
		try (ScratchDatabase database = ScratchDatabase.create("alone");
				ServiceProcess started = ServiceProcess.start("the service alone",
						Path.of("target", "service-alone.log"), options, settings(database))) {
			this.service = started;
			started.awaitUp(Duration.ofMinutes(2));
			String body = ExportsClient.example("AMAZON_S3", ExportsClient.newSandbox("alone")).toString();
			String warmUp;
			emulator.throttle(WARM_UP_LATENCY, CAPACITY);
			try {
				warmUp = warmUp(body, database.jdbc());
			}
			finally {
				emulator.unthrottled();
			}

			emulator.throttle(LATENCY, CAPACITY);
			List<String> ids = new ArrayList<>();
			Phase accept;
			List<Double> acceptMillis;
			try {
				// Adobe as slow as for ExportBenchmark's backlog from here on: as there,
				// the first accepts go uncounted.
				concurrently(EXPORTS, () -> post(body)).forEach((accepted) -> ids.add(accepted.id()));
				Phase.Start start = startPhase();
				List<Accepted> accepted = concurrently(EXPORTS / 2, () -> post(body));
				accept = start.end(accepted.size(), "POST", "/exports");
				acceptMillis = accepted.stream().map(Accepted::millis).toList();
				accepted.forEach((one) -> ids.add(one.id()));
			}
			finally {
				emulator.unthrottled();
			}
			awaitSucceeded(database.jdbc(), ids);

			emulator.throttle(LATENCY, CAPACITY);
			try {
				Polls polls = polls(database.jdbc());
				System.out.println(figures(jvm, database, warmUp, accept, acceptMillis, polls, memory()));
			}
			finally {
				emulator.unthrottled();
			}
			// Stopped as a pod is, so that what its JVM writes as it exits (a flight
			// recording its options ask for) is written.
			started.terminate(Duration.ofMinutes(1));
		}
	}

	/**
	 * A service that has run a while, not one just started: accepts, and exports run
	 * through, for {@code benchmark.warm-up} (150 s), against an Adobe that answers in 10
	 * ms and refuses a call above C in flight (so that the service's paths of
	 * {@code 429}s are compiled too, while the exports drain fast). The accepts are paced
	 * by the workers (a round of 500 waits until fewer than 500 are unfinished), and all
	 * are run before it ends, so that no backlog is left for the phases that follow.
	 * While each round runs, clients poll the exports that have finished (2,000 polls,
	 * back to back). Before it, the JIT of a service just started compiled for as long as
	 * 1,000 accepts took, and more. Then one round more, measured from none unfinished to
	 * none again: the service's CPU per export, from its accept to its {@code SUCCEEDED}.
	 * @return what it did, how much the JIT compiled in its last round, and what an
	 * export cost
	 */
	private String warmUp(String body, JdbcTemplate jdbc) throws Exception {
		long start = System.nanoTime();
		long until = start + WARM_UP.toNanos();
		double compiling = 0;
		int accepted = 0;
		int polled = 0;
		while (System.nanoTime() < until) {
			awaitUnfinishedBelow(jdbc, WARM_UP_ROUND);
			Phase.Start round = startPhase();
			accepted += concurrently(WARM_UP_ROUND, () -> post(body)).size();
			// Clients poll too, while the round runs: the JIT compiles the path of a poll
			// of a finished export before the polls are measured, as in a service that
			// has answered them for a while.
			List<String> finished = finishedAndRead(jdbc);
			if (!finished.isEmpty()) {
				polled += concurrently(WARM_UP_POLLS,
						() -> poll(finished.get(ThreadLocalRandom.current().nextInt(finished.size()))))
					.size();
			}
			compiling = round.compilingShare();
		}
		awaitUnfinishedBelow(jdbc, 1);
		String warmedUp = "%d accepted and run, %d polls of finished exports, in %.0f s, the JIT compiling %.0f %% of its last round's time"
			.formatted(accepted, polled, (System.nanoTime() - start) / 1e9, 100 * compiling);
		// What an export costs the service, from its accept to its SUCCEEDED: one more
		// round, from none unfinished to none again.
		Phase.Start round = startPhase();
		int measured = concurrently(WARM_UP_ROUND, () -> post(body)).size();
		awaitUnfinishedBelow(jdbc, 1);
		Phase run = round.end(measured, "POST", "/exports");
		assertThat(jdbc.queryForList("select status from export where status <> 'SUCCEEDED'", String.class))
			.as("the warm-up's exports that did not succeed")
			.isEmpty();
		return warmedUp + "\n" + """
				then %d accepted and run to SUCCEEDED in %.1f s: the service's CPU %.1f ms per export, \
				%.0f ms of JIT compiling in all; the test JVM's %.1f ms per export""".formatted(measured, run.seconds(),
				run.cpuNanos() / 1e6 / measured, run.compilingMillis(), run.testCpuNanos() / 1e6 / measured);
	}

	private static void awaitUnfinishedBelow(JdbcTemplate jdbc, int count) {
		await().atMost(Duration.ofMinutes(5))
			.pollInterval(Duration.ofMillis(100))
			.until(() -> jdbc.queryForObject("select count(*) from export where status in ('PENDING', 'RUNNING')",
					Integer.class) < count);
	}

	/**
	 * The image's options, its heap sized for the pod, unless the run names its own.
	 */
	private static List<String> jvmOptions() throws IOException {
		String given = System.getProperty("benchmark.service-jvm");
		if (given != null && !given.isBlank()) {
			return Arrays.asList(given.trim().split("\\s+"));
		}
		Matcher image = Pattern.compile("ENV JAVA_TOOL_OPTIONS=\"([^\"]*)\"")
			.matcher(Files.readString(Path.of("Dockerfile")));
		String last = null;
		while (image.find()) {
			last = image.group(1);
		}
		assertThat(last).as("the runtime image's JAVA_TOOL_OPTIONS in Dockerfile").isNotNull();
		List<String> options = new ArrayList<>(Arrays.asList(last.trim().split("\\s+")));
		options.add("-XX:MaxRAM=" + POD_MEMORY_MIB + "m");
		return options;
	}

	/**
	 * The defaults but for logging (WARN, so that the cost of INFO lines is left out) and
	 * the buckets that tell the service's own time per request.
	 */
	private static Map<String, String> settings(ScratchDatabase database) {
		Map<String, String> properties = new LinkedHashMap<>(LocalInfrastructure.properties());
		properties.putAll(database.properties());
		properties.put("logging.level.root", "WARN");
		properties.put("management.metrics.distribution.slo[http.server.requests]", "5ms,10ms,50ms");
		return properties;
	}

	/**
	 * Polls of finished exports whose runs the service has read already (the warm-up's
	 * among them), as a dashboard polls them.
	 */
	private Polls polls(JdbcTemplate jdbc) throws Exception {
		List<String> ids = await().atMost(Duration.ofMinutes(2))
			.pollInterval(Duration.ofSeconds(1))
			.until(() -> finishedAndRead(jdbc), (read) -> read.size() >= 20);
		List<Double> millis = Collections.synchronizedList(new ArrayList<>());
		CountDownLatch go = new CountDownLatch(1);
		Phase.Start start;
		try (ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
			List<Future<?>> pollers = new ArrayList<>();
			for (int client = 0; client < POLLERS; client++) {
				pollers.add(clients.submit(() -> {
					go.await();
					// Pollers start spread over one interval, as independent clients do.
					long next = System.nanoTime() + ThreadLocalRandom.current().nextLong(POLL_INTERVAL.toNanos());
					for (int poll = 0; poll < POLLS; poll++) {
						Thread.sleep(Duration.ofNanos(Math.max(0, next - System.nanoTime())));
						next += POLL_INTERVAL.toNanos();
						long sent = System.nanoTime();
						poll(ids.get(ThreadLocalRandom.current().nextInt(ids.size())));
						// A poller's first poll opens its connection: left out.
						if (poll > 0) {
							millis.add((System.nanoTime() - sent) / 1e6);
						}
					}
					return null;
				}));
			}
			start = startPhase();
			go.countDown();
			for (Future<?> poller : pollers) {
				poller.get();
			}
		}
		return new Polls(ids.size(), millis, start.end(POLLERS * POLLS, "GET", "/exports/{id}"));
	}

	/** Up to 500 exports whose latest runs the service has read. */
	private static List<String> finishedAndRead(JdbcTemplate jdbc) {
		return jdbc.queryForList("select export_id::text from run_snapshot where as_of is not null limit 500",
				String.class);
	}

	/**
	 * The service's memory after its phases, against the pod's limit: the process's
	 * resident memory (Linux's {@code /proc}), the part of it the heap has committed, and
	 * the heap's maximum (the running JVM's own flag, through {@code jcmd}). The rest
	 * (classes, compiled code, threads, the JVM's and the libraries' own allocations)
	 * does not give way when the heap grows to its maximum; past the limit the container
	 * is killed, not collected. A figure it cannot read (no {@code /proc}, a JVM that
	 * refuses {@code jcmd}) is said so, and the run's other figures are kept.
	 */
	private String memory() {
		try {
			return readMemory();
		}
		catch (Exception | AssertionError unreadable) {
			return "its memory at the end: unknown (" + unreadable.getMessage() + ")";
		}
	}

	private String readMemory() throws Exception {
		Map<String, Long> status = new LinkedHashMap<>();
		for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(this.service.pid()), "status"))) {
			Matcher kib = RESIDENT.matcher(line);
			if (kib.matches()) {
				status.put(kib.group(1), Long.parseLong(kib.group(2)) * 1024);
			}
		}
		Process jcmd = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
				String.valueOf(this.service.pid()), "VM.flags")
			.redirectErrorStream(true)
			.start();
		String flags = new String(jcmd.getInputStream().readAllBytes());
		Matcher maxHeap = MAX_HEAP.matcher(flags);
		assertThat(jcmd.waitFor()).as(flags).isZero();
		assertThat(maxHeap.find()).as(flags).isTrue();
		double mib = 1024 * 1024;
		assertThat(status).as("/proc/%d/status", this.service.pid()).containsKeys("VmRSS", "VmHWM");
		double resident = status.get("VmRSS") / mib;
		double heap = Phase.Start.sum(prometheus(), "jvm_memory_committed_bytes", "area=\"heap\"") / mib;
		double max = Long.parseLong(maxHeap.group(1)) / mib;
		return """
				its memory at the end: %.0f MiB resident (%.0f at most), the heap's committed %.0f (its maximum %.0f), \
				the rest %.0f;
				  the rest and the heap at its maximum: %.0f MiB of the pod's %d MiB""".formatted(resident,
				status.get("VmHWM") / mib, heap, max, resident - heap, resident - heap + max, POD_MEMORY_MIB);
	}

	private String figures(List<String> jvm, ScratchDatabase database, String warmUp, Phase accept,
			List<Double> acceptMillis, Polls polls, String memory) {
		return """

				==== ServiceAloneBenchmark (issue 13): the service in a JVM of its own ===========
				its JVM: %s
				Adobe emulator throttled: L = %d ms per answer, 429 above C = %d in flight
				warm-up: %s
				accept while the workers run exports, %d clients, %d exports after %d uncounted:
				  latency                                 %s; %.0f accepted/s
				  %s
				status polls, GET /exports/{id}, %d clients × %d polls (one every %d ms each) of %d finished exports,
				the first poll of each client (a new connection) left out:
				  latency                                 %s
				  %s
				%s
				the test's JVM (emulator, clients): %s %s; %s
				=================================================================================
				""".formatted(String.join(" ", jvm), LATENCY.toMillis(), CAPACITY, warmUp, CLIENTS, EXPORTS / 2,
				EXPORTS, percentiles(acceptMillis), accept.perSecond(), accept, POLLERS, POLLS,
				POLL_INTERVAL.toMillis(), polls.exports(), percentiles(polls.millis()), polls.phase(), memory,
				System.getProperty("java.vm.name"), System.getProperty("java.version"),
				database.jdbc()
					.queryForObject("select 'PostgreSQL ' || current_setting('server_version') || ', fsync '"
							+ " || current_setting('fsync') || ', synchronous_commit '"
							+ " || current_setting('synchronous_commit')", String.class));
	}

	private Phase.Start startPhase() throws Exception {
		// Nothing here reads the emulator's journal of calls: emptied at each phase, it
		// does not grow by every call of the run (tens of thousands, with their bodies)
		// for the test's JVM to keep and collect beside the service.
		LocalInfrastructure.adobe().resetRequests();
		return new Phase.Start(this, System.nanoTime(), gcLines().size(), cpuNanos(), ownCpuNanos(), ownCollections(),
				Measures.machineTicks(), prometheus());
	}

	private List<String> gcLines() throws IOException {
		return Files.readAllLines(GC_LOG);
	}

	private long cpuNanos() {
		return ProcessHandle.of(this.service.pid())
			.flatMap((process) -> process.info().totalCpuDuration())
			.map(Duration::toNanos)
			.orElse(0L);
	}

	private static long ownCpuNanos() {
		return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
			.getProcessCpuTime();
	}

	/**
	 * The test JVM's collections so far and the milliseconds they took, as its collectors
	 * count them (G1's concurrent cycles count their pauses only).
	 */
	private static long[] ownCollections() {
		long[] collections = new long[2];
		for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
			collections[0] += Math.max(0, collector.getCollectionCount());
			collections[1] += Math.max(0, collector.getCollectionTime());
		}
		return collections;
	}

	private static long[] since(long[] before, long[] now) {
		return new long[] { now[0] - before[0], now[1] - before[1] };
	}

	private String prometheus() throws Exception {
		HttpResponse<String> metrics = this.http.send(
				HttpRequest.newBuilder(URI.create(this.service.managementUrl() + "/actuator/prometheus")).build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(metrics.statusCode()).as(metrics.body()).isEqualTo(200);
		return metrics.body();
	}

	private Accepted post(String body) throws Exception {
		return Measures.post(this.http, this.service.baseUrl(), this.token, body);
	}

	/**
	 * A poller's {@code GET /exports/{id}}: its answer read whole and checked
	 * {@code 200}, not parsed. Real pollers parse on their own machines; here the garbage
	 * of parsing 2,000 answers is collected in the test's JVM while the polls are timed.
	 */
	private int poll(String id) throws Exception {
		HttpResponse<byte[]> response = this.http
			.send(HttpRequest.newBuilder(URI.create(this.service.baseUrl() + "/exports/" + id))
				.header("Authorization", "Bearer " + this.token)
				.build(), HttpResponse.BodyHandlers.ofByteArray());
		// The body decoded only for the message of a failure.
		assertThat(response.statusCode()).as(() -> new String(response.body(), StandardCharsets.UTF_8)).isEqualTo(200);
		return response.statusCode();
	}

	/**
	 * Waits until every one of them has finished, reading their statuses from the
	 * database once a second: a {@code GET} of each, one after the other, took about 100
	 * s for the 3,000 of the accept phase.
	 */
	private static void awaitSucceeded(JdbcTemplate jdbc, List<String> ids) {
		String[] exports = ids.toArray(String[]::new);
		Map<String, Object> statuses = await().atMost(Duration.ofMinutes(10))
			.pollInterval(Duration.ofSeconds(1))
			.until(() -> jdbc.queryForMap("""
					select count(*) filter (where status = 'SUCCEEDED') as succeeded,
					  count(*) filter (where status not in ('PENDING', 'RUNNING')) as finished,
					  string_agg(distinct status || ' ' || coalesce(error_message, ''), '; ')
					    filter (where status <> 'SUCCEEDED') as others
					from export where id = any(?::uuid[])""", (Object) exports),
					(read) -> ((Number) read.get("finished")).intValue() == exports.length);
		assertThat(((Number) statuses.get("succeeded")).intValue()).as("%s", statuses.get("others"))
			.isEqualTo(exports.length);
	}

	private record Polls(int exports, List<Double> millis, Phase phase) {

	}

	/**
	 * What the service did in a phase: its requests of one kind (count and time, from its
	 * {@code http.server.requests} timer), its collector's pauses, its process's CPU, and
	 * how busy the machine was.
	 */
	private record Phase(double seconds, int requests, long served, double servedMillis, long within10ms,
			List<Double> pauses, long cpuNanos, double compilingMillis, long testCpuNanos, long[] testCollections,
			double machineBusy) {

		double perSecond() {
			return this.requests / this.seconds;
		}

		@Override
		public String toString() {
			double pausedMillis = this.pauses.stream().mapToDouble(Double::doubleValue).sum();
			return """
					in the service: %.2f ms on average, %.1f %% within 10 ms (%d requests)
					  its collector: %d pauses, %.0f ms in all (%.1f %% of the phase), the longest %.1f ms
					  its CPU: %.2f ms per request, %.0f ms of it JIT compiling in all; the test JVM's (emulator,
					  clients) %.2f ms per request; the machine's processors %.0f %% busy
					  the test JVM's collector (its clients' pauses too): %d collections, %d ms in all""".formatted(
					this.servedMillis / Math.max(1, this.served), 100.0 * this.within10ms / Math.max(1, this.served),
					this.served, this.pauses.size(), pausedMillis, pausedMillis / 10 / this.seconds,
					this.pauses.stream().mapToDouble(Double::doubleValue).max().orElse(0),
					this.cpuNanos / 1e6 / this.requests, this.compilingMillis, this.testCpuNanos / 1e6 / this.requests,
					this.machineBusy, this.testCollections[0], this.testCollections[1]);
		}

		record Start(ServiceAloneBenchmark benchmark, long nanos, int gcLines, long cpuNanos, long testCpuNanos,
				long[] testCollections, long[] machine, String metrics) {

			/**
			 * The share of the time since the start that the service's JIT spent
			 * compiling.
			 */
			double compilingShare() throws Exception {
				return (sum(this.benchmark.prometheus(), "jvm_compilation_time_ms_total")
						- sum(this.metrics, "jvm_compilation_time_ms_total"))
						/ ((System.nanoTime() - this.nanos) / 1e6);
			}

			Phase end(int requests, String method, String uri) throws Exception {
				double seconds = (System.nanoTime() - this.nanos) / 1e9;
				long cpu = this.benchmark.cpuNanos() - this.cpuNanos;
				long[] machine = Measures.machineTicks();
				String metrics = this.benchmark.prometheus();
				List<String> lines = this.benchmark.gcLines();
				List<Double> pauses = lines.subList(this.gcLines, lines.size())
					.stream()
					.map(PAUSE::matcher)
					.filter(Matcher::find)
					.map((pause) -> Double.parseDouble(pause.group(1)))
					.toList();
				String[] labels = { "method=\"" + method + "\"", "uri=\"" + uri + "\"" };
				return new Phase(seconds, requests,
						(long) (sum(metrics, "http_server_requests_seconds_count", labels)
								- sum(this.metrics, "http_server_requests_seconds_count", labels)),
						1000 * (sum(metrics, "http_server_requests_seconds_sum", labels)
								- sum(this.metrics, "http_server_requests_seconds_sum", labels)),
						(long) (sum(metrics, "http_server_requests_seconds_bucket", withLe(labels))
								- sum(this.metrics, "http_server_requests_seconds_bucket", withLe(labels))),
						pauses, cpu,
						sum(metrics, "jvm_compilation_time_ms_total")
								- sum(this.metrics, "jvm_compilation_time_ms_total"),
						ownCpuNanos() - this.testCpuNanos, since(this.testCollections, ownCollections()),
						(machine != null && this.machine != null) ? Measures.busyPercent(this.machine, machine) : 0);
			}

			private static String[] withLe(String[] labels) {
				String[] within = Arrays.copyOf(labels, labels.length + 1);
				within[labels.length] = "le=\"0.01\"";
				return within;
			}

			/**
			 * The sum of a Prometheus metric's samples whose labels hold all of these; a
			 * metric the service does not write fails the run rather than counting 0.
			 */
			private static double sum(String metrics, String name, String... labels) {
				List<String> samples = metrics.lines()
					.filter((line) -> line.startsWith(name + "{") || line.startsWith(name + " "))
					.filter((line) -> Arrays.stream(labels).allMatch(line::contains))
					.toList();
				assertThat(samples).as("%s%s in /actuator/prometheus", name, Arrays.toString(labels)).isNotEmpty();
				return samples.stream()
					.mapToDouble((line) -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
					.sum();
			}

		}

	}

}
