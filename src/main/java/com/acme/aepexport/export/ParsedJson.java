package com.acme.aepexport.export;

import java.util.function.Function;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

/**
 * Values parsed from the JSON of a column, by that JSON: a worker loads its export at
 * every event of a step, and a status poll reads the export and its runs at every poll,
 * and parsing the same JSON again was a tenth of their CPU samples. Only for values that
 * never change in place, since every load of the same JSON shares one. Bounded by the
 * length of the JSON held, not by a count: a column's JSON is a few KiB as a rule, but
 * may be hundreds, and the value parsed from it takes about as much again.
 *
 * @param <T> the value parsed
 */
final class ParsedJson<T> {

	private final Cache<String, T> parsed;

	private final Function<String, T> parse;

	/**
	 * @param characters the JSON held at most, in characters
	 * @param parse reads a value from JSON; {@code null} when it cannot, which is not
	 * kept
	 */
	ParsedJson(long characters, Function<String, T> parse) {
		this.parsed = Caffeine.newBuilder()
			.maximumWeight(characters)
			.weigher((String json, T value) -> json.length())
			.build();
		this.parse = parse;
	}

	T get(String json) {
		return this.parsed.get(json, this.parse);
	}

}
