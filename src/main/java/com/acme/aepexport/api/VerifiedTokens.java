package com.acme.aepexport.api;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.Ticker;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;

import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;

/**
 * The tokens the decoder verified lately, so that a caller polling with one token pays
 * for its signature once, not once a request: verifying it was 8 % of an accept's CPU
 * (ExportBenchmark's profile), more of a status poll's. A token is kept until it expires
 * (its {@code exp}, without the decoder's clock skew), at most {@link #AT_MOST}, and only
 * once verified: a refused token is verified again each time. A key taken off the
 * issuer's key set stops its tokens once Spring's decoder has read the set again (it
 * keeps it about five minutes) and {@link #AT_MOST} has passed. The cache is keyed by the
 * token's SHA-256; the {@link Jwt} it holds carries the token, as the request did. API
 * gateways do the same (Envoy's {@code jwt_authn} cache); Spring Security's decoder
 * caches the issuer's keys, not the tokens.
 */
final class VerifiedTokens implements JwtDecoder {

	/** The longest a verified token is taken on trust. */
	static final Duration AT_MOST = Duration.ofMinutes(5);

	/** Callers are other services: a few tokens each at a time. */
	static final int MAX_TOKENS = 1_000;

	private final JwtDecoder decoder;

	private final Clock clock;

	private final Cache<String, Jwt> verified;

	VerifiedTokens(JwtDecoder decoder, Clock clock, Ticker ticker, MeterRegistry meters) {
		this.decoder = decoder;
		this.clock = clock;
		this.verified = CaffeineCacheMetrics.monitor(meters,
				Caffeine.newBuilder()
					.maximumSize(MAX_TOKENS)
					.expireAfter(Expiry.creating((String digest, Jwt jwt) -> trustedFor(jwt)))
					.ticker(ticker)
					.recordStats()
					.build(),
				"verified-tokens");
	}

	/**
	 * Without Caffeine's computing {@code get}: it would run the decoder, which reads the
	 * issuer's key set over HTTP now and then, inside {@code ConcurrentHashMap.compute},
	 * under a monitor, where a blocked virtual thread pins its carrier thread on Java 21
	 * (the image's runtime), and a few callers at once would stall every request. Callers
	 * that miss together each verify the token.
	 */
	@Override
	public Jwt decode(String token) throws JwtException {
		String digest = digest(token);
		Jwt jwt = this.verified.getIfPresent(digest);
		if (jwt == null) {
			jwt = this.decoder.decode(token);
			this.verified.put(digest, jwt);
		}
		return jwt;
	}

	private Duration trustedFor(Jwt jwt) {
		Instant expiresAt = jwt.getExpiresAt();
		if (expiresAt == null) {
			return AT_MOST;
		}
		Duration left = Duration.between(this.clock.instant(), expiresAt);
		return left.isNegative() ? Duration.ZERO : (left.compareTo(AT_MOST) < 0) ? left : AT_MOST;
	}

	private static String digest(String token) {
		try {
			return HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("Every Java platform has SHA-256", ex);
		}
	}

}
