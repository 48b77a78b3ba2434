package com.acme.aepexport.adobe;

/**
 * A Flow Service entity as Adobe answers a create or a PATCH: its id and its etag. The
 * etag keeps its double quotes, as {@code If-Match} needs them.
 */
public record AdobeRef(String id, String etag) {

}
