package com.acme.aepexport.webhook;

import java.time.Duration;
import java.util.List;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Where webhooks may go and how their delivery is retried.
 *
 * @param allowHttp whether a target may be {@code http://} (tests, a local receiver);
 * otherwise only {@code https://}
 * @param allowedHosts host names (exact, any case) or address ranges
 * ({@code 10.1.0.0/16}, {@code fd00::/8}, one address) a target may be in although it is
 * loopback, link-local, private or unspecified, which are refused otherwise
 * @param initialBackoff the pause after a first failed attempt; it doubles with each
 * @param maxBackoff the longest pause between attempts
 * @param maxAge how long a delivery is tried (from its event, or from a redelivery asked
 * for) before it is given up {@code DEAD}
 * @param connectTimeout to connect to a receiver
 * @param readTimeout for a receiver's answer
 * @param pollInterval how often due deliveries are looked for
 * @param batchSize the most deliveries one poll sends at once
 * @param retention how long a delivery that ended ({@code DELIVERED} or {@code DEAD}) is
 * kept, with its attempts, for {@code GET /webhooks/{id}/deliveries}
 * @param purgeBatchSize the most ended deliveries one statement of the purge deletes
 */
@Validated
@ConfigurationProperties("exports.webhooks")
record WebhookSettings(@DefaultValue("false") boolean allowHttp, @DefaultValue List<String> allowedHosts,
		@DefaultValue("30s") @NotNull @DurationMin(millis = 1) Duration initialBackoff,
		@DefaultValue("1h") @NotNull @DurationMin(millis = 1) Duration maxBackoff,
		@DefaultValue("24h") @NotNull @DurationMin(millis = 1) Duration maxAge,
		@DefaultValue("5s") @NotNull @DurationMin(millis = 1) Duration connectTimeout,
		@DefaultValue("5s") @NotNull @DurationMin(millis = 1) Duration readTimeout,
		@DefaultValue("1s") @NotNull @DurationMin(millis = 1) Duration pollInterval,
		@DefaultValue("20") @Positive int batchSize,
		@DefaultValue("30d") @NotNull @DurationMin(hours = 1) Duration retention,
		@DefaultValue("500") @Positive int purgeBatchSize) {

	WebhookSettings {
		allowedHosts = (allowedHosts != null) ? List.copyOf(allowedHosts) : List.of();
	}

	/**
	 * How long a claimed attempt is another instance's to send: past it, the attempt is
	 * taken as lost with its instance and sent again.
	 */
	Duration lease() {
		return this.connectTimeout.plus(this.readTimeout).plusSeconds(30);
	}

}
