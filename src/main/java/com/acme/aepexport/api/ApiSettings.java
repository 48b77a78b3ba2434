package com.acme.aepexport.api;

import jakarta.validation.Valid;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * The HTTP edge: who may call, and how large a request may be.
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
	 * @param maxBodySize a larger body is refused with 413 before it is read
	 */
	public record Requests(@DefaultValue("1MB") DataSize maxBodySize) {

	}

}
