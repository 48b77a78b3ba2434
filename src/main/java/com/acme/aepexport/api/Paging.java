package com.acme.aepexport.api;

import io.swagger.v3.oas.annotations.media.Schema;

import org.springframework.data.domain.Page;

/**
 * Where a page of a list stands among all its pages: every paged answer (exports,
 * webhooks, their deliveries) carries it after its items, unwrapped.
 */
record Paging(@Schema(minimum = "0", maximum = "" + Integer.MAX_VALUE) int page,
		@Schema(minimum = "1", maximum = "" + Paging.MAX_SIZE) int size,
		@Schema(minimum = "0", maximum = "" + Long.MAX_VALUE) long totalItems,
		@Schema(minimum = "0", maximum = "" + Integer.MAX_VALUE) int totalPages) {

	/** The most items a page holds. */
	static final int MAX_SIZE = 100;

	static Paging of(Page<?> page) {
		return new Paging(page.getNumber(), page.getSize(), page.getTotalElements(), page.getTotalPages());
	}

}
