package com.acme.aepexport;

import java.util.concurrent.CountDownLatch;

import com.github.tomakehurst.wiremock.WireMockServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.SpringApplication;

import com.acme.aepexport.emulator.AdobeEmulator;
import com.acme.aepexport.emulator.RunScript;
import com.acme.aepexport.support.LocalInfrastructure;

/**
 * {@code ./mvnw spring-boot:test-run}: the service on :8080 (its actuator on :8081) with
 * an embedded PostgreSQL and an embedded Adobe emulator, so a newcomer can try it with no
 * Docker and no Adobe account. Nothing of this is in the production jar.
 * <p>
 * {@code TestAepExportFacadeApplication emulator [port]} starts only the Adobe emulator
 * (port 8099 by default) and runs until it is stopped: the {@code emulator} image of the
 * Dockerfile, which {@code docker compose up} starts beside the service.
 */
public class TestAepExportFacadeApplication {

	private static final Logger log = LoggerFactory.getLogger(TestAepExportFacadeApplication.class);

	static final int DEFAULT_EMULATOR_PORT = 8099;

	public static void main(String[] args) throws InterruptedException {
		if (args.length > 0 && "emulator".equals(args[0])) {
			runEmulator((args.length > 1) ? Integer.parseInt(args[1]) : DEFAULT_EMULATOR_PORT);
			return;
		}
		LocalInfrastructure.properties().forEach(System::setProperty);
		// Runs that wait, process and end, as Adobe's do, so GET /exports/{id} and its
		// runs can be watched changing.
		LocalInfrastructure.emulator().runScript(RunScript.lifelike());
		// ... and read again soon while one goes on, so the export shows it
		System.setProperty("exports.latest-runs.interval-while-running", "5s");
		// No token issuer here: callers are not authenticated (the service logs a
		// warning).
		System.setProperty("exports.security.enabled", "false");
		// Plain text for a person at a terminal; deployed, the service logs JSON lines.
		System.setProperty("logging.structured.format.console", "");
		log.warn("Local run: Adobe is the emulator at {}, the database is a throw-away PostgreSQL, and credentials "
				+ "are encrypted with a throw-away key", LocalInfrastructure.adobe().baseUrl());
		SpringApplication.from(AepExportFacadeApplication::main).run(args);
	}

	/**
	 * Starts the emulator alone on all interfaces and blocks until the JVM is asked to
	 * stop (SIGTERM, Ctrl-C), then stops it.
	 */
	private static void runEmulator(int port) throws InterruptedException {
		WireMockServer server = new AdobeEmulator().runScript(RunScript.lifelike()).start(port);
		CountDownLatch stopped = new CountDownLatch(1);
		Runtime.getRuntime().addShutdownHook(new Thread(() -> {
			server.stop();
			stopped.countDown();
		}, "adobe-emulator-stop"));
		String url = "http://localhost:" + server.port();
		System.out.printf("""
				Adobe emulator listening on port %d. Point the service at it with:
				  ADOBE_PLATFORM_BASE_URL=%s
				  ADOBE_IMS_TOKEN_URL=%s/ims/token/v3
				  ADOBE_CLIENT_ID=%s
				  ADOBE_CLIENT_SECRET=%s
				  ADOBE_ORG_ID=%s
				(use this machine's name instead of localhost when the service runs elsewhere)
				""", server.port(), url, url, AdobeEmulator.CLIENT_ID, AdobeEmulator.CLIENT_SECRET,
				AdobeEmulator.ORG_ID);
		System.out.flush();
		stopped.await();
	}

}
