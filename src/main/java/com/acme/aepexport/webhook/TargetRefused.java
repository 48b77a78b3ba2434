package com.acme.aepexport.webhook;

/** A subscription's URL is not a target webhooks may go to; the message says why. */
public class TargetRefused extends RuntimeException {

	public TargetRefused(String reason) {
		super(reason);
	}

}
