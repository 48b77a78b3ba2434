package com.acme.aepexport.export;

/**
 * Adobe accepted an ad hoc activation job ("export now") of an export and named its runs:
 * published inside the transaction that stores the job's answer, to listeners that run in
 * it (the webhook outbox). A job Adobe refused, or whose answer was lost, is not one.
 *
 * @param export the export, as it is now
 * @param job the job as stored, {@code STARTED}, with one run per audience
 */
public record ActivationStarted(ExportView export, ActivationJob job) {

}
