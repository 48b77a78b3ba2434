package com.acme.aepexport.adobe;

import tools.jackson.databind.JsonNode;

/**
 * A write a rehearsal recorded instead of sending it ({@link AdobeRehearsal}): what an
 * export would send Adobe.
 *
 * @param method {@code POST} or {@code PATCH}
 * @param path relative to {@code adobe.platform.base-url}, with its query; the ids Adobe
 * has not made yet are placeholders ({@code /flows/{dataflow.id}})
 * @param ifMatch the etag the write changes (a flow PATCH's), or {@code null}
 * @param body the JSON body as it would be written, or {@code null} for none
 */
public record PlannedCall(String method, String path, String ifMatch, JsonNode body) {

}
