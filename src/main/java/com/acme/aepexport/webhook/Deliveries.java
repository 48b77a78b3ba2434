package com.acme.aepexport.webhook;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import lombok.RequiredArgsConstructor;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import com.acme.aepexport.export.SealedSecrets.Sealed;

/**
 * The outbox and its deliveries, in {@code webhook_delivery} and {@code webhook_attempt}.
 */
@Repository
@RequiredArgsConstructor
class Deliveries {

	private static final String COLUMNS = """
			id, subscription_id, event_id, event_type, export_id, status, attempts, created_at, next_attempt_at,
			delivered_at""";

	private final JdbcClient jdbc;

	/**
	 * Queues the event for every subscription of {@code owner} that asked for its type,
	 * in the caller's transaction.
	 * @return how many
	 */
	int queue(String owner, String eventId, EventType type, UUID exportId, String payload, Instant now) {
		return this.jdbc.sql("""
				insert into webhook_delivery
				  (id, subscription_id, event_id, event_type, export_id, payload, status, attempts, created_at,
				   next_attempt_at)
				select gen_random_uuid(), s.id, :eventId, :type, :exportId, :payload, 'PENDING', 0, :now, :now
				from webhook_subscription s
				where s.owner = :owner and :type = any(s.events)""")
			.param("eventId", eventId)
			.param("type", type.wireName())
			.param("exportId", exportId)
			.param("payload", payload)
			.param("now", Timestamp.from(now))
			.param("owner", owner)
			.update();
	}

	/**
	 * Deletes at most {@code limit} deliveries that ended (delivered or given up) before
	 * {@code before}, their attempts with them.
	 * @return how many
	 */
	int purgeEnded(Instant before, int limit) {
		return this.jdbc.sql("""
				delete from webhook_delivery where id in (
				  select id from webhook_delivery
				  where status <> 'PENDING' and coalesce(requeued_at, created_at) < :before
				  order by created_at
				  limit :limit)""").param("before", Timestamp.from(before)).param("limit", limit).update();
	}

	/**
	 * Claims up to {@code limit} due attempts for this instance: each is counted, and due
	 * again only when {@code leaseEnds} has passed (its instance presumed lost). Rows
	 * another instance is claiming are skipped, never waited for, so no two instances
	 * claim one attempt.
	 */
	List<Claimed> claimDue(int limit, Instant now, UUID lease, Instant leaseEnds) {
		return this.jdbc.sql("""
				update webhook_delivery d
				set lease = :lease, next_attempt_at = :leaseEnds, attempts = d.attempts + 1
				from webhook_subscription s
				where s.id = d.subscription_id and d.id in (
				  select id from webhook_delivery
				  where status = 'PENDING' and next_attempt_at <= :now
				  order by next_attempt_at
				  limit :limit
				  for update skip locked)
				returning d.id, d.event_id, d.payload, d.attempts, coalesce(d.requeued_at, d.created_at) as since,
				  s.id as subscription_id, s.url, s.secret_key_id, s.secret_ciphertext""")
			.param("lease", lease)
			.param("leaseEnds", Timestamp.from(leaseEnds))
			.param("now", Timestamp.from(now))
			.param("limit", limit)
			.query((row, number) -> new Claimed(row.getObject("id", UUID.class), row.getString("event_id"),
					row.getString("payload"), row.getInt("attempts"), Subscriptions.instant(row, "since"),
					row.getObject("subscription_id", UUID.class), row.getString("url"),
					new Sealed(row.getString("secret_key_id"), row.getBytes("secret_ciphertext"))))
			.list();
	}

	/**
	 * Records an attempt, and the delivery's new state while the lease is still this
	 * instance's (a redelivery asked for meanwhile wins).
	 */
	void attempted(Claimed claimed, UUID lease, Outcome outcome, DeliveryStatus status, Instant nextAttemptAt) {
		this.jdbc.sql("""
				insert into webhook_attempt (delivery_id, attempt, at, status_code, error, duration_ms)
				values (:id, :attempt, :at, :statusCode, :error, :duration)
				on conflict do nothing""")
			.param("id", claimed.id())
			.param("attempt", claimed.attempt())
			.param("at", Timestamp.from(outcome.at()))
			.param("statusCode", outcome.statusCode())
			.param("error", outcome.error())
			.param("duration", (int) Math.min(Integer.MAX_VALUE, outcome.durationMillis()))
			.update();
		this.jdbc.sql("""
				update webhook_delivery
				set status = :status, next_attempt_at = :next, lease = null,
				    delivered_at = case when :status = 'DELIVERED' then cast(:at as timestamptz) end
				where id = :id and lease = :lease""")
			.param("status", status.name())
			.param("next", (nextAttemptAt != null) ? Timestamp.from(nextAttemptAt) : null)
			.param("at", Timestamp.from(outcome.at()))
			.param("id", claimed.id())
			.param("lease", lease)
			.update();
	}

	/** Newest first. */
	List<Delivery> list(UUID subscriptionId, int page, int size, int history) {
		List<Delivery> deliveries = NewestFirst
			.page(this.jdbc.sql("select " + COLUMNS + " from webhook_delivery where subscription_id = :subscriptionId"
					+ NewestFirst.PAGED), page, size)
			.param("subscriptionId", subscriptionId)
			.query(Deliveries::delivery)
			.list();
		return withHistory(deliveries, history);
	}

