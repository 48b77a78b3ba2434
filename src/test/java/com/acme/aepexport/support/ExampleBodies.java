package com.acme.aepexport.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * The {@code POST /exports} example bodies ({@code src/main/resources/openapi/examples}):
 * one per destination type, named after it, and variants of one ({@code SFTP_SSH_KEY}).
 * Tests that post or check every example take them from here, so a new one is covered
 * without a list to extend.
 */
public final class ExampleBodies {

	private ExampleBodies() {
	}

	/** Their names (file names without {@code .json}), sorted. */
	public static List<String> names() {
		try {
			return Arrays
				.stream(new PathMatchingResourcePatternResolver().getResources("classpath:openapi/examples/*.json"))
				.map(Resource::getFilename)
				.map(Objects::requireNonNull)
				.map((file) -> file.substring(0, file.length() - ".json".length()))
				.sorted()
				.toList();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
