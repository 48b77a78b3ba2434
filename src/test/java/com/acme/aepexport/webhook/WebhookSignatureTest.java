package com.acme.aepexport.webhook;

import java.time.Duration;
import java.util.Base64;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class WebhookSignatureTest {

	@Test
	void signsTheStandardWebhooksTestVector() {
		// The vector the Standard Webhooks reference libraries are tested with.
		assertThat(WebhookSignature.sign("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "msg_p5jXN8AQM9LWM0D4loKWxJek",
				1614265330L, "{\"test\": 2432232314}"))
			.isEqualTo("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
	}

	@Test
	void aNewSecretIsWhsecAndTheBase64Of32RandomBytes() {
		String secret = WebhookSignature.newSecret();
		assertThat(secret).startsWith("whsec_");
		assertThat(Base64.getDecoder().decode(secret.substring("whsec_".length()))).hasSize(32);
		assertThat(WebhookSignature.newSecret()).isNotEqualTo(secret);
	}

	@Test
	void anotherBodyIdOrTimestampSignsDifferently() {
		String secret = WebhookSignature.newSecret();
		String signature = WebhookSignature.sign(secret, "msg_1", 1L, "{}");
		assertThat(WebhookSignature.sign(secret, "msg_2", 1L, "{}")).isNotEqualTo(signature);
		assertThat(WebhookSignature.sign(secret, "msg_1", 2L, "{}")).isNotEqualTo(signature);
		assertThat(WebhookSignature.sign(secret, "msg_1", 1L, "{ }")).isNotEqualTo(signature);
	}

	@Test
	void backoffDoublesFromTheInitialPauseUpToTheMaximum() {
		Duration initial = Duration.ofSeconds(30);
		Duration max = Duration.ofHours(1);
		assertThat(WebhookSender.backoff(initial, max, 1)).isEqualTo(Duration.ofSeconds(30));
		assertThat(WebhookSender.backoff(initial, max, 2)).isEqualTo(Duration.ofMinutes(1));
		assertThat(WebhookSender.backoff(initial, max, 4)).isEqualTo(Duration.ofMinutes(4));
		assertThat(WebhookSender.backoff(initial, max, 8)).isEqualTo(Duration.ofHours(1));
		assertThat(WebhookSender.backoff(initial, max, 1000)).isEqualTo(Duration.ofHours(1));
		// Less up to a fifth at random, never more than the pause.
		assertThat(WebhookSender.jittered(Duration.ofHours(1), 0)).isEqualTo(Duration.ofHours(1));
		assertThat(WebhookSender.jittered(Duration.ofHours(1), 1)).isEqualTo(Duration.ofMinutes(48));
		assertThat(WebhookSender.jittered(Duration.ofSeconds(30), 0.5)).isEqualTo(Duration.ofSeconds(27));
	}

}
