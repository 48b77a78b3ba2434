package com.acme.aepexport.webhook;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import lombok.RequiredArgsConstructor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

import com.acme.aepexport.export.SealedSecrets;

/**
 * Sends the outbox's due attempts: claims a bounded batch (rows other instances are
 * claiming are skipped), sends each at once, signed, and records what came of it. A 2xx
 * delivers; anything else (another status, a timeout, a refused address) is tried again
 * after a pause doubling from {@code initial-backoff} up to {@code max-backoff}, until
 * {@code max-age} has passed: then the delivery is {@code DEAD}. An instance that dies
 * while sending loses its lease, and the attempt is sent again: at least once, with the
 * same {@code webhook-id}.
 */
@Component
@RequiredArgsConstructor
class WebhookSender {

	private static final Logger log = LoggerFactory.getLogger(WebhookSender.class);

	private final Deliveries deliveries;

	private final SealedSecrets secrets;

	private final WebhookSettings settings;

	private final TargetRules targets;

	private final Clock clock;

	private final HttpClient http;

	private final DeliveryMeters meters;

	/** One pass: sends the due attempts, a batch at most, at once. */
	void sendDue() {
		UUID lease = UUID.randomUUID();
		Instant now = this.clock.instant();
		List<Deliveries.Claimed> claimed = this.deliveries.claimDue(this.settings.batchSize(), now, lease,
				now.plus(this.settings.lease()));
		try (ExecutorService sends = Executors.newVirtualThreadPerTaskExecutor()) {
			claimed.forEach((attempt) -> sends.submit(() -> sendAndRecord(attempt, lease)));
		}
	}

	private void sendAndRecord(Deliveries.Claimed attempt, UUID lease) {
		try {
			Deliveries.Outcome outcome = send(attempt);
			if (outcome.delivered()) {
				this.deliveries.attempted(attempt, lease, outcome, DeliveryStatus.DELIVERED, null);
				this.meters.delivered();
				return;
			}
			Instant next = outcome.at().plus(backoff(attempt.attempt()));
			if (next.isAfter(attempt.since().plus(this.settings.maxAge()))) {
				this.deliveries.attempted(attempt, lease, outcome, DeliveryStatus.DEAD, null);
				this.meters.dead();
				log.warn("Webhook {} to subscription {} given up after {} attempts: {}", attempt.eventId(),
						attempt.subscriptionId(), attempt.attempt(), outcome.error());
			}
			else {
				this.deliveries.attempted(attempt, lease, outcome, DeliveryStatus.PENDING, next);
				this.meters.failed();
				log.info("Webhook {} to subscription {} failed (attempt {}), next at {}: {}", attempt.eventId(),
						attempt.subscriptionId(), attempt.attempt(), next, outcome.error());
			}
		}
		catch (RuntimeException ex) {
			// A database failure: the lease ends and the attempt is claimed again; the
			// other deliveries go on.
			log.error("Sending webhook {} to subscription {} failed unexpectedly", attempt.eventId(),
					attempt.subscriptionId(), ex);
		}
	}

	/**
	 * The pause after {@code attempts} failed attempts: doubling, up to the maximum, less
	 * up to a fifth at random, so that the deliveries a receiver's outage failed together
	 * do not all come back at the same moment.
	 */
	Duration backoff(int attempts) {
		return jittered(backoff(this.settings.initialBackoff(), this.settings.maxBackoff(), attempts),
				ThreadLocalRandom.current().nextDouble());
	}

	/** {@code pause} less {@code random} (0 to 1) times a fifth of it. */
	static Duration jittered(Duration pause, double random) {
		return pause.minusMillis(Math.round(pause.toMillis() * 0.2 * random));
	}

	static Duration backoff(Duration initial, Duration max, int attempts) {
		Duration pause = initial.multipliedBy(1L << Math.min(Math.max(attempts - 1, 0), 30));
		return (pause.compareTo(max) > 0 || pause.isNegative()) ? max : pause;
	}

	private Deliveries.Outcome send(Deliveries.Claimed attempt) {
		Instant start = this.clock.instant();
		// Again now: what the host resolves to may have changed since it was subscribed.
		Optional<String> refused = this.targets.refusal(attempt.url());
		if (refused.isPresent()) {
			return new Deliveries.Outcome(start, null, "target refused: " + refused.get(), 0);
		}
		byte[] secret;
		try {
			secret = this.secrets.open(attempt.secret(), attempt.subscriptionId());
		}
		catch (RuntimeException unopened) {
			// A key no longer held: an outcome like any other, so that the delivery ends
			// (DEAD after max-age) instead of being claimed again for ever.
			return new Deliveries.Outcome(start, null,
					"its signing secret cannot be opened: " + unopened.getClass().getSimpleName(), 0);
		}
		String signature;
		try {
			signature = WebhookSignature.sign(new String(secret, StandardCharsets.US_ASCII), attempt.eventId(),
					start.getEpochSecond(), attempt.payload());
		}
		finally {
			Arrays.fill(secret, (byte) 0);
		}
		HttpRequest request = HttpRequest.newBuilder(URI.create(attempt.url()))
			.timeout(this.settings.readTimeout())
			.header("Content-Type", "application/json")
			.header("User-Agent", "aep-export-facade-webhooks")
			.header("webhook-id", attempt.eventId())
			.header("webhook-timestamp", Long.toString(start.getEpochSecond()))
			.header("webhook-signature", signature)
			.POST(HttpRequest.BodyPublishers.ofString(attempt.payload(), StandardCharsets.UTF_8))
			.build();
		try {
			int status = exchange(request);
			return new Deliveries.Outcome(start, status,
					(status >= 200 && status < 300) ? null : "the receiver answered " + status, millisSince(start));
		}
		catch (HttpConnectTimeoutException ex) {
			return new Deliveries.Outcome(start, null,
					"no connection within " + this.settings.connectTimeout().toMillis() + " ms", millisSince(start));
		}
		catch (HttpTimeoutException ex) {
			return new Deliveries.Outcome(start, null,
					"no answer within " + this.settings.readTimeout().toMillis() + " ms", millisSince(start));
		}
		catch (ConnectException ex) {
			return new Deliveries.Outcome(start, null, "connection refused", millisSince(start));
		}
		catch (IOException ex) {
			return new Deliveries.Outcome(start, null, "sending failed: " + ex.getClass().getSimpleName(),
					millisSince(start));
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return new Deliveries.Outcome(start, null, "interrupted: the instance stopped", millisSince(start));
		}
	}

	/**
	 * The receiver's status, its whole answer (body included) within the read timeout:
	 * {@code HttpRequest.timeout} bounds the wait for the headers only, and a receiver
	 * that sent them and then dripped its body would hold the send, and the pass, for
	 * ever.
	 */
	private int exchange(HttpRequest request) throws IOException, InterruptedException {
		CompletableFuture<HttpResponse<Void>> answer = this.http.sendAsync(request,
				HttpResponse.BodyHandlers.discarding());
		try {
			return answer.get(this.settings.readTimeout().toMillis(), TimeUnit.MILLISECONDS).statusCode();
		}
		catch (TimeoutException ex) {
			answer.cancel(true);
			throw new HttpTimeoutException("no whole answer within " + this.settings.readTimeout());
		}
		catch (ExecutionException ex) {
			if (ex.getCause() instanceof IOException failed) {
				throw failed;
			}
			throw new IOException(ex.getCause());
		}
		finally {
			if (Thread.currentThread().isInterrupted()) {
				answer.cancel(true);
			}
		}
	}

	private long millisSince(Instant start) {
		return Duration.between(start, this.clock.instant()).toMillis();
	}

}
