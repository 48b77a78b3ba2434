package com.acme.aepexport.workflow;

/**
 * A field of an export request that Adobe's connection spec refuses, named as the caller
 * wrote it (e.g. {@code destination.bucket}).
 */
public record InvalidField(String field, String message) {

}
