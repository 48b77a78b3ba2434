package com.acme.aepexport.adobe;

import java.util.List;

/**
 * @param continuationToken Adobe's token for the next page, {@code null} on the last
 */
public record RunsPage(List<FlowRun> runs, String continuationToken) {

}
