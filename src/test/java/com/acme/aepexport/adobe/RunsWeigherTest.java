package com.acme.aepexport.adobe;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import com.github.benmanes.caffeine.cache.Cache;
import org.junit.jupiter.api.Test;

import org.springframework.util.unit.DataSize;

import com.acme.aepexport.adobe.FlowServiceClient.RunsKey;

import static org.assertj.core.api.Assertions.assertThat;

class RunsWeigherTest {

	private static final DataSize MAX_SIZE = DataSize.ofMegabytes(4);

	private final Cache<RunsKey, RunsPage> cache = RunsWeigher.cache(Duration.ofMinutes(1), MAX_SIZE);

	@Test
	void aPageWeighsAtLeastTheTextItHoldsAndALightOneLittle() {
		RunsPage heavy = page(100, 10, 1_000, 250);
		RunsPage light = page(1, 0, 0, 1);
		long heavyText = 100L * (10 * 1_000 + 250 * 36);

		int heavyWeight = new RunsWeigher().weigh(key(0), heavy);
		int lightWeight = new RunsWeigher().weigh(key(0), light);

		assertThat(heavyWeight).isGreaterThanOrEqualTo((int) heavyText);
		assertThat(lightWeight).isBetween(500, 2_000);
	}

	@Test
	void heavyPagesAreEvictedByWeightWhereACountWouldKeepThemAll() {
		RunsPage heavy = page(20, 10, 1_000, 20);
		int weight = new RunsWeigher().weigh(key(0), heavy);
		assertThat(weight).as("about a tenth of the cache").isBetween(400_000, 600_000);

		IntStream.range(0, 40).forEach((i) -> this.cache.put(key(i), heavy));
		this.cache.cleanUp();

		assertThat(this.cache.estimatedSize()).isLessThanOrEqualTo(MAX_SIZE.toBytes() / weight);
		assertThat(this.cache.policy().eviction().orElseThrow().weightedSize().orElseThrow())
			.isLessThanOrEqualTo(MAX_SIZE.toBytes());
	}

	@Test
	void lightPagesStayWhileTheyFit() {
		RunsPage light = page(1, 0, 0, 1);

		IntStream.range(0, 1_000).forEach((i) -> this.cache.put(key(i), light));
		this.cache.cleanUp();

		assertThat(this.cache.estimatedSize()).isEqualTo(1_000);
	}

	private static RunsKey key(int i) {
		return new RunsKey(new Sandbox("prod"), new RunsQuery("flow-" + i, 100, null, null, null));
	}

	/**
	 * {@code runs} runs, each with {@code errors} errors of a {@code messageLength}-long
	 * message and {@code audiences} audience ids (UUIDs).
	 */
	private static RunsPage page(int runs, int errors, int messageLength, int audiences) {
		List<FlowRun> page = new ArrayList<>();
		for (int i = 0; i < runs; i++) {
			List<FlowRun.Problem> problems = IntStream.range(0, errors)
				.mapToObj((e) -> new FlowRun.Problem("ACTIVATION_BATCH-0000-FAILED", "m".repeat(messageLength)))
				.toList();
			List<String> ids = IntStream.range(0, audiences)
				.mapToObj((a) -> "979558ae-a8ba-4e6e-b6ba-%012d".formatted(a))
				.toList();
			page.add(new FlowRun("run-" + i, "flow", "failed", Instant.EPOCH, Instant.EPOCH, Instant.EPOCH,
					new FlowRun.Records(1L, 1L, 0L, 0L), 1L, 100L, problems, ids));
		}
		return new RunsPage(page, "token");
	}

}
