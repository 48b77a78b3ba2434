package com.acme.aepexport.api;

import java.util.List;

/**
 * The most an answer holds, as the contract promises it ({@code maxLength},
 * {@code maxItems}), and the cuts that keep the promise where a value is not ours to
 * bound. What a caller sent is bounded by validation, and answered back within the same
 * bounds; Adobe's ids and etags are refused past {@value #ADOBE_ID} characters where they
 * enter ({@code adobe/JsonValues}); text written for people is cut here, and a code or
 * status of Adobe's that is longer than any Adobe uses is not shown.
 */
final class AnswerLimits {

	/** A UUID, written with its hyphens. */
	static final int UUID = 36;

	/** An instant in ISO-8601, as long as {@code Instant.MAX} writes. */
	static final int INSTANT = 37;

	/** A date as requests give it ({@link IsoDate}), or today's. */
	static final int DATE = IsoDate.LENGTH;

	/** Adobe's ids and etags; longer ones are refused in {@code adobe/JsonValues}. */
	static final int ADOBE_ID = 256;

	/** Adobe's error codes; a longer one is not shown. */
	static final int ADOBE_CODE = 256;

	/** Adobe's run statuses (a word); a longer one is not shown. */
	static final int RUN_STATUS = 64;

	/** A message for people: a longer one is cut, ending with "…". */
	static final int MESSAGE = 1000;

	/** The errors of one run that are shown, the first ones. */
	static final int RUN_ERRORS = 100;

	/** Our continuation token wraps Adobe's (refused past 1,024 characters in adobe/). */
	static final int CONTINUATION_TOKEN = 2048;

	private AnswerLimits() {
	}

	/** The text, cut to {@code max} characters (the last an ellipsis) when longer. */
	static String cut(String text, int max) {
		if (text == null || text.length() <= max) {
			return text;
		}
		int end = Character.isHighSurrogate(text.charAt(max - 2)) ? max - 2 : max - 1;
		return text.substring(0, end) + "…";
	}

	/** The value, or {@code null} when it is longer than {@code max}. */
	static String within(String value, int max) {
		return (value == null || value.length() <= max) ? value : null;
	}

	/** The first {@code max} elements. */
	static <T> List<T> first(List<T> list, int max) {
		return (list.size() <= max) ? list : list.subList(0, max);
	}

}
