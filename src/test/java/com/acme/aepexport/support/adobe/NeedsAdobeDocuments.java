package com.acme.aepexport.support.adobe;

import java.util.stream.Stream;

import net.jqwik.api.lifecycle.LifecycleContext;
import net.jqwik.api.lifecycle.SkipExecutionHook;

/**
 * Skips jqwik properties when one of Adobe's documents is absent, as
 * {@code AdobeOpenApiValidatorTest} does for JUnit tests (jqwik takes an aborted try for
 * a rejected one, not a skip): {@code @AddLifecycleHook(NeedsAdobeDocuments.class)}.
 */
public class NeedsAdobeDocuments implements SkipExecutionHook {

	@Override
	public SkipResult shouldBeSkipped(LifecycleContext context) {
		return Stream
			.of(DocumentedAnswers.response("destinations.yaml", "GET", "/runs", 200),
					DocumentedAnswers.response("flow-service.yaml", "GET", "/connectionSpecs", 200),
					DocumentedAnswers.response("data-prep.yaml", "GET", "/mappingSets", 200),
					DocumentedAnswers.response("identity-service.yaml", "GET", "/idnamespace/identities", 200))
			.filter((answers) -> !answers.available())
			.findFirst()
			.map((answers) -> SkipResult.skip(answers.skipReason()))
			.orElse(SkipResult.doNotSkip());
	}

}
