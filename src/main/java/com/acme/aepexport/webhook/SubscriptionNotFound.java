package com.acme.aepexport.webhook;

import java.util.UUID;

public class SubscriptionNotFound extends RuntimeException {

	public SubscriptionNotFound(UUID id) {
		super("No webhook subscription " + id);
	}

}
