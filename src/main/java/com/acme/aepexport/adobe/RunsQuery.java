package com.acme.aepexport.adobe;

import java.util.List;

/**
 * A page of the runs of one dataflow, newest first.
 *
 * @param limit at most 100 (Adobe's maximum)
 * @param statuses only runs with one of these statuses (Adobe's
 * {@code metrics.statusSummary.status}, each as Adobe spells it), or {@code null}
 * @param audienceId only runs that exported this audience, or {@code null}
 * @param continuationToken Adobe's token for the next page, or {@code null} for the first
 */
public record RunsQuery(String flowId, int limit, List<String> statuses, String audienceId, String continuationToken) {

	public static final int MAX_LIMIT = 100;

	public RunsQuery {
		if (limit < 1 || limit > MAX_LIMIT) {
			throw new IllegalArgumentException("limit must be between 1 and " + MAX_LIMIT);
		}
		statuses = (statuses != null) ? List.copyOf(statuses) : null;
	}

}
