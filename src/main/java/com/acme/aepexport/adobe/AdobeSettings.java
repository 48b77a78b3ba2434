package com.acme.aepexport.adobe;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * How to reach Adobe (SPEC.md §4). The client secret comes from the environment or a
 * Kubernetes Secret only, and {@link #toString()} never shows it.
 */
@Validated
@ConfigurationProperties("adobe")
public record AdobeSettings(@Valid @NotNull Platform platform, @Valid @NotNull Ims ims, @NotBlank String clientId,
		@NotBlank String clientSecret, @NotEmpty List<String> scopes, @NotBlank String orgId,
		@NotBlank String defaultSandbox, @Valid @NotNull Http http) {

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
	 * @param readAttempts how often a safe read (GET) is tried when Adobe is briefly
	 * unwell
	 * @param readBackoff the first pause between those tries; it grows, with jitter
	 */
	public record Http(@NotNull Duration connectTimeout, @NotNull Duration readTimeout, @Positive int readAttempts,
			@NotNull Duration readBackoff) {

	}

	@Override
	public String toString() {
		return "AdobeSettings[platform=" + this.platform + ", ims=" + this.ims + ", clientId=" + this.clientId
				+ ", clientSecret=[redacted], scopes=" + this.scopes + ", orgId=" + this.orgId + ", defaultSandbox="
				+ this.defaultSandbox + ", http=" + this.http + "]";
	}

}
