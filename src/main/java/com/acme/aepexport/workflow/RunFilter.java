package com.acme.aepexport.workflow;

/**
 * Which runs of an export to show.
 *
 * @param limit at most 100
 * @param status only runs with this status, any case; {@code null} for all
 * @param audienceId only runs that exported this audience; {@code null} for all
 * @param continuationToken from the previous page, or {@code null}
 */
public record RunFilter(int limit, String status, String audienceId, String continuationToken) {

}
