package com.acme.aepexport.adobe;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

import lombok.RequiredArgsConstructor;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.codec.CodecException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientRequestException;

/**
 * How one call to Adobe is made, read as a chain: room for it among the calls in flight
 * ({@link AdobeConcurrency}) → the sandbox header → the exchange (the IMS filter adds the
 * token and refreshes it once on 401) → status mapping to {@link AdobeCallFailed}, with
 * {@code Retry-After} → a timeout for the whole answer. Every call is tried once here:
 * whether and when to try again is {@link AdobeRetryPolicy}'s decision, taken per
 * workflow step, because a create whose answer was lost may have happened and only the
 * step can look for it first.
 */
@RequiredArgsConstructor
class AdobeHttp {

	private final WebClient client;

	private final JsonMapper json;

	private final AdobeSettings.Http settings;

	private final Clock clock;

	private final AdobeConcurrency concurrency;

	/**
	 * The same chain, for a subclass that changes what a write does (a rehearsal): its
	 * reads are this one's.
	 */
	AdobeHttp(AdobeHttp other) {
		this(other.client, other.json, other.settings, other.clock, other.concurrency);
	}

	/**
	 * A {@code GET} answered within {@code adobe.http.read-timeout}.
	 * @throws AdobeCallFailed when Adobe refuses, fails, does not answer in time, or
	 * answers without a body
	 */
	<T> T get(Sandbox sandbox, Class<T> type, String uriTemplate, Object... uriVariables) {
		return get(this.settings.readTimeout(), sandbox, type, uriTemplate, uriVariables);
	}

	/**
	 * A {@code GET} answered within {@code timeout}, the wait for room among the calls in
	 * flight included: a caller waits no longer than it is promised.
	 */
	<T> T get(Duration timeout, Sandbox sandbox, Class<T> type, String uriTemplate, Object... uriVariables) {
		String operation = "GET " + uriTemplate;
		Mono<T> call = this.client.get()
			.uri(uriTemplate, uriVariables)
			.header("x-sandbox-name", sandbox.name())
			.exchangeToMono(answer(operation, type));
		long started = System.nanoTime();
		return required(operation, this.concurrency.call(operation, timeout, () -> {
			Duration left = timeout.minusNanos(System.nanoTime() - started);
			return bounded(operation, call, left.isPositive() ? left : Duration.ofMillis(1)).block();
		}));
	}

	/** How bodies are written to Adobe (and answers read). */
	JsonMapper json() {
		return this.json;
	}

	Duration readTimeout() {
		return this.settings.readTimeout();
	}

	/** The timeout of calls a caller of ours waits for. */
	Duration callerTimeout() {
		return this.settings.callerTimeout();
	}

	/**
	 * A write ({@code POST}, {@code PATCH}).
	 * @param body the JSON body, or {@code null} for none (a flow action)
	 * @param ifMatch the etag the change applies to, or {@code null}
	 * @return the body, or {@code null} when Adobe answered without one (a 202)
	 */
	<T> T send(HttpMethod method, Sandbox sandbox, Object body, String ifMatch, Class<T> type, String uriTemplate,
			Object... uriVariables) {
		return write(method, sandbox, body, ifMatch, null, type, uriTemplate, uriVariables);
	}

	/**
	 * A {@code POST} whose answer is asked for in {@code accept}: Adobe versions some
	 * APIs by media type (the ad hoc activation API's v2), and answers another version
	 * without it.
	 */
	<T> T post(Sandbox sandbox, Object body, String accept, Class<T> type, String uriTemplate, Object... uriVariables) {
		return write(HttpMethod.POST, sandbox, body, null, accept, type, uriTemplate, uriVariables);
	}

