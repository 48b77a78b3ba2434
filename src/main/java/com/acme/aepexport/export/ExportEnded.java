package com.acme.aepexport.export;

/**
 * An export became {@code SUCCEEDED}, {@code FAILED} or {@code DELETED}. Published inside
 * the transaction that changes its status, to listeners that run in it: what they write
 * (the webhook outbox) commits with the status change or not at all.
 *
 * @param export the export as it is now
 */
public record ExportEnded(ExportView export) {

}
