package com.acme.aepexport;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.SpringApplication;

import com.acme.aepexport.support.LocalInfrastructure;

/**
 * {@code ./mvnw spring-boot:test-run}: the service on :8080 with an embedded PostgreSQL
 * and an embedded Adobe emulator, so a newcomer can try it with no Docker and no Adobe
 * account. Nothing of this is in the production jar.
 */
public class TestAepExportFacadeApplication {

	private static final Logger log = LoggerFactory.getLogger(TestAepExportFacadeApplication.class);

	public static void main(String[] args) {
		LocalInfrastructure.properties().forEach(System::setProperty);
		// No token issuer here: callers are not authenticated (the service logs a
		// warning).
		System.setProperty("exports.security.enabled", "false");
		log.warn("Local run: Adobe is the emulator at {}, the database is a throw-away PostgreSQL, and credentials "
				+ "are encrypted with a throw-away key", LocalInfrastructure.adobe().baseUrl());
		SpringApplication.from(AepExportFacadeApplication::main).run(args);
	}

}
