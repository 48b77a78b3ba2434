package com.acme.aepexport.webhook;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import lombok.RequiredArgsConstructor;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import com.acme.aepexport.export.SealedSecrets.Sealed;

/** The subscriptions, in {@code webhook_subscription}. */
@Repository
@RequiredArgsConstructor
class Subscriptions {

	private static final String COLUMNS = "id, owner, url, events, description, created_at";

	private final JdbcClient jdbc;

	void insert(Subscription subscription, Sealed secret) {
		this.jdbc.sql("""
				insert into webhook_subscription
				  (id, owner, url, events, description, secret_key_id, secret_ciphertext, created_at)
				values (:id, :owner, :url, :events, :description, :keyId, :ciphertext, :createdAt)""")
			.param("id", subscription.id())
			.param("owner", subscription.owner())
			.param("url", subscription.url())
			.param("events", subscription.events().stream().map(EventType::wireName).toArray(String[]::new))
			.param("description", subscription.description())
			.param("keyId", secret.keyId())
			.param("ciphertext", secret.ciphertext())
			.param("createdAt", Timestamp.from(subscription.createdAt()))
			.update();
	}

	Optional<Subscription> find(UUID id) {
		return this.jdbc.sql("select " + COLUMNS + " from webhook_subscription where id = :id")
			.param("id", id)
			.query(Subscriptions::subscription)
			.optional();
	}

	/** Newest first; every owner's for {@code null}. */
	List<Subscription> list(String owner, int page, int size) {
		return NewestFirst.page(this.jdbc.sql("select " + COLUMNS
				+ " from webhook_subscription where (cast(:owner as text) is null or owner = :owner)"
				+ NewestFirst.PAGED), page, size)
			.param("owner", owner)
			.query(Subscriptions::subscription)
			.list();
	}

	long count(String owner) {
		return this.jdbc
			.sql("select count(*) from webhook_subscription where (cast(:owner as text) is null or owner = :owner)")
			.param("owner", owner)
			.query(Long.class)
			.single();
	}

	boolean delete(UUID id) {
		return this.jdbc.sql("delete from webhook_subscription where id = :id").param("id", id).update() == 1;
	}

	private static Subscription subscription(ResultSet row, int number) throws SQLException {
		List<EventType> events = Arrays.stream((String[]) row.getArray("events").getArray())
			.map((name) -> EventType.named(name).orElseThrow())
			.toList();
		return new Subscription(row.getObject("id", UUID.class), row.getString("owner"), row.getString("url"), events,
				row.getString("description"), instant(row, "created_at"));
	}

	static Instant instant(ResultSet row, String column) throws SQLException {
		Timestamp timestamp = row.getTimestamp(column);
		return (timestamp != null) ? timestamp.toInstant() : null;
	}

}
