package com.acme.aepexport.benchmark;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.convert.DurationStyle;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the benchmarks measure alike: latencies, clients, settings and the machine's CPU.
 */
final class Measures {

	/** Exports accepted in a phase of accepts ({@code benchmark.exports}). */
	static final int EXPORTS = Integer.getInteger("benchmark.exports", 2000);

	/** Adobe's answer time when throttled: L ({@code benchmark.latency}). */
	static final Duration LATENCY = duration("benchmark.latency", "150ms");

	/** Adobe's room when throttled: C calls in flight ({@code benchmark.capacity}). */
	static final int CAPACITY = Integer.getInteger("benchmark.capacity", 16);

	/** Clients polling an export's status ({@code benchmark.pollers}). */
	static final int POLLERS = Integer.getInteger("benchmark.pollers", 200);

	/** Clients accepting exports at once. */
	static final int CLIENTS = 8;

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private Measures() {
	}

	/** p50, p99 and the longest of some latencies. */
	static String percentiles(List<Double> millis) {
		List<Double> sorted = new ArrayList<>(millis);
		Collections.sort(sorted);
		return "p50 %.1f ms, p99 %.1f ms, max %.1f ms".formatted(at(sorted, 0.50), at(sorted, 0.99),
				sorted.get(sorted.size() - 1));
	}

	private static double at(List<Double> sorted, double quantile) {
		return sorted.get((int) Math.min(sorted.size() - 1, Math.ceil(quantile * sorted.size()) - 1));
	}

	/** {@code count} tasks run by {@link #CLIENTS} threads; their results in order. */
	static <T> List<T> concurrently(int count, Task<T> task) throws Exception {
		List<T> results = new ArrayList<>();
		try (ExecutorService threads = Executors.newFixedThreadPool(CLIENTS)) {
			List<Future<T>> futures = new ArrayList<>();
			for (int i = 0; i < count; i++) {
				futures.add(threads.submit(task::run));
			}
			for (Future<T> future : futures) {
				results.add(future.get());
			}
		}
		return results;
	}

	/**
	 * {@code POST /exports} with a caller's token, expecting 202.
	 * @param base the service's URL
	 */
	static Accepted post(HttpClient http, String base, String token, String body) throws Exception {
		long start = System.nanoTime();
		HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base + "/exports"))
			.header("Authorization", "Bearer " + token)
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build(), HttpResponse.BodyHandlers.ofString());
		double millis = (System.nanoTime() - start) / 1e6;
		assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
		return new Accepted(JSON.readTree(response.body()).path("id").asString(), millis);
	}

	/** A system property's duration ({@code 150ms}, {@code 1s}), or the default's. */
	static Duration duration(String property, String otherwise) {
		return DurationStyle.detectAndParse(System.getProperty(property, otherwise));
	}

	/**
	 * Busy and all ticks of every processor since boot (Linux's {@code /proc/stat}), or
	 * {@code null} off Linux.
	 */
	static long[] machineTicks() {
		try {
			String[] fields = Files.readAllLines(Path.of("/proc/stat")).getFirst().trim().split("\\s+");
			long all = 0;
			// user nice system idle iowait irq softirq steal; guest time is in user's.
			for (int i = 1; i <= 8; i++) {
				all += Long.parseLong(fields[i]);
			}
			// idle and iowait are not busy.
			return new long[] { all - Long.parseLong(fields[4]) - Long.parseLong(fields[5]), all };
		}
		catch (IOException | RuntimeException ex) {
			return null;
		}
	}

	/** How busy the processors were between two {@link #machineTicks()}, in percent. */
	static double busyPercent(long[] from, long[] to) {
		return 100.0 * (to[0] - from[0]) / Math.max(1, to[1] - from[1]);
	}

	/** An export accepted, and how long its {@code POST} took. */
	record Accepted(String id, double millis) {

	}

	@FunctionalInterface
	interface Task<T> {

		T run() throws Exception;

	}

}
