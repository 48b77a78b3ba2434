package com.acme.aepexport.console;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.IntStream;

import com.acme.aepexport.export.EntityRef;
import com.acme.aepexport.export.ExportView;
import com.acme.aepexport.export.StepName;
import com.acme.aepexport.export.StepStatus;

/**
 * An export's steps on one time axis (a Gantt chart), from the start of the first to the
 * end of the last, as the stored step times say: steps that ran at the same time overlap,
 * and a wait (for a worker, a retry, a resume) is the space between bars. A step that
 * runs reaches to now; one not started, or skipped, has no bar.
 *
 * @param start when the first step started; {@code null} when none has
 * @param end when the last one ended (or now, while one runs)
 */
record Timeline(Instant start, Instant end, List<Bar> bars) {

	/** The axis, in the units of the chart's SVG view box. */
	static final int WIDTH = 1000;

	/** A step of a millisecond still shows. */
	static final int MIN_WIDTH = 4;

	private static final Format FORMAT = Format.INSTANCE;

	static Timeline of(ExportView export, Instant now) {
		List<Span> spans = export.steps().stream().map((step) -> Span.of(step, now)).toList();
		Instant start = spans.stream().map(Span::from).filter(Objects::nonNull).min(Instant::compareTo).orElse(null);
		Instant end = spans.stream().map(Span::to).filter(Objects::nonNull).max(Instant::compareTo).orElse(null);
		long total = (start != null) ? Math.max(1, Duration.between(start, end).toMillis()) : 1;
		List<Bar> bars = new ArrayList<>();
		for (Span span : spans) {
			Integer x = null;
			Integer width = null;
			if (span.from() != null) {
				long offset = Duration.between(start, span.from()).toMillis();
				long length = Duration.between(span.from(), span.to()).toMillis();
				x = (int) Math.min(WIDTH - MIN_WIDTH, offset * WIDTH / total);
				width = (int) Math.max(MIN_WIDTH, Math.min(WIDTH - x, length * WIDTH / total));
			}
			bars.add(new Bar(span.step(), x, width, span.duration(), title(span.step(), span.duration())));
		}
		return new Timeline(start, end, List.copyOf(bars));
	}

	/** How long from the first start to the last end. */
	public Duration span() {
		return (this.start != null) ? Duration.between(this.start, this.end) : Duration.ZERO;
	}

	/** Five marks along the axis: their place and the time since the start. */
	public List<Tick> ticks() {
		long total = span().toMillis();
		return IntStream.rangeClosed(0, 4)
			.mapToObj((quarter) -> new Tick(quarter * WIDTH / 4,
					"+" + FORMAT.duration(Duration.ofMillis(total * quarter / 4))))
			.toList();
	}

	/** What the bar's tooltip says: the step, its Adobe entity, its times. */
	private static String title(ExportView.StepView step, Duration duration) {
		StringBuilder title = new StringBuilder(step.name().name()).append(": ").append(step.status());
		if (step.attempts() > 0) {
			title.append(", ").append(step.attempts()).append((step.attempts() == 1) ? " attempt" : " attempts");
		}
		EntityRef ref = step.ref();
		if (ref != null && ref.id() != null) {
			title.append("\nAdobe id: ").append(ref.id());
		}
		if (ref != null && ref.etag() != null) {
			title.append("\netag: ").append(ref.etag());
		}
		if (ref != null && ref.version() != null) {
			title.append("\nversion: ").append(ref.version());
		}
		if (step.startedAt() != null) {
			title.append("\n")
				.append(FORMAT.precise(step.startedAt()))
				.append(" → ")
				.append((step.completedAt() != null) ? FORMAT.precise(step.completedAt()) : "now")
				.append(" UTC (")
				.append(FORMAT.duration(duration))
				.append(")");
		}
		if (step.deletedAt() != null) {
			title.append("\ndeleted from Adobe at ").append(FORMAT.time(step.deletedAt()));
		}
		if (step.leftBehind() != null) {
			title.append("\nleft behind: ").append(step.leftBehind());
		}
		return title.toString();
	}

	/**
	 * One step's row.
	 *
	 * @param x where its bar starts on the axis, {@code null} when it has none
	 * @param width its bar's length on the axis, at least {@link #MIN_WIDTH}
	 * @param duration how long it ran (so far), {@code null} when it never started
	 * @param title its Adobe id, etag or version, and times
	 */
	record Bar(ExportView.StepView step, Integer x, Integer width, Duration duration, String title) {

		public StepName name() {
			return this.step.name();
		}

		public StepStatus status() {
			return this.step.status();
		}

		public boolean drawn() {
			return this.x != null;
		}

	}

	record Tick(int x, String label) {

	}

	/** A step's place in time: none before it started. */
	private record Span(ExportView.StepView step, Instant from, Instant to) {

		static Span of(ExportView.StepView step, Instant now) {
			if (step.startedAt() == null) {
				return new Span(step, null, null);
			}
			Instant to = (step.completedAt() != null) ? step.completedAt()
					: (step.status() == StepStatus.RUNNING) ? later(now, step.startedAt()) : step.startedAt();
			return new Span(step, step.startedAt(), later(to, step.startedAt()));
		}

		Duration duration() {
			return (this.from != null) ? Duration.between(this.from, this.to) : null;
		}

		private static Instant later(Instant one, Instant other) {
			return one.isAfter(other) ? one : other;
		}

	}

}
