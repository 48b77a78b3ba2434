package com.acme.aepexport.adobe;

import tools.jackson.core.JacksonException;

import org.springframework.core.codec.CodecException;

/**
 * How an answer Adobe gave, but that cannot be read into what we need, is reported: as a
 * failure that is not worth retrying and that names where in the answer it broke, never
 * quoting the answer (it may hold what we sent, credentials included).
 */
final class AdobeAnswers {

	private AdobeAnswers() {
	}

	static AdobeCallFailed unreadable(String operation, CodecException ex) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof JacksonException json) {
				String reason = (json instanceof tools.jackson.core.exc.StreamReadException
						&& !(json instanceof tools.jackson.core.exc.InputCoercionException)) ? "is not valid JSON"
								: "has the wrong type or is out of range";
				return AdobeCallFailed.unusable(operation, path(json), reason);
			}
		}
		return AdobeCallFailed.unusable(operation, "", "cannot be read");
	}

	/** The JSON path of the bad value, e.g. {@code items[0].etag}. */
	static String path(JacksonException ex) {
		StringBuilder path = new StringBuilder();
		for (JacksonException.Reference reference : ex.getPath()) {
			if (reference.getPropertyName() != null) {
				path.append(path.isEmpty() ? "" : ".").append(reference.getPropertyName());
			}
			else if (reference.getIndex() >= 0) {
				path.append('[').append(reference.getIndex()).append(']');
			}
		}
		return path.toString();
	}

}
