package com.acme.aepexport.api;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses a body larger than {@code exports.requests.max-body-size} with 413: at once
 * when its {@code Content-Length} says so, or as soon as a chunked body grows past it
 * (then the read fails with {@link TooLarge}, answered 413 by {@link ProblemHandler}).
 * Tomcat's own limits cover form posts, not JSON bodies.
 */
@Component
class RequestSizeLimit extends OncePerRequestFilter {

	private final long maxBytes;

	private final JsonMapper json;

	RequestSizeLimit(ApiSettings settings, JsonMapper json) {
		this.maxBytes = settings.requests().maxBodySize().toBytes();
		this.json = json;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (request.getContentLengthLong() > this.maxBytes) {
			ProblemDetail problem = ProblemHandler.tooLarge(this.maxBytes);
			response.setStatus(HttpStatus.CONTENT_TOO_LARGE.value());
			response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
			this.json.writeValue(response.getOutputStream(), problem);
			return;
		}
		chain.doFilter(new Limited(request, this.maxBytes), response);
	}

	/** The body grew past the limit while it was read. */
	static class TooLarge extends IOException {

		final long maxBytes;

		TooLarge(long maxBytes) {
			super("The request body is larger than " + maxBytes + " bytes");
			this.maxBytes = maxBytes;
		}

	}

	private static final class Limited extends HttpServletRequestWrapper {

		private final long maxBytes;

		private ServletInputStream stream;

		Limited(HttpServletRequest request, long maxBytes) {
			super(request);
			this.maxBytes = maxBytes;
		}

		@Override
		public ServletInputStream getInputStream() throws IOException {
			if (this.stream == null) {
				this.stream = new CountingStream(super.getInputStream(), this.maxBytes);
			}
			return this.stream;
		}

	}

	private static final class CountingStream extends ServletInputStream {

		private final ServletInputStream delegate;

		private final long maxBytes;

		private long read;

		CountingStream(ServletInputStream delegate, long maxBytes) {
			this.delegate = delegate;
			this.maxBytes = maxBytes;
		}

		@Override
		public int read() throws IOException {
			int next = this.delegate.read();
			if (next >= 0) {
				count(1);
			}
			return next;
		}

		@Override
		public int read(byte[] buffer, int offset, int length) throws IOException {
			int n = this.delegate.read(buffer, offset, length);
			if (n > 0) {
				count(n);
			}
			return n;
		}

		private void count(int n) throws TooLarge {
			this.read += n;
			if (this.read > this.maxBytes) {
				throw new TooLarge(this.maxBytes);
			}
		}

		@Override
		public boolean isFinished() {
			return this.delegate.isFinished();
		}

		@Override
		public boolean isReady() {
			return this.delegate.isReady();
		}

		@Override
		public void setReadListener(ReadListener listener) {
			this.delegate.setReadListener(listener);
		}

	}

}
