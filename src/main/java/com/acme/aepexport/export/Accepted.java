package com.acme.aepexport.export;

/**
 * What {@code accept} did: stored a new export, or found the one an idempotency key
 * already made ({@code replayed}).
 */
public record Accepted(ExportView export, boolean replayed) {

}
