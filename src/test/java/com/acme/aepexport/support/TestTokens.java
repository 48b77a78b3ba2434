package com.acme.aepexport.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

/**
 * Callers' JWTs for tests: an RSA key pair made per JVM, its public half written as PEM
 * for {@code spring.security.oauth2.resourceserver.jwt.public-key-location}.
 */
record TestTokens(KeyPair keys, Path publicKey) {

	static TestTokens generate() {
		try {
			KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
			generator.initialize(2048);
			KeyPair keys = generator.generateKeyPair();
			Path pem = Files.createTempFile("aep-export-facade-test-jwt", ".pem");
			pem.toFile().deleteOnExit();
			Files.writeString(pem,
					"-----BEGIN PUBLIC KEY-----\n"
							+ Base64.getMimeEncoder().encodeToString(keys.getPublic().getEncoded())
							+ "\n-----END PUBLIC KEY-----\n");
			return new TestTokens(keys, pem);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	String publicKeyLocation() {
		return "file:" + this.publicKey.toAbsolutePath();
	}

	/** The audience the service is configured to accept in tests. */
	static final String AUDIENCE = "aep-export-facade";

	String sign(String subject, String... scopes) {
		return signFor(AUDIENCE, subject, scopes);
	}

	/**
	 * @param subject {@code null} for a token that names no one
	 */
	String signFor(String audience, String subject, String... scopes) {
		return signExpiring(audience, Instant.now().plus(Duration.ofHours(1)), subject, scopes);
	}

	/**
	 * @param expiresAt its {@code exp}; the service accepts a token up to a minute past
	 * it (the clock skew Spring allows)
	 */
	String signExpiring(String audience, Instant expiresAt, String subject, String... scopes) {
		Instant now = Instant.now();
		JWTClaimsSet claims = new JWTClaimsSet.Builder().subject(subject)
			.audience(audience)
			.issuer("https://tests.aep-export-facade")
			.issueTime(Date.from(now.isBefore(expiresAt) ? now : expiresAt.minusSeconds(60)))
			.expirationTime(Date.from(expiresAt))
			.claim("scope", String.join(" ", scopes))
			.build();
		SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.RS256), claims);
		try {
			jwt.sign(new RSASSASigner((RSAPrivateKey) this.keys.getPrivate()));
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
		return jwt.serialize();
	}

}
