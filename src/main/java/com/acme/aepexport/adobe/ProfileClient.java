package com.acme.aepexport.adobe;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import tools.jackson.databind.JsonNode;

import org.springframework.stereotype.Component;

/**
 * What a sandbox's profiles look like: the profile union schema (Real-Time Customer
 * Profile) and the identity namespaces (Identity Service). Both are cached per sandbox
 * for a few minutes, so the steps of one export (and of the exports started together)
 * read them once; a union schema can run to megabytes. Their hits and misses are metrics
 * ({@code cache.gets}, tagged {@code cache}).
 */
@Component
public class ProfileClient {

	private final Cache<Sandbox, JsonNode> unionSchemas;

	private final Cache<Sandbox, List<IdentityNamespace>> namespaces;

	private final AdobeHttp http;

	ProfileClient(AdobeHttp http, AdobeSettings settings, MeterRegistry meters) {
		this.http = http;
		Duration freshFor = settings.caches().profileSchemas();
		this.unionSchemas = CaffeineCacheMetrics.monitor(meters,
				Caffeine.newBuilder().expireAfterWrite(freshFor).maximumSize(20).recordStats().build(),
				"union-schemas");
		this.namespaces = CaffeineCacheMetrics.monitor(meters,
				Caffeine.newBuilder().expireAfterWrite(freshFor).maximumSize(20).recordStats().build(),
				"identity-namespaces");
	}

	/** The profile union schema, as a JSON Schema. */
	public JsonNode unionSchema(Sandbox sandbox) {
		return unionSchema(sandbox, this.http.readTimeout());
	}

	/**
	 * The same for a caller who waits: a read that is not cached is answered within
	 * {@code timeout}.
	 */
	public JsonNode unionSchema(Sandbox sandbox, Duration timeout) {
		return Cached.get(this.unionSchemas, sandbox, (key) -> this.http.get(timeout, key, JsonNode.class,
				"/data/core/ups/config/entityTypes/_xdm.context.profile?property={full}&property={relationships}",
				"fullSchema==true", "includeRelationshipDescriptors==true"));
	}

	public List<IdentityNamespace> identityNamespaces(Sandbox sandbox) {
		return identityNamespaces(sandbox, this.http.readTimeout());
	}

	/**
	 * The same for a caller who waits: a read that is not cached is answered within
	 * {@code timeout}.
	 */
	public List<IdentityNamespace> identityNamespaces(Sandbox sandbox, Duration timeout) {
		return Cached.get(this.namespaces, sandbox,
				(key) -> Arrays
					.stream(this.http.get(timeout, key, IdentityNamespace[].class, "/data/core/idnamespace/identities"))
					.filter(Objects::nonNull)
					.toList());
	}

}
