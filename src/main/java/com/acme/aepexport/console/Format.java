package com.acme.aepexport.console;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * How the console writes times and durations: UTC, as the API and Adobe give them, to the
 * second (the timeline's to the millisecond).
 */
final class Format {

	static final Format INSTANCE = new Format();

	private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
		.withZone(ZoneOffset.UTC);

	private static final DateTimeFormatter PRECISE = DateTimeFormatter.ofPattern("HH:mm:ss.SSS")
		.withZone(ZoneOffset.UTC);

	private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC);

	private Format() {
	}

	/** {@code 2025-01-01 06:00:05 UTC}, or a dash for none. */
	public String time(Instant instant) {
		return (instant != null) ? DATE_TIME.format(instant) : "—";
	}

	/** {@code 2025-01-01T06:00:05Z}, for {@code <time datetime>}. */
	public String iso(Instant instant) {
		return (instant != null) ? instant.toString() : null;
	}

	/** {@code 06:00:05.123}, or a dash. */
	public String precise(Instant instant) {
		return (instant != null) ? PRECISE.format(instant) : "—";
	}

	/** {@code 06:00:05}, or a dash. */
	public String clock(Instant instant) {
		return (instant != null) ? CLOCK.format(instant) : "—";
	}

	/**
	 * {@code 2025-01-01}, with {@code 06:00 UTC} when a time is given; a dash for none.
	 */
	public String day(LocalDate date, LocalTime time) {
		if (date == null) {
			return "—";
		}
		return (time != null) ? date + " " + time + " UTC" : date.toString();
	}

	/** {@code 850 ms}, {@code 1.4 s}, {@code 2 min 5 s}, {@code 3 h 10 min}. */
	public String duration(Duration duration) {
		if (duration == null) {
			return "—";
		}
		long millis = Math.max(0, duration.toMillis());
		if (millis < 1_000) {
			return millis + " ms";
		}
		if (millis < 60_000) {
			return String.format("%.1f s", millis / 1_000.0);
		}
		long seconds = millis / 1_000;
		if (seconds < 3_600) {
			return (seconds / 60) + " min " + (seconds % 60) + " s";
		}
		return (seconds / 3_600) + " h " + ((seconds % 3_600) / 60) + " min";
	}

	/** A count, or a dash when Adobe gave none. */
	public String count(Long count) {
		return (count != null) ? String.format("%,d", count) : "—";
	}

}
