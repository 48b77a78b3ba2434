package com.acme.aepexport.support;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

import com.github.tomakehurst.wiremock.WireMockServer;

import com.acme.aepexport.emulator.AdobeEmulator;

/**
 * What the service needs around it when there is no Docker and no Adobe account: one
 * PostgreSQL and one Adobe emulator per JVM, started on first use and stopped at exit.
 * Integration tests and {@code ./mvnw spring-boot:test-run} share it.
 */
public final class LocalInfrastructure {

	private static TestPostgres postgres;

	private static AdobeEmulator emulator;

	private static WireMockServer adobe;

	/**
	 * One per JVM: contexts that share the database must be able to read each other's
	 * rows.
	 */
	private static final String ENCRYPTION_KEY = throwAwayKey();

	/** Signs the callers' tokens of tests; the service trusts its public half. */
	private static final TestTokens TOKENS = TestTokens.generate();

	private LocalInfrastructure() {
	}

	public static synchronized TestPostgres postgres() {
		if (postgres == null) {
			postgres = TestPostgres.start();
			Runtime.getRuntime().addShutdownHook(new Thread(() -> {
				try {
					postgres.server().close();
				}
				catch (Exception ex) {
					// the JVM is going away anyway
				}
			}));
		}
		return postgres;
	}

	public static synchronized AdobeEmulator emulator() {
		adobe();
		return emulator;
	}

	/**
	 * The WireMock server the emulator runs in; its journal records every call to Adobe.
	 */
	public static synchronized WireMockServer adobe() {
		if (adobe == null) {
			emulator = new AdobeEmulator();
			adobe = emulator.start(0);
			Runtime.getRuntime().addShutdownHook(new Thread(adobe::stop));
		}
		return adobe;
	}

	/**
	 * The configuration that points the service at them, with a throw-away encryption
	 * key.
	 */
	public static Map<String, String> properties() {
		TestPostgres database = postgres();
		String adobeUrl = adobe().baseUrl();
		Map<String, String> properties = new LinkedHashMap<>();
		properties.put("spring.datasource.url", database.jdbcUrl());
		properties.put("spring.datasource.username", database.username());
		properties.put("spring.datasource.password", database.password());
		properties.put("adobe.platform.base-url", adobeUrl);
		properties.put("adobe.ims.token-url", adobeUrl + "/ims/token/v3");
		properties.put("adobe.client-id", AdobeEmulator.CLIENT_ID);
		properties.put("adobe.client-secret", AdobeEmulator.CLIENT_SECRET);
		properties.put("adobe.org-id", AdobeEmulator.ORG_ID);
		properties.put("exports.credentials.encryption-key", ENCRYPTION_KEY);
		properties.put("spring.security.oauth2.resourceserver.jwt.public-key-location", TOKENS.publicKeyLocation());
		properties.put("spring.security.oauth2.resourceserver.jwt.audiences", TestTokens.AUDIENCE);
		return properties;
	}

	/** A caller's bearer token, signed with the key the service trusts. */
	public static String token(String subject, String... scopes) {
		return TOKENS.sign(subject, scopes);
	}

	/**
	 * A token signed with the key the service trusts, for another audience, or naming no
	 * one ({@code subject} {@code null}).
	 */
	public static String tokenFor(String audience, String subject, String... scopes) {
		return TOKENS.signFor(audience, subject, scopes);
	}

	/**
	 * A caller's token that expires at {@code expiresAt}, signed with the trusted key.
	 */
	public static String tokenExpiring(Instant expiresAt, String subject, String... scopes) {
		return TOKENS.signExpiring(TestTokens.AUDIENCE, expiresAt, subject, scopes);
	}

	private static String throwAwayKey() {
		byte[] key = new byte[32];
		new SecureRandom().nextBytes(key);
		return Base64.getEncoder().encodeToString(key);
	}

}
