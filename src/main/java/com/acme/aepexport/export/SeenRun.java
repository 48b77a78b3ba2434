package com.acme.aepexport.export;

import java.time.Instant;
import java.util.List;

/**
 * One run of an export's dataflow as a read of Adobe's runs saw it: enough to tell
 * whether a scheduled run appeared.
 *
 * @param createdAt when Adobe created it; {@code null} when Adobe did not say
 * @param audienceIds the audiences it names; none while it waits (Adobe names them once
 * it starts), so a waiting run may be any audience's
 */
public record SeenRun(String runId, RunState state, Instant createdAt, List<String> audienceIds) {

	public SeenRun {
		audienceIds = List.copyOf(audienceIds);
	}

	/** Whether it is, or may be, a run of the audience. */
	boolean mayBeOf(String audienceId) {
		return this.audienceIds.isEmpty() || this.audienceIds.contains(audienceId);
	}

}
