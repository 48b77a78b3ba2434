package com.acme.aepexport.workflow;

import com.acme.aepexport.export.RunState;

/**
 * Which runs of an export to show.
 *
 * @param limit at most 100
 * @param status only runs with this status of Adobe's: as given, in lower case or
 * capitalised (the spellings of Adobe's examples and of its schema); {@code null} for all
 * @param state only runs in this state (every spelling Adobe uses for it), or
 * {@code null}; not with {@code status}
 * @param audienceId only runs that exported this audience; {@code null} for all
 * @param continuationToken from the previous page, or {@code null}
 */
public record RunFilter(int limit, String status, RunState state, String audienceId, String continuationToken) {

}
