package com.acme.aepexport.webhook;

import java.util.UUID;

public class DeliveryNotFound extends RuntimeException {

	public DeliveryNotFound(UUID subscriptionId, UUID deliveryId) {
		super("No delivery " + deliveryId + " of webhook subscription " + subscriptionId);
	}

}
