package com.acme.aepexport.export;

/**
 * Why a step failed, as callers see it.
 *
 * @param step the step that failed
 * @param httpStatus Adobe's HTTP status, or {@code null} when no answer arrived
 * @param adobeCode Adobe's error code when its body carried one
 * @param message what went wrong, in Adobe's words where it gave any; never a secret
 * @param retryable whether trying the same call again may succeed
 */
public record StepError(StepName step, Integer httpStatus, String adobeCode, String message, boolean retryable) {

}
