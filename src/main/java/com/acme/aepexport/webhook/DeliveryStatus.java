package com.acme.aepexport.webhook;

/** Where a delivery stands. */
public enum DeliveryStatus {

	/** Not yet answered with a 2xx; an attempt is due or in flight. */
	PENDING,

	/** A receiver answered an attempt with a 2xx. */
	DELIVERED,

	/**
	 * No 2xx within {@code exports.webhooks.max-age}: no further attempt unless asked.
	 */
	DEAD

}