	/**
	 * Every write goes through here, and nowhere else: a rehearsal overrides it to record
	 * the write instead of sending it.
	 */
	<T> T write(HttpMethod method, Sandbox sandbox, Object body, String ifMatch, String accept, Class<T> type,
			String uriTemplate, Object... uriVariables) {
		String operation = method.name() + " " + uriTemplate;
		WebClient.RequestBodySpec request = this.client.method(method)
			.uri(uriTemplate, uriVariables)
			.header("x-sandbox-name", sandbox.name())
			.headers((headers) -> {
				if (ifMatch != null) {
					headers.setIfMatch(ifMatch);
				}
				if (accept != null) {
					headers.set(HttpHeaders.ACCEPT, accept);
				}
			});
		Mono<T> call = ((body != null) ? request.contentType(MediaType.APPLICATION_JSON).bodyValue(body) : request)
			.exchangeToMono(answer(operation, type));
		return this.concurrency.call(operation, () -> bounded(operation, call, this.settings.readTimeout()).block());
	}

	/**
	 * A create ({@code POST}) whose answer must carry the new entity.
	 * @throws AdobeCallFailed as {@link #send} does, and when the answer has no body
	 */
	<T> T create(Sandbox sandbox, Object body, Class<T> type, String uriTemplate, Object... uriVariables) {
		return required(HttpMethod.POST.name() + " " + uriTemplate,
				write(HttpMethod.POST, sandbox, body, null, null, type, uriTemplate, uriVariables));
	}

	/**
	 * A {@code DELETE}.
	 * @return Adobe's status: a 2xx, or {@code 404}, {@code 405} or {@code 501}, which
	 * each caller reads as its API documents them
	 * @throws AdobeCallFailed on any other answer, or none
	 */
	int delete(Sandbox sandbox, String uriTemplate, Object... uriVariables) {
		String operation = "DELETE " + uriTemplate;
		Mono<Integer> call = this.client.delete()
			.uri(uriTemplate, uriVariables)
			.header("x-sandbox-name", sandbox.name())
			.exchangeToMono((response) -> {
				int status = response.statusCode().value();
				return switch (status) {
					case 404, 405, 501 -> response.releaseBody().thenReturn(status);
					default ->
						answer(operation, String.class).apply(response).thenReturn(status).defaultIfEmpty(status);
				};
			});
		return this.concurrency.call(operation, () -> bounded(operation, call, this.settings.readTimeout()).block());
	}

	private <T> Function<ClientResponse, Mono<T>> answer(String operation, Class<T> type) {
		return (response) -> {
			if (response.statusCode().is2xxSuccessful()) {
				return response.bodyToMono(type);
			}
			Duration retryAfter = AdobeErrors
				.retryAfter(response.headers().asHttpHeaders().getFirst(HttpHeaders.RETRY_AFTER), this.clock.instant());
			return response.bodyToMono(String.class)
				.defaultIfEmpty("")
				.flatMap((body) -> Mono
					.error(AdobeErrors.failure(this.json, operation, response.statusCode().value(), body, retryAfter)));
		};
	}

	private static <T> T required(String operation, T answer) {
		if (answer == null) {
			throw AdobeCallFailed.unusable(operation, "", "is empty: Adobe answered without a body");
		}
		return answer;
	}

	private <T> Mono<T> bounded(String operation, Mono<T> call, Duration timeout) {
		return call.timeout(timeout).onErrorMap((ex) -> !(ex instanceof AdobeCallFailed), (ex) -> switch (ex) {
			case TimeoutException timedOut -> AdobeCallFailed.noAnswer(operation, timeout, ex);
			case WebClientRequestException lost ->
				new AdobeCallFailed(operation, null, null, "connection failed: " + rootMessage(ex), true, ex);
			case CodecException unreadable -> AdobeAnswers.unreadable(operation, unreadable);
			default -> new AdobeCallFailed(operation, null, null, rootMessage(ex), true, ex);
		});
	}

	private static String rootMessage(Throwable ex) {
		Throwable root = ex;
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		return (root.getMessage() != null) ? root.getMessage() : root.getClass().getSimpleName();
	}

}
