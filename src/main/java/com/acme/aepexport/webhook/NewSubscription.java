package com.acme.aepexport.webhook;

/**
 * A subscription just made, with its signing secret: the one time the secret is told.
 *
 * @param secret {@code whsec_…}
 */
public record NewSubscription(Subscription subscription, String secret) {

	@Override
	public String toString() {
		return "NewSubscription[subscription=" + this.subscription + ", secret=******]";
	}

}
