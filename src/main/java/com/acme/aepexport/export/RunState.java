package com.acme.aepexport.export;

import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

import com.fasterxml.jackson.annotation.JsonEnumDefaultValue;

/**
 * Where a dataflow run is, in words of our own. Adobe's run status is an open set: its
 * schema says {@code Success|Processing|Waiting|Failed}, its examples spell them in lower
 * case, and other values occur ({@code partialSuccess}, {@code cancelled},
 * {@code inProgress}). Callers switch on this; Adobe's own value stays beside it. Each
 * state lists the words Adobe uses for it, in the spellings seen in its documents: they
 * classify a status, and make the filter that finds a state's runs.
 */
public enum RunState {

	/** Waiting to start. */
	QUEUED("waiting", "Waiting", "queued", "pending", "scheduled"),
	/** Started, not ended. */
	RUNNING("processing", "Processing", "inProgress", "running"),
	/** Every profile went out. */
	SUCCEEDED("success", "Success", "succeeded", "completed"),
	/** Some profiles went out, some failed. */
	PARTIALLY_SUCCEEDED("partialSuccess", "PartialSuccess", "PARTIAL_SUCCESS", "partialFailure", "PARTIAL_FAILURE"),
	FAILED("failed", "Failed", "failure", "error"),
	/** Stopped before it ended. */
	CANCELLED("cancelled", "Cancelled", "canceled", "aborted", "stopped"),
	/** A status Adobe reports that we do not know, or none. */
	@JsonEnumDefaultValue
	UNKNOWN;

	private final List<String> adobeWords;

	RunState(String... adobeWords) {
		this.adobeWords = List.of(adobeWords);
	}

	/** Adobe's statuses that mean this state, as Adobe spells them. */
	public List<String> adobeWords() {
		return this.adobeWords;
	}

	public static RunState of(String adobeStatus) {
		if (adobeStatus == null) {
			return UNKNOWN;
		}
		String word = normalized(adobeStatus);
		return Stream.of(values())
			.filter((state) -> state.adobeWords.stream().anyMatch((known) -> normalized(known).equals(word)))
			.findFirst()
			.orElse(UNKNOWN);
	}

	/** Whether the run has ended, one way or another. */
	public boolean isOver() {
		return this == SUCCEEDED || this == PARTIALLY_SUCCEEDED || this == FAILED || this == CANCELLED;
	}

	/** Whether the run waits or runs. */
	public boolean isGoing() {
		return this == QUEUED || this == RUNNING;
	}

	/** Compared without case, spaces, '_' or '-'. */
	private static String normalized(String word) {
		return word.toLowerCase(Locale.ROOT).replaceAll("[\\s_-]", "");
	}

}
