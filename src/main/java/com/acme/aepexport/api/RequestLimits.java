package com.acme.aepexport.api;

import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.exc.StreamConstraintsException;

/**
 * How much of a request body Jackson reads before it gives up: nesting depth, tokens
 * (every array element is one at least, so they bound arrays too), the length of a
 * string, a number and a field name ({@code exports.requests.*}). Checked by the parser
 * as it reads, before a {@code JsonNode} of the body exists; a body past one is the
 * {@link Exceeded} that {@link ProblemHandler} answers with 400.
 * <p>
 * Jackson's own exception names the limit only in its message; this subclass names it as
 * a value, and the setting that raises it.
 */
final class RequestLimits extends StreamReadConstraints {

	RequestLimits(ApiSettings.Requests requests) {
		super(requests.maxDepth(), -1, requests.maxTokens(), requests.maxNumberLength(), requests.maxStringLength(),
				requests.maxNameLength());
	}

	@Override
	public void validateNestingDepth(int depth) throws StreamConstraintsException {
		check(Limit.DEPTH, this._maxNestingDepth, () -> super.validateNestingDepth(depth));
	}

	@Override
	public void validateTokenCount(long count) throws StreamConstraintsException {
		check(Limit.TOKENS, this._maxTokenCount, () -> super.validateTokenCount(count));
	}

	@Override
	public void validateStringLength(int length) throws StreamConstraintsException {
		check(Limit.STRING_LENGTH, this._maxStringLen, () -> super.validateStringLength(length));
	}

	@Override
	public void validateStringLengthLong(long length) throws StreamConstraintsException {
		check(Limit.STRING_LENGTH, this._maxStringLen, () -> super.validateStringLengthLong(length));
	}

	@Override
	public void validateNameLength(int length) throws StreamConstraintsException {
		check(Limit.NAME_LENGTH, this._maxNameLen, () -> super.validateNameLength(length));
	}

	@Override
	public void validateIntegerLength(int length) throws StreamConstraintsException {
		check(Limit.NUMBER_LENGTH, this._maxNumLen, () -> super.validateIntegerLength(length));
	}

	@Override
	public void validateFPLength(int length) throws StreamConstraintsException {
		check(Limit.NUMBER_LENGTH, this._maxNumLen, () -> super.validateFPLength(length));
	}

	private static void check(Limit limit, long max, Runnable validation) {
		try {
			validation.run();
		}
		catch (StreamConstraintsException ex) {
			throw new Exceeded(limit, max);
		}
	}

	/** Each limit, what a body past it does, and the setting that raises it. */
	enum Limit {

		DEPTH("nests deeper than %d levels", "max-depth"),

		TOKENS("holds more than %d tokens (names, values, brackets)", "max-tokens"),

		STRING_LENGTH("holds a string longer than %d characters", "max-string-length"),

		NUMBER_LENGTH("holds a number longer than %d characters", "max-number-length"),

		NAME_LENGTH("holds a field name longer than %d characters", "max-name-length");

		private final String what;

		private final String setting;

		Limit(String what, String setting) {
			this.what = what;
			this.setting = setting;
		}

		/** e.g. {@code nests deeper than 16 levels (exports.requests.max-depth)} */
		String describe(long max) {
			return this.what.formatted(max) + " (exports.requests." + this.setting + ")";
		}

	}

	/** The body went past a limit while it was read. */
	static final class Exceeded extends StreamConstraintsException {

		final Limit limit;

		final long max;

		Exceeded(Limit limit, long max) {
			super("The request body " + limit.describe(max));
			this.limit = limit;
			this.max = max;
		}

	}

}
