package com.acme.aepexport.adobe;

import java.time.Duration;
import java.util.List;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Weigher;

import org.springframework.util.unit.DataSize;

import com.acme.aepexport.adobe.FlowServiceClient.RunsKey;

/**
 * Roughly the bytes a cached page of runs holds on the heap, so that the runs cache is
 * bounded by {@code adobe.caches.runs-max-size} rather than by a count: a page is one run
 * or a hundred, each with a few words or many long error messages and hundreds of
 * audience ids, so a count bounds nothing.
 * <p>
 * An upper bound for a 64-bit JVM: 16 bytes per object header, 8 per field or reference,
 * 2 per character (Latin-1 text takes half). Estimated from the fields rather than
 * measured: JOL or Lucene's {@code RamUsageEstimator} walk the object graph by reflection
 * on every put, and JOL needs an agent on recent JDKs; a bound within a factor of two is
 * enough to bound a cache.
 */
final class RunsWeigher implements Weigher<RunsKey, RunsPage> {

	private static final int OBJECT = 16;

	private static final int FIELD = 8;

	/** Caffeine's node, the map entry and the write-order links, per cached page. */
	private static final int CACHE_ENTRY = 128;

	/** A boxed number or an {@code Instant}. */
	private static final int BOX = 24;

	/**
	 * Pages of runs by the exact query, each kept for {@code freshFor}, together at most
	 * {@code maxSize} of heap.
	 */
	static Cache<RunsKey, RunsPage> cache(Duration freshFor, DataSize maxSize) {
		return Caffeine.newBuilder()
			.expireAfterWrite(freshFor)
			.maximumWeight(maxSize.toBytes())
			.weigher(new RunsWeigher())
			.recordStats()
			.build();
	}

	@Override
	public int weigh(RunsKey key, RunsPage page) {
		long bytes = CACHE_ENTRY + key(key) + OBJECT + 2 * FIELD + text(page.continuationToken())
				+ list(page.runs().size());
		for (FlowRun run : page.runs()) {
			bytes += run(run);
		}
		return (int) Math.min(bytes, Integer.MAX_VALUE);
	}

	private static long key(RunsKey key) {
		RunsQuery query = key.query();
		return 2 * OBJECT + 3 * FIELD + text(key.sandbox().name()) + OBJECT + 5 * FIELD + text(query.flowId())
				+ texts(query.statuses()) + text(query.audienceId()) + text(query.continuationToken());
	}

	private static long run(FlowRun run) {
		long bytes = OBJECT + 11 * FIELD + text(run.id()) + text(run.flowId()) + text(run.status()) + 5 * BOX;
		if (run.records() != null) {
			bytes += OBJECT + 4 * FIELD + 4 * BOX;
		}
		bytes += list(run.errors().size());
		for (FlowRun.Problem problem : run.errors()) {
			bytes += OBJECT + 2 * FIELD + text(problem.code()) + text(problem.message());
		}
		return bytes + texts(run.audienceIds());
	}

	private static long texts(List<String> texts) {
		if (texts == null) {
			return 0;
		}
		return list(texts.size()) + texts.stream().mapToLong(RunsWeigher::text).sum();
	}

	/** An immutable list: the object and its array. */
	private static long list(int size) {
		return 2 * OBJECT + FIELD + (long) size * FIELD;
	}

	/** A {@code String}: the object, its array, two bytes per character. */
	private static long text(String text) {
		return (text == null) ? 0 : 2 * OBJECT + 2 * FIELD + 2L * text.length();
	}

}