	/**
	 * The newest deliveries of one export's events, each with its latest attempt. Only
	 * its owner's subscriptions receive them.
	 */
	List<Delivery> listOfExport(String owner, UUID exportId, int limit) {
		List<Delivery> deliveries = this.jdbc.sql("""
				select d.id, d.subscription_id, d.event_id, d.event_type, d.export_id, d.status, d.attempts,
				  d.created_at, d.next_attempt_at, d.delivered_at
				from webhook_delivery d join webhook_subscription s on s.id = d.subscription_id
				where s.owner = :owner and d.export_id = :exportId
				order by d.created_at desc, d.id desc limit :limit""")
			.param("owner", owner)
			.param("exportId", exportId)
			.param("limit", limit)
			.query(Deliveries::delivery)
			.list();
		return withHistory(deliveries, 1);
	}

	long count(UUID subscriptionId) {
		return this.jdbc.sql("select count(*) from webhook_delivery where subscription_id = :subscriptionId")
			.param("subscriptionId", subscriptionId)
			.query(Long.class)
			.single();
	}

	Optional<Delivery> find(UUID subscriptionId, UUID id, int history) {
		return this.jdbc.sql("select " + COLUMNS + " from webhook_delivery where id = :id and subscription_id = :sub")
			.param("id", id)
			.param("sub", subscriptionId)
			.query(Deliveries::delivery)
			.optional()
			.map((delivery) -> withHistory(List.of(delivery), history).getFirst());
	}

	/**
	 * Due again now, whatever became of it, and for {@code max-age} from now; an attempt
	 * in flight loses its lease and records only its attempt.
	 */
	boolean requeue(UUID subscriptionId, UUID id, Instant now) {
		return this.jdbc.sql("""
				update webhook_delivery
				set status = 'PENDING', next_attempt_at = :now, requeued_at = :now, lease = null, delivered_at = null
				where id = :id and subscription_id = :sub""")
			.param("now", Timestamp.from(now))
			.param("id", id)
			.param("sub", subscriptionId)
			.update() == 1;
	}

	long pending() {
		return this.jdbc.sql("select count(*) from webhook_delivery where status = 'PENDING'")
			.query(Long.class)
			.single();
	}

	/**
	 * The deliveries, each with its newest {@code history} attempts, newest first: one
	 * query for all of them, not one per delivery.
	 */
	private List<Delivery> withHistory(List<Delivery> deliveries, int history) {
		if (deliveries.isEmpty()) {
			return deliveries;
		}
		Map<UUID, List<Delivery.Attempt>> attempts = new HashMap<>();
		this.jdbc.sql("""
				select delivery_id, attempt, at, status_code, error, duration_ms from (
				  select a.*, row_number() over (partition by delivery_id order by attempt desc) as newest
				  from webhook_attempt a where delivery_id in (:ids)) ranked
				where newest <= :limit order by delivery_id, attempt desc""")
			.param("ids", deliveries.stream().map(Delivery::id).toList())
			.param("limit", history)
			.query((row) -> {
				attempts.computeIfAbsent(row.getObject("delivery_id", UUID.class), (id) -> new ArrayList<>())
					.add(new Delivery.Attempt(row.getInt("attempt"), Subscriptions.instant(row, "at"),
							(Integer) row.getObject("status_code"), row.getString("error"),
							row.getLong("duration_ms")));
			});
		return deliveries.stream()
			.map((delivery) -> new Delivery(delivery.id(), delivery.subscriptionId(), delivery.eventId(),
					delivery.eventType(), delivery.exportId(), delivery.status(), delivery.attempts(),
					delivery.createdAt(), delivery.nextAttemptAt(), delivery.deliveredAt(),
					List.copyOf(attempts.getOrDefault(delivery.id(), List.of()))))
			.toList();
	}

	private static Delivery delivery(ResultSet row, int number) throws SQLException {
		DeliveryStatus status = DeliveryStatus.valueOf(row.getString("status"));
		return new Delivery(row.getObject("id", UUID.class), row.getObject("subscription_id", UUID.class),
				row.getString("event_id"), EventType.named(row.getString("event_type")).orElseThrow(),
				row.getObject("export_id", UUID.class), status, row.getInt("attempts"),
				Subscriptions.instant(row, "created_at"),
				(status == DeliveryStatus.PENDING) ? Subscriptions.instant(row, "next_attempt_at") : null,
				Subscriptions.instant(row, "delivered_at"), List.of());
	}

	/**
	 * An attempt claimed to send.
	 *
	 * @param attempt its number, from 1
	 * @param since when the delivery's age began (its event, or a redelivery)
	 */
	record Claimed(UUID id, String eventId, String payload, int attempt, Instant since, UUID subscriptionId, String url,
			Sealed secret) {

	}

	/**
	 * What an attempt came to.
	 *
	 * @param statusCode {@code null} when no answer came
	 */
	record Outcome(Instant at, Integer statusCode, String error, long durationMillis) {

		boolean delivered() {
			return this.statusCode != null && this.statusCode >= 200 && this.statusCode < 300;
		}

	}

}
