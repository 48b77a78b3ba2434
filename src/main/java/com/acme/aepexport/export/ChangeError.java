package com.acme.aepexport.export;

/**
 * Why a change was not applied.
 *
 * @param httpStatus Adobe's status, when Adobe answered
 * @param adobeCode Adobe's error code, when it gave one
 * @param message what went wrong, in Adobe's words where it had some
 * @param retryable whether asking again may work (Adobe did not answer, or refused for
 * now); when it is, Adobe may or may not carry the change
 */
public record ChangeError(Integer httpStatus, String adobeCode, String message, boolean retryable) {

}
