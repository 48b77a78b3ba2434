package com.acme.aepexport.adobe;

import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/**
 * One {@code property=} filter of a Flow Service list: {@code path==value}, or
 * {@code path==a,b,c} for any of several values. Adobe's grammar reads {@code ,} as the
 * list separator and other characters ({@code =}, {@code !}, {@code <}, {@code >},
 * {@code (}, {@code ;}, {@code &}, spaces) as operators or worse, and documents no escape
 * (adobe-api-notes.md §4.3). So a value may hold only letters, digits and
 * {@code _ . : @ -}: Adobe ids and the names we give entities. Caller text never gets
 * here; should it try, this refuses it rather than let Adobe misread it.
 */
record PropertyFilter(String expression) {

	private static final Pattern LITERAL = Pattern.compile("[A-Za-z0-9_.:@-]+");

	/** {@code path==value}, or {@code path==v1,v2} when several values are given. */
	static PropertyFilter equal(String path, String... values) {
		List<String> literal = Arrays.stream(values).distinct().toList();
		for (String value : literal) {
			if (value == null || !LITERAL.matcher(value).matches()) {
				throw new IllegalArgumentException(
						"Not a value Adobe's filter grammar takes literally: '" + value + "' (for " + path + ")");
			}
		}
		return new PropertyFilter(path + "==" + String.join(",", literal));
	}

	@Override
	public String toString() {
		return this.expression;
	}

}
