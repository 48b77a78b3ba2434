package com.acme.aepexport.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import tools.jackson.databind.json.JsonMapper;

import com.acme.aepexport.emulator.AdobeEmulator;

/**
 * Plain HTTP to the Adobe emulator, as a client other than the service speaks it (Adobe's
 * UI, another tool): its own IMS token, and each request sent with the JDK's client.
 */
final class EmulatorHttp {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

	private final String baseUrl;

	EmulatorHttp(String baseUrl) {
		this.baseUrl = baseUrl;
	}

	/** A fresh access token from the emulator's IMS, for the emulator's client. */
	String token() {
		String form = "grant_type=client_credentials&client_id=" + encode(AdobeEmulator.CLIENT_ID) + "&client_secret="
				+ encode(AdobeEmulator.CLIENT_SECRET) + "&scope=openid";
		HttpResponse<String> answer = send(HttpRequest.newBuilder(URI.create(this.baseUrl + "/ims/token/v3"))
			.POST(HttpRequest.BodyPublishers.ofString(form))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.build());
		return JSON.readTree(answer.body()).path("access_token").asString();
	}

	HttpResponse<String> send(HttpRequest request) {
		try {
			return this.http.send(request, HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

}
