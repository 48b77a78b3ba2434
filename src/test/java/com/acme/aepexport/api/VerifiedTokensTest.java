package com.acme.aepexport.api;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * A token is verified once, then taken on trust until it expires, five minutes at most; a
 * refused one is verified every time. The decoder is a fake that counts what it verifies;
 * time is the test's.
 */
class VerifiedTokensTest {

	private static final Instant NOW = Instant.parse("2026-12-07T10:00:00Z");

	private final AtomicLong nanos = new AtomicLong();

	private final List<String> verified = new ArrayList<>();

	private Instant expiresAt = NOW.plus(Duration.ofMinutes(2));

	private final VerifiedTokens tokens = new VerifiedTokens((token) -> {
		this.verified.add(token);
		if (token.startsWith("forged")) {
			throw new BadJwtException("bad signature");
		}
		Jwt.Builder jwt = Jwt.withTokenValue(token)
			.header("alg", "RS256")
			.subject("crm-service")
			.issuedAt(NOW.minus(Duration.ofHours(1)));
		return ((this.expiresAt != null) ? jwt.expiresAt(this.expiresAt) : jwt).build();
	}, Clock.fixed(NOW, ZoneOffset.UTC), this.nanos::get, new SimpleMeterRegistry());

	@Test
	void aTokenIsVerifiedOnceThenTakenOnTrustUntilItExpires() {
		assertThat(this.tokens.decode("a.b.c").getSubject()).isEqualTo("crm-service");
		later(Duration.ofMinutes(2).minusNanos(1));
		assertThat(this.tokens.decode("a.b.c").getSubject()).isEqualTo("crm-service");
		assertThat(this.verified).containsExactly("a.b.c");

		later(Duration.ofNanos(1));
		this.tokens.decode("a.b.c");

		assertThat(this.verified).as("verified again once it expired").containsExactly("a.b.c", "a.b.c");
	}

	@ParameterizedTest
	@NullSource
	@ValueSource(strings = "2026-12-07T11:00:00Z")
	void aTokenThatExpiresLaterOrNeverIsVerifiedAgainAfterFiveMinutes(Instant expiresAt) {
		this.expiresAt = expiresAt;
		this.tokens.decode("a.b.c");
		later(VerifiedTokens.AT_MOST.minusNanos(1));
		this.tokens.decode("a.b.c");
		assertThat(this.verified).hasSize(1);

		later(Duration.ofNanos(1));
		this.tokens.decode("a.b.c");

		assertThat(this.verified).hasSize(2);
	}

	@Test
	void aTokenPastItsExpiryThatTheDecoderStillTakesIsNotKept() {
		// The decoder allows some clock skew; the cache none.
		this.expiresAt = NOW.minusSeconds(30);
		this.tokens.decode("a.b.c");
		this.tokens.decode("a.b.c");

		assertThat(this.verified).hasSize(2);
	}

	@Test
	void aRefusedTokenIsVerifiedEveryTime() {
		for (int i = 0; i < 2; i++) {
			assertThatExceptionOfType(BadJwtException.class).isThrownBy(() -> this.tokens.decode("forged.b.c"));
		}

		assertThat(this.verified).containsExactly("forged.b.c", "forged.b.c");
	}

	@Test
	void eachTokenIsVerifiedForItself() {
		this.tokens.decode("a.b.c");
		this.tokens.decode("a.b.d");
		this.tokens.decode("a.b.c");

		assertThat(this.verified).containsExactly("a.b.c", "a.b.d");
	}

	private void later(Duration duration) {
		this.nanos.addAndGet(duration.toNanos());
	}

}
