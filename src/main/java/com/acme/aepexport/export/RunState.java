package com.acme.aepexport.export;

import java.util.Locale;
import java.util.Map;

/**
 * Where a dataflow run is, in words of our own. Adobe's run status is an open set: its
 * schema says {@code Success|Processing|Waiting|Failed}, its examples spell them in lower
 * case, and other values occur ({@code partialSuccess}, {@code cancelled},
 * {@code inProgress}). Callers switch on this; Adobe's own value stays beside it.
 */
public enum RunState {

	/** Waiting to start. */
	QUEUED,
	/** Started, not ended. */
	RUNNING,
	/** Every profile went out. */
	SUCCEEDED,
	/** Some profiles went out, some failed. */
	PARTIALLY_SUCCEEDED, FAILED,
	/** Stopped before it ended. */
	CANCELLED,
	/** A status Adobe reports that we do not know, or none. */
	UNKNOWN;

	/** Adobe's words for each state, compared without case, spaces, '_' or '-'. */
	private static final Map<String, RunState> WORDS = Map.ofEntries(Map.entry("waiting", QUEUED),
			Map.entry("queued", QUEUED), Map.entry("pending", QUEUED), Map.entry("scheduled", QUEUED),
			Map.entry("processing", RUNNING), Map.entry("inprogress", RUNNING), Map.entry("running", RUNNING),
			Map.entry("success", SUCCEEDED), Map.entry("succeeded", SUCCEEDED), Map.entry("completed", SUCCEEDED),
			Map.entry("partialsuccess", PARTIALLY_SUCCEEDED), Map.entry("partiallysucceeded", PARTIALLY_SUCCEEDED),
			Map.entry("partialfailure", PARTIALLY_SUCCEEDED), Map.entry("failed", FAILED), Map.entry("failure", FAILED),
			Map.entry("error", FAILED), Map.entry("cancelled", CANCELLED), Map.entry("canceled", CANCELLED),
			Map.entry("aborted", CANCELLED), Map.entry("stopped", CANCELLED));

	public static RunState of(String adobeStatus) {
		if (adobeStatus == null) {
			return UNKNOWN;
		}
		return WORDS.getOrDefault(adobeStatus.toLowerCase(Locale.ROOT).replaceAll("[\\s_-]", ""), UNKNOWN);
	}

	/** Whether the run has ended, one way or another. */
	public boolean isOver() {
		return this == SUCCEEDED || this == PARTIALLY_SUCCEEDED || this == FAILED || this == CANCELLED;
	}

}
