package com.acme.aepexport.workflow;

import java.util.List;

/**
 * Runs of an export, newest first.
 *
 * @param continuationToken opaque; asks for the next page, {@code null} on the last one
 */
public record RunPage(List<DataflowRun> runs, String continuationToken) {

}
