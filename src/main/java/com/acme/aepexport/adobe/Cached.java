package com.acme.aepexport.adobe;

import java.util.function.Function;

import com.github.benmanes.caffeine.cache.Cache;

/**
 * Reads through a Caffeine cache without Caffeine's computing {@code get}: that runs the
 * loader inside {@code ConcurrentHashMap.compute}, under a monitor, and a virtual thread
 * blocked on Adobe in there pins its carrier thread on Java 21 (the image's runtime), so
 * a few misses at once would stall every request and step. Callers that miss together
 * each ask Adobe; what they ask is the same GET.
 */
final class Cached {

	private Cached() {
	}

	static <K, V> V get(Cache<K, V> cache, K key, Function<K, V> load) {
		V value = cache.getIfPresent(key);
		if (value == null) {
			value = load.apply(key);
			cache.put(key, value);
		}
		return value;
	}

}
