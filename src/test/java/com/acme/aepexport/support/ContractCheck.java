package com.acme.aepexport.support;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.LevelResolver;
import com.atlassian.oai.validator.report.ValidationReport;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpRequest;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.client.ClientHttpRequestExecution;
import org.springframework.http.client.ClientHttpRequestInterceptor;
import org.springframework.http.client.ClientHttpResponse;

/**
 * Checks every answer a test receives from {@code /exports} and {@code /destinations}
 * against the committed OpenAPI document: its status is declared, its body fits the
 * schema (required, nullable, enums, formats), its content type is the declared one. A
 * client generated from the document relies on exactly that. Requests are not checked:
 * tests send invalid ones on purpose.
 */
public final class ContractCheck implements ClientHttpRequestInterceptor {

	/** The contract other teams generate clients from. */
	public static final Path COMMITTED = Path.of("src/main/resources/openapi/aep-export-facade.yaml");

	private static final OpenApiInteractionValidator VALIDATOR = validator();

	@Override
	public ClientHttpResponse intercept(HttpRequest request, byte[] body, ClientHttpRequestExecution execution)
			throws IOException {
		ClientHttpResponse response = execution.execute(request, body);
		String path = request.getURI().getRawPath();
		if (!path.startsWith("/exports") && !path.startsWith("/destinations")) {
			return response;
		}
		byte[] content = response.getBody().readAllBytes();
		SimpleResponse.Builder answer = SimpleResponse.Builder.status(response.getStatusCode().value());
		response.getHeaders().forEach(answer::withHeader);
		if (content.length > 0) {
			answer.withBody(new String(content, StandardCharsets.UTF_8));
		}
		ValidationReport report = VALIDATOR.validateResponse(path, Request.Method.valueOf(request.getMethod().name()),
				answer.build());
		if (report.hasErrors()) {
			throw new AssertionError("%s %s answered %d, which the committed contract does not allow:%n%s%n%s"
				.formatted(request.getMethod(), request.getURI(), response.getStatusCode().value(),
						report.getMessages(), new String(content, StandardCharsets.UTF_8)));
		}
		return new Buffered(response, content);
	}

	private static OpenApiInteractionValidator validator() {
		try {
			return OpenApiInteractionValidator.createForInlineApiSpecification(Files.readString(COMMITTED))
				// The document's server is "/": paths are matched as they are.
				.withLevelResolver(
						LevelResolver.create().withLevel("validation.request", ValidationReport.Level.IGNORE).build())
				.build();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** The answer with its body read once, for the check, and again by the test. */
	private record Buffered(ClientHttpResponse response, byte[] content) implements ClientHttpResponse {

		@Override
		public HttpStatusCode getStatusCode() throws IOException {
			return this.response.getStatusCode();
		}

		@Override
		public String getStatusText() throws IOException {
			return this.response.getStatusText();
		}

		@Override
		public HttpHeaders getHeaders() {
			return this.response.getHeaders();
		}

		@Override
		public InputStream getBody() {
			return new ByteArrayInputStream(this.content);
		}

		@Override
		public void close() {
			this.response.close();
		}

	}

}
