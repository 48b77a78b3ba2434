package com.acme.aepexport.adobe;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.util.unit.DataSize;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * The Adobe module's clients, built as the service builds them, against a stand-in for
 * Adobe at {@code baseUrl} (IMS at {@code /ims/token/v3}): for tests outside the module
 * that feed its clients answers. Caches are the service's: tests vary the key (sandbox,
 * spec id, flow id) to be sure Adobe is asked.
 */
public record AdobeClients(FlowServiceClient flowService, ConversionClient conversion, ProfileClient profiles,
		ConnectionSpecRules rules) {

	public static final String TOKEN_PATH = "/ims/token/v3";

	public static AdobeClients against(String baseUrl) {
		AdobeSettings settings = settings(baseUrl);
		AdobeHttp http = http(settings);
		return new AdobeClients(new FlowServiceClient(http, settings, new SimpleMeterRegistry()),
				new ConversionClient(http), new ProfileClient(http, settings, new SimpleMeterRegistry()),
				new AdobeClientConfiguration().connectionSpecRules(JsonMapper.builder().build()));
	}

	/**
	 * The settings the clients are built with: one attempt per call, the service's
	 * caches.
	 */
	static AdobeSettings settings(String baseUrl) {
		return new AdobeSettings(new AdobeSettings.Platform(URI.create(baseUrl)),
				new AdobeSettings.Ims(URI.create(baseUrl + TOKEN_PATH), Duration.ofMinutes(5)), "client", "secret",
				List.of("openid"), "ORG@AdobeOrg", "prod",
				new AdobeSettings.Http(Duration.ofSeconds(1), Duration.ofSeconds(5), Duration.ofSeconds(2)),
				new AdobeSettings.Retry(1, Duration.ofSeconds(1), Duration.ofMillis(10), Duration.ofMillis(10), 2.0, 0,
						Duration.ofMinutes(5)),
				new AdobeSettings.Caches(Duration.ofHours(1), Duration.ofMinutes(10), Duration.ofSeconds(30),
						DataSize.ofMegabytes(16)),
				new AdobeSettings.Concurrency(8, 1, 64, 0.9, Duration.ofSeconds(5), Duration.ofSeconds(30), 0,
						Duration.ofSeconds(5), Duration.ofSeconds(30)));
	}

	/**
	 * The HTTP face the clients share, with its call policy, as the service builds it.
	 */
	static AdobeHttp http(AdobeSettings settings) {
		AdobeClientConfiguration configuration = new AdobeClientConfiguration();
		return configuration.adobeHttp(WebClient.builder(), settings, JsonMapper.builder().build(), Clock.systemUTC(),
				configuration.adobeConcurrency(settings, new SimpleMeterRegistry()), new SimpleMeterRegistry());
	}

}
