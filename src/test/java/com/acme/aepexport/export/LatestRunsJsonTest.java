package com.acme.aepexport.export;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

/**
 * The latest runs as stored: read leniently, parsed once per JSON, and never changed in
 * place once read.
 */
class LatestRunsJsonTest {

	private final LatestRunsJson converter = new LatestRunsJson();

	@Test
	void theSameJsonIsParsedOnceIntoRunsThatCannotChange() {
		String json = LatestRunsJson.write(List.of(new LatestRun("aud-a", "run-1", "SUCCESS", RunState.SUCCEEDED,
				Instant.parse("2026-12-01T10:00:00Z"), null, Instant.parse("2026-12-01T10:05:00Z"), 12L, 0L, 1L)));

		List<LatestRun> first = this.converter.convertToEntityAttribute(json);
		assertThat(first).extracting(LatestRun::runId, LatestRun::state)
			.containsExactly(tuple("run-1", RunState.SUCCEEDED));
		assertThat(this.converter.convertToEntityAttribute(new String(json))).as("the same JSON, another string")
			.isSameAs(first);
		assertThatThrownBy(() -> first.add(first.getFirst())).isInstanceOf(UnsupportedOperationException.class);
	}

	@Test
	void aRowAnotherVersionWroteIsReadLenientlyAndOneUnreadableIsNotReadYet() {
		assertThat(this.converter.convertToEntityAttribute("""
				[{"audienceId": "aud-a", "runId": "run-2", "state": "SOMETHING_NEW", "shards": 3}]"""))
			.extracting(LatestRun::state)
			.containsExactly(RunState.UNKNOWN);
		assertThat(this.converter.convertToEntityAttribute("{not json")).isNull();
		assertThat(this.converter.convertToEntityAttribute("null")).isNull();
		assertThat(this.converter.convertToEntityAttribute("[null]")).isNull();
		assertThat(this.converter.convertToEntityAttribute(null)).isNull();
	}

	@Test
	void aValueThatCannotBeParsedIsNotKeptAndIsParsedAgain() {
		AtomicInteger parsed = new AtomicInteger();
		ParsedJson<String> values = new ParsedJson<>(1 << 10, (json) -> {
			parsed.incrementAndGet();
			return json.startsWith("{") ? json.toUpperCase() : null;
		});

		assertThat(values.get("bad")).isNull();
		assertThat(values.get("bad")).isNull();
		assertThat(values.get("{ok}")).isEqualTo("{OK}");
		assertThat(values.get("{ok}")).isEqualTo("{OK}");
		assertThat(parsed).as("parses: twice the unparseable, once the good").hasValue(3);
	}

}
