package com.acme.aepexport.adobe;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * How to reach Adobe (README, Configuration). The client secret comes from the
 * environment or a Kubernetes Secret only, and {@link #toString()} never shows it.
 */
@Validated
@ConfigurationProperties("adobe")
public record AdobeSettings(@Valid @NotNull Platform platform, @Valid @NotNull Ims ims, @NotBlank String clientId,
		@NotBlank String clientSecret, @NotEmpty List<String> scopes, @NotBlank String orgId,
		// An AEP sandbox name, as requests must give one: our API promises callers its
		// length.
		@NotBlank @Pattern(regexp = "^[a-z0-9][a-z0-9_-]{0,63}$",
				message = "must be an AEP sandbox name: lower-case letters, digits, '-' or '_', "
						+ "at most 64") String defaultSandbox,
		@Valid @NotNull Http http, @Valid @NotNull Retry retry, @Valid @NotNull Caches caches,
		@Valid @NotNull Concurrency concurrency) {

	/**
	 * @param baseUrl Adobe's gateway, e.g. {@code https://platform.adobe.io}
	 */
	public record Platform(@NotNull URI baseUrl) {

	}

	/**
	 * @param tokenUrl the IMS OAuth server-to-server token endpoint
	 * @param refreshBeforeExpiry a token this close to its expiry is replaced before use
	 */
	public record Ims(@NotNull URI tokenUrl, @NotNull Duration refreshBeforeExpiry) {

	}

	/**
	 * @param connectTimeout to open a connection to Adobe
	 * @param readTimeout for Adobe's whole answer to one call
	 * @param callerTimeout for Adobe's whole answer to a call a caller of ours waits for
	 * (a run list, the connection-spec check of {@code POST /exports}), the token
	 * included: past it the caller gets {@code 504}, or the check is left to the workflow
	 */
	public record Http(@NotNull Duration connectTimeout, @NotNull Duration readTimeout,
			@NotNull Duration callerTimeout) {

	}

	/**
	 * How a workflow step retries a transient Adobe fault (see {@link AdobeRetryPolicy}).
	 *
	 * @param maxAttempts attempts of one step, the first included
	 * @param maxTimePerStep from a step's first attempt to the start of its last
	 * @param initialBackoff the first pause; each next one is {@code multiplier} times
	 * longer
	 * @param maxBackoff the longest pause (a longer {@code Retry-After} is still
	 * honoured)
	 * @param multiplier how much longer each pause is than the one before
	 * @param jitter how far each pause varies at random, as a fraction of it
	 * @param maxRetryAfter the longest {@code Retry-After} honoured: a longer one is
	 * taken as this, so that no answer can hold a step (or overflow its clock)
	 */
	public record Retry(@Positive int maxAttempts, @NotNull Duration maxTimePerStep, @NotNull Duration initialBackoff,
			@NotNull Duration maxBackoff, @DecimalMin("1.0") double multiplier,
			@DecimalMin("0.0") @DecimalMax("0.99") double jitter, @NotNull Duration maxRetryAfter) {

	}

	/**
	 * How long what Adobe answers is reused.
	 *
	 * @param connectionSpecs per connection spec id: Adobe's catalog, the same for every
	 * org
	 * @param profileSchemas the union schema and identity namespaces, per sandbox
	 * @param runs a page of dataflow runs, per exact query: shields Adobe from callers
	 * that poll
	 * @param runsMaxSize the most heap the cached pages of runs hold together (estimated,
	 * see {@code RunsWeigher}); past it the least used go first
	 */
	public record Caches(@NotNull Duration connectionSpecs, @NotNull Duration profileSchemas, @NotNull Duration runs,
			@NotNull DataSize runsMaxSize) {

	}

	/**
	 * How many calls to Adobe one instance has in flight (see {@code AdobeConcurrency}):
	 * an adaptive limit, between {@code min} and {@code max}.
	 *
	 * @param initial the limit at start-up
	 * @param min the limit never goes below
	 * @param max the ceiling per instance
	 * @param backoffRatio what a {@code 429}, {@code 503}, timeout or slow call
	 * multiplies the limit by
	 * @param slowCall a call slower than this counts as Adobe having no room
	 * @param maxWait the longest a call waits for room before its step retries
	 * @param orgMax the calls in flight for the org across all instances, shared among
	 * the live ones through PostgreSQL; 0 for no such ceiling
	 * @param shareInterval how often an instance notes itself alive and takes its share
	 * @param plateau how long, after Adobe said no, the limit stays one below where it
	 * did before it probes higher again
	 */
	public record Concurrency(@Positive int initial, @Positive int min, @Positive int max,
			@DecimalMin("0.5") @DecimalMax("0.99") double backoffRatio, @NotNull Duration slowCall,
			@NotNull Duration maxWait, @PositiveOrZero int orgMax, @NotNull Duration shareInterval,
			@NotNull @DefaultValue("30s") Duration plateau) {

	}

	@Override
	public String toString() {
		return "AdobeSettings[platform=" + this.platform + ", ims=" + this.ims + ", clientId=" + this.clientId
				+ ", clientSecret=[redacted], scopes=" + this.scopes + ", orgId=" + this.orgId + ", defaultSandbox="
				+ this.defaultSandbox + ", http=" + this.http + ", retry=" + this.retry + ", caches=" + this.caches
				+ ", concurrency=" + this.concurrency + "]";
	}

}
