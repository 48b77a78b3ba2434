package com.acme.aepexport.api;

import java.net.URI;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Positive;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * The HTTP edge: who may call, how large a request may be, and how many at once.
 */
@Validated
@ConfigurationProperties("exports")
public record ApiSettings(@Valid @DefaultValue Security security, @Valid @DefaultValue Requests requests) {

	/**
	 * @param enabled {@code false} lets every caller in without a token, as an admin: for
	 * local runs only, and logged as a warning
	 * @param swaggerUi how Swagger UI signs a person in, if at all
	 */
	public record Security(@DefaultValue("true") boolean enabled, @Valid @DefaultValue SwaggerUi swaggerUi) {

	}

	/**
	 * Swagger UI signs a person in itself when an issuer is named: the OpenAPI document
	 * gets an OAuth2 scheme (authorization code) with the issuer's endpoints, and Swagger
	 * UI asks for a token with PKCE, as a public client (no secret in the page). Without
	 * an issuer the document is the committed contract, and Swagger UI takes a pasted
	 * token.
	 *
	 * @param issuerUri the OAuth 2.0 or OpenID Connect issuer; its endpoints are read
	 * from its metadata ({@code /.well-known/openid-configuration}, else RFC 8414's)
	 * @param clientId the public client registered there for Swagger UI, with the
	 * redirect URI {@code https://<host>/swagger-ui/oauth2-redirect.html}; required with
	 * an issuer
	 * @param scopes the scopes Swagger UI asks for; none given, {@code exports:read} and
	 * {@code exports:write}
	 */
	public record SwaggerUi(URI issuerUri, String clientId, List<String> scopes) {

		public SwaggerUi {
			if (issuerUri != null && (clientId == null || clientId.isBlank())) {
				throw new IllegalArgumentException(
						"exports.security.swagger-ui.client-id is required with an issuer-uri: the client Swagger UI "
								+ "signs people in as");
			}
			scopes = (scopes == null || scopes.isEmpty()) ? List.of("exports:read", "exports:write")
					: List.copyOf(scopes);
		}

	}

	/**
	 * What one request may hold, and how many creates may be in flight at once. The
	 * defaults leave room for the largest valid export (250 audiences with their own
	 * schedules, 500 mapping rows: about 9,000 tokens, 4 levels deep, a 64 KiB PGP key).
	 *
	 * @param maxBodySize a larger body is refused with 413 before it is read
	 * @param maxDepth arrays and objects nested deeper are refused with 400 as the body
	 * is read
	 * @param maxTokens a body of more tokens (field names, values, brackets; each array
	 * element is one at least) is refused with 400 as it is read
	 * @param maxStringLength a longer string value (in characters) is refused with 400
	 * @param maxNumberLength a longer number (in characters) is refused with 400
	 * @param maxNameLength a longer field name (in characters) is refused with 400
	 * @param maxConcurrentCreates {@code POST /exports} this instance serves at once; one
	 * more is answered 429 with {@code Retry-After}, before its body is read
	 */
	public record Requests(@DefaultValue("1MB") DataSize maxBodySize, @DefaultValue("16") @Positive int maxDepth,
			@DefaultValue("50000") @Positive long maxTokens, @DefaultValue("100000") @Positive int maxStringLength,
			@DefaultValue("100") @Positive int maxNumberLength, @DefaultValue("256") @Positive int maxNameLength,
			@DefaultValue("16") @Positive int maxConcurrentCreates) {

	}

}
