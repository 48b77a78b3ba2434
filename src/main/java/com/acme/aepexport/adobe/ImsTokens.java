package com.acme.aepexport.adobe;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.micrometer.core.instrument.MeterRegistry;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.reactive.function.BodyInserters;
import org.springframework.web.reactive.function.client.ClientRequest;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.ExchangeFilterFunction;
import org.springframework.web.reactive.function.client.ExchangeFunction;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Adobe IMS OAuth server-to-server tokens: fetched with the client credentials, shared by
 * every call, replaced shortly before they expire, and replaced once when Adobe answers
 * 401 (after which the call is replayed with the new token).
 * <p>
 * Written by hand rather than with Spring Security's OAuth2 client: IMS wants its scopes
 * comma-separated (Spring joins them with spaces), the 401 replay has to sit inside the
 * same exchange, and that client would also switch on servlet security for our own API.
 */
class ImsTokens implements ExchangeFilterFunction {

	/** IMS server-to-server tokens live a day (adobe-api-notes.md §5.1). */
	private static final Duration MAX_LIFETIME = Duration.ofDays(1);

	private final WebClient ims;

	private final AdobeSettings settings;

	private final Clock clock;

	private final JsonMapper json;

	private final Mono<AccessToken> current;

	private volatile AccessToken rejected;

	private volatile boolean issuedBefore;

	private final MeterRegistry meters;

	ImsTokens(WebClient ims, AdobeSettings settings, Clock clock, JsonMapper json, MeterRegistry meters) {
		this.ims = ims;
		this.settings = settings;
		this.clock = clock;
		this.json = json;
		this.meters = meters;
		Duration margin = settings.ims().refreshBeforeExpiry();
		// Errors are not cached: a failed fetch is tried again by the next caller.
		this.current = Mono.defer(this::fetch)
			.cacheInvalidateIf((token) -> token == this.rejected || token.expiresWithin(margin, clock.instant()));
	}

	@Override
	public Mono<ClientResponse> filter(ClientRequest request, ExchangeFunction next) {
		return this.current.flatMap((token) -> next.exchange(authorized(request, token)).flatMap((response) -> {
			if (response.statusCode().value() != 401) {
				return Mono.just(response);
			}
			return response.releaseBody().then(Mono.defer(() -> {
				this.rejected = token;
				return this.current;
			})).flatMap((fresh) -> next.exchange(authorized(request, fresh)));
		}));
	}

	private static ClientRequest authorized(ClientRequest request, AccessToken token) {
		return ClientRequest.from(request).headers((headers) -> headers.setBearerAuth(token.value())).build();
	}

	private Mono<AccessToken> fetch() {
		String reason = !this.issuedBefore ? "first" : (this.rejected != null) ? "rejected" : "expiring";
		return request().doOnSuccess((token) -> {
			this.issuedBefore = true;
			// Counted once: the next refresh is for expiry again.
			this.rejected = null;
			this.meters.counter("aep.ims.token.refreshes", "reason", reason).increment();
		});
	}

	private Mono<AccessToken> request() {
		MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
		form.add("grant_type", "client_credentials");
		form.add("client_id", this.settings.clientId());
		form.add("client_secret", this.settings.clientSecret());
		form.add("scope", String.join(",", this.settings.scopes()));
		Instant requestedAt = this.clock.instant();
		return this.ims.post()
			// a string, not a URI: it is the uri tag of the call's metrics
			.uri(this.settings.ims().tokenUrl().toString())
			.contentType(MediaType.APPLICATION_FORM_URLENCODED)
			.accept(MediaType.APPLICATION_JSON)
			.body(BodyInserters.fromFormData(form))
			.retrieve()
			.onStatus(HttpStatusCode::isError, (response) -> response.bodyToMono(String.class)
				.defaultIfEmpty("")
				.map((body) -> AdobeErrors.failure(this.json, "POST IMS token", response.statusCode().value(), body)))
			.bodyToMono(TokenResponse.class)
			.flatMap((response) -> {
				if (response.accessToken() == null || response.accessToken().isBlank()) {
					return Mono.error(AdobeCallFailed.unusable("POST IMS token", "access_token", "is missing"));
				}
				return Mono.just(new AccessToken(response.accessToken(), requestedAt.plus(lifetime(response))));
			});
	}

	/**
	 * How long IMS says the token lives ({@code expires_in}, seconds, about a day): none,
	 * or a negative one, is no time (the next call asks for another token); more than a
	 * day is taken as a day, so that no answer can overflow the expiry.
	 */
	private static Duration lifetime(TokenResponse response) {
		Long seconds = response.expiresIn();
		if (seconds == null || seconds < 0) {
			return Duration.ZERO;
		}
		return (seconds > MAX_LIFETIME.toSeconds()) ? MAX_LIFETIME : Duration.ofSeconds(seconds);
	}

	record TokenResponse(@JsonProperty("access_token") String accessToken, @JsonProperty("expires_in") Long expiresIn) {

		@Override
		public String toString() {
			return "TokenResponse[accessToken=[redacted], expiresIn=" + this.expiresIn + "]";
		}

	}

	record AccessToken(String value, Instant expiresAt) {

		boolean expiresWithin(Duration margin, Instant now) {
			return !now.plus(margin).isBefore(this.expiresAt);
		}

		@Override
		public String toString() {
			return "AccessToken[value=[redacted], expiresAt=" + this.expiresAt + "]";
		}

	}

}
