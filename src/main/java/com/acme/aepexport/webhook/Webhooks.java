package com.acme.aepexport.webhook;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import lombok.RequiredArgsConstructor;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageImpl;
import org.springframework.data.domain.PageRequest;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.acme.aepexport.export.SealedSecrets;

/**
 * The webhook module's face: subscriptions and their deliveries. Who may see which is the
 * caller's business (the owner is on every subscription); one transaction a method.
 */
@Service
@Transactional
@RequiredArgsConstructor
public class Webhooks {

	/** The most attempts a delivery shows, the newest. */
	public static final int MAX_HISTORY = 50;

	private final Subscriptions subscriptions;

	private final Deliveries deliveries;

	private final SealedSecrets secrets;

	private final TargetRules targets;

	private final Clock clock;

	/**
	 * Stores a subscription with a new signing secret, sealed; the answer is the only
	 * place the secret is told.
	 * @throws TargetRefused when the URL is not a target webhooks may go to
	 */
	public NewSubscription subscribe(String owner, String url, Set<EventType> events, String description) {
		Optional<String> refused = this.targets.refusal(url);
		if (refused.isPresent()) {
			throw new TargetRefused(refused.get());
		}
		Subscription subscription = new Subscription(UUID.randomUUID(), owner, url, events.stream().sorted().toList(),
				description, this.clock.instant());
		String secret = WebhookSignature.newSecret();
		this.subscriptions.insert(subscription,
				this.secrets.seal(secret.getBytes(StandardCharsets.US_ASCII), subscription.id()));
		return new NewSubscription(subscription, secret);
	}

	@Transactional(readOnly = true)
	public Optional<Subscription> find(UUID id) {
		return this.subscriptions.find(id);
	}

	/** Newest first; every owner's for {@code null}. */
	@Transactional(readOnly = true)
	public Page<Subscription> list(String owner, int page, int size) {
		return new PageImpl<>(this.subscriptions.list(owner, page, size), PageRequest.of(page, size),
				this.subscriptions.count(owner));
	}

	/** Deletes the subscription and its deliveries; none is attempted again. */
	public void delete(UUID id) {
		if (!this.subscriptions.delete(id)) {
			throw new SubscriptionNotFound(id);
		}
	}

	/** The subscription's deliveries, newest first, each with its latest attempts. */
	@Transactional(readOnly = true)
	public Page<Delivery> deliveries(UUID subscriptionId, int page, int size) {
		List<Delivery> items = this.deliveries.list(subscriptionId, page, size, MAX_HISTORY);
		return new PageImpl<>(items, PageRequest.of(page, size), this.deliveries.count(subscriptionId));
	}

	/**
	 * The newest deliveries of an export's events to its owner's subscriptions, each with
	 * its latest attempt only.
	 */
	@Transactional(readOnly = true)
	public List<Delivery> deliveriesOf(String owner, UUID exportId, int limit) {
		return this.deliveries.listOfExport(owner, exportId, limit);
	}

	/**
	 * Makes the delivery due at once, with the same event id and body, and tried for
	 * {@code exports.webhooks.max-age} from now.
	 */
	public Delivery redeliver(UUID subscriptionId, UUID deliveryId) {
		if (!this.deliveries.requeue(subscriptionId, deliveryId, this.clock.instant())) {
			throw new DeliveryNotFound(subscriptionId, deliveryId);
		}
		return this.deliveries.find(subscriptionId, deliveryId, MAX_HISTORY)
			.orElseThrow(() -> new DeliveryNotFound(subscriptionId, deliveryId));
	}

}
