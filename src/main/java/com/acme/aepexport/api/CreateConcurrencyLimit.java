package com.acme.aepexport.api;

import java.io.IOException;
import java.util.Set;
import java.util.concurrent.Semaphore;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.UrlPathHelper;

/**
 * Serves at most {@code exports.requests.max-concurrent-creates} {@code POST /exports}
 * and {@code POST /exports/imports} together at once on this instance (an import holds
 * its request while it reads Adobe), and {@code POST /exports/plan} with them (it reads a
 * body and Adobe as a create does); one more is answered 429 with {@code Retry-After} at
 * once, before its body is read. Each create holds its body, its tree and its records
 * while it checks Adobe's connection spec (up to {@code adobe.http.caller-timeout}) and
 * waits for a database connection: without a bound, a burst of them is a burst of heap.
 * Runs after the security filters, so callers without a token take no permit.
 * <p>
 * A JDK {@link Semaphore} is the whole of it: Resilience4j's bulkhead, the library at
 * hand, would add a module for the same {@code tryAcquire}.
 */
@Component
class CreateConcurrencyLimit extends OncePerRequestFilter {

	/** A create, an import and a plan, which hold as much while they read Adobe. */
	static final Set<String> LIMITED = Set.of("/exports", "/exports/imports", "/exports/plan");

	/** A create takes tens of milliseconds; a second is ample for a permit to free. */
	static final int RETRY_AFTER_SECONDS = 1;

	private final int maxCreates;

	private final Semaphore permits;

	private final JsonMapper json;

	CreateConcurrencyLimit(ApiSettings settings, JsonMapper json) {
		this.maxCreates = settings.requests().maxConcurrentCreates();
		this.permits = new Semaphore(this.maxCreates);
		this.json = json;
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		String path = UrlPathHelper.defaultInstance.getPathWithinApplication(request);
		return !(HttpMethod.POST.matches(request.getMethod()) && LIMITED.contains(path));
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (!this.permits.tryAcquire()) {
			ProblemDetail problem = ProblemHandler.problem(HttpStatus.TOO_MANY_REQUESTS, ProblemTypes.TOO_MANY_REQUESTS,
					"Too many exports being started",
					"This instance is starting, importing or planning " + this.maxCreates
							+ " exports already (exports.requests.max-concurrent-creates); try again after "
							+ RETRY_AFTER_SECONDS + " second.");
			response.setStatus(HttpStatus.TOO_MANY_REQUESTS.value());
			response.setHeader(HttpHeaders.RETRY_AFTER, String.valueOf(RETRY_AFTER_SECONDS));
			response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
			this.json.writeValue(response.getOutputStream(), problem);
			return;
		}
		try {
			chain.doFilter(request, response);
		}
		finally {
			this.permits.release();
		}
	}

}
