package com.acme.aepexport.adobe;

import java.time.Clock;

import io.micrometer.core.instrument.MeterRegistry;
import io.netty.channel.ChannelOption;
import reactor.netty.http.client.HttpClient;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.MediaType;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.http.codec.json.JacksonJsonDecoder;
import org.springframework.http.codec.json.JacksonJsonEncoder;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Builds the one {@link WebClient} every Adobe call goes through: Adobe's gateway as base
 * URL, the API key and org headers, IMS tokens, and the connect and read timeouts.
 */
@Configuration(proxyBeanMethods = false)
class AdobeClientConfiguration {

	/** Union schemas of real sandboxes run to megabytes. */
	private static final int MAX_ANSWER_BYTES = 32 * 1024 * 1024;

	@Bean
	ConnectionSpecRules connectionSpecRules(JsonMapper json) {
		return new ConnectionSpecRules(json);
	}

	@Bean
	AdobeRetryPolicy adobeRetryPolicy(AdobeSettings settings) {
		return new AdobeRetryPolicy(settings.retry());
	}

	@Bean
	AdobeConcurrency adobeConcurrency(AdobeSettings settings, MeterRegistry meters) {
		return new AdobeConcurrency(settings.concurrency(), meters);
	}

	/** Does nothing unless {@code adobe.concurrency.org-max} is set. */
	@Bean
	OrgShare orgShare(JdbcTemplate jdbc, AdobeConcurrency concurrency, AdobeSettings settings) {
		return new OrgShare(jdbc, concurrency, settings.orgId(), settings.concurrency().orgMax(),
				settings.concurrency().shareInterval());
	}

	@Bean
	AdobeHttp adobeHttp(WebClient.Builder builder, AdobeSettings settings, JsonMapper applicationJson, Clock clock,
			AdobeConcurrency concurrency, MeterRegistry meters) {
		// A tolerant reader: Adobe adds fields to its answers, while our own API refuses
		// unknown ones; and its own examples send a lone object where its schemas say a
		// list (data-prep.yaml's MapperSetPage).
		JsonMapper json = applicationJson.rebuild()
			.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
			.enable(DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
			.build();
		HttpClient http = HttpClient.create()
			.option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) settings.http().connectTimeout().toMillis());
		WebClient.Builder base = builder.clientConnector(new ReactorClientHttpConnector(http)).codecs((codecs) -> {
			codecs.defaultCodecs().jacksonJsonDecoder(new JacksonJsonDecoder(json));
			codecs.defaultCodecs().jacksonJsonEncoder(new JacksonJsonEncoder(json));
			codecs.defaultCodecs().maxInMemorySize(MAX_ANSWER_BYTES);
		});
		ImsTokens tokens = new ImsTokens(base.clone().build(), settings, clock, json, meters);
		WebClient platform = base.clone()
			.baseUrl(settings.platform().baseUrl().toString())
			.defaultHeader("x-api-key", settings.clientId())
			.defaultHeader("x-gw-ims-org-id", settings.orgId())
			.defaultHeader("Accept", MediaType.APPLICATION_JSON_VALUE)
			.filter(tokens)
			.build();
		// Calls are timed by Spring's WebClient instrumentation (http.client.requests, by
		// uri template and status), traced, and carry a W3C traceparent header.
		return new AdobeHttp(platform, json, settings.http(), clock, concurrency);
	}

}
