package com.acme.aepexport.api;

import java.util.List;

import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.ValidatorFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.acme.aepexport.webhook.EventType;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The events a subscription may name are spelled out in annotations, for the contract:
 * they must be the webhook module's events, every one of them.
 */
class WebhookRequestTest {

	private static ValidatorFactory factory;

	private static Validator validator;

	@BeforeAll
	static void validator() {
		factory = Validation.buildDefaultValidatorFactory();
		validator = factory.getValidator();
	}

	@AfterAll
	static void close() {
		factory.close();
	}

	@Test
	void everyEventTheWebhookModuleTellsCanBeSubscribedToAtOnce() {
		WebhookRequest all = new WebhookRequest("https://hooks.example.com/aep", EventType.wireNames(), null);

		assertThat(validator.validate(all)).isEmpty();
		assertThat(all.eventTypes()).containsExactly(EventType.values());
		assertThat(WebhookRequest.MAX_EVENTS).isEqualTo(EventType.values().length);
	}

	@Test
	void anEventTheModuleDoesNotTellIsRefused() {
		WebhookRequest unknown = new WebhookRequest("https://hooks.example.com/aep", List.of("run.started"), null);

		assertThat(validator.validate(unknown)).singleElement()
			.satisfies((violation) -> assertThat(violation.getPropertyPath().toString()).startsWith("events[0]"));
	}

}
