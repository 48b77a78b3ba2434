package com.acme.aepexport.api;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Positive;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * The HTTP edge: who may call, how large a request may be, and how many at once.
 */
@Validated
@ConfigurationProperties("exports")
public record ApiSettings(@Valid @DefaultValue Security security, @Valid @DefaultValue Requests requests) {

	/**
	 * @param enabled {@code false} lets every caller in without a token, as an admin: for
	 * local runs only, and logged as a warning
	 */
	public record Security(@DefaultValue("true") boolean enabled) {

	}

	/**
	 * What one request may hold, and how many creates may be in flight at once. The
	 * defaults leave room for the largest valid export (250 audiences with their own
	 * schedules, 500 mapping rows: about 9,000 tokens, 4 levels deep, a 64 KiB PGP key).
	 *
	 * @param maxBodySize a larger body is refused with 413 before it is read
	 * @param maxDepth arrays and objects nested deeper are refused with 400 as the body
	 * is read
	 * @param maxTokens a body of more tokens (field names, values, brackets; each array
	 * element is one at least) is refused with 400 as it is read
	 * @param maxStringLength a longer string value (in characters) is refused with 400
	 * @param maxNumberLength a longer number (in characters) is refused with 400
	 * @param maxNameLength a longer field name (in characters) is refused with 400
	 * @param maxConcurrentCreates {@code POST /exports} this instance serves at once; one
	 * more is answered 429 with {@code Retry-After}, before its body is read
	 */
	public record Requests(@DefaultValue("1MB") DataSize maxBodySize, @DefaultValue("16") @Positive int maxDepth,
			@DefaultValue("50000") @Positive long maxTokens, @DefaultValue("100000") @Positive int maxStringLength,
			@DefaultValue("100") @Positive int maxNumberLength, @DefaultValue("256") @Positive int maxNameLength,
			@DefaultValue("16") @Positive int maxConcurrentCreates) {

	}

}
