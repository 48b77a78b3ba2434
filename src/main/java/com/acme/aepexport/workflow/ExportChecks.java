package com.acme.aepexport.workflow;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Stream;

import lombok.RequiredArgsConstructor;
import tools.jackson.databind.JsonNode;

import org.springframework.stereotype.Component;

import com.acme.aepexport.adobe.AdobeCallFailed;
import com.acme.aepexport.adobe.AdobeSettings;
import com.acme.aepexport.adobe.ConnectionSpec;
import com.acme.aepexport.adobe.ConnectionSpecRules;
import com.acme.aepexport.adobe.FlowServiceClient;
import com.acme.aepexport.adobe.IdentityNamespace;
import com.acme.aepexport.adobe.ProfileClient;
import com.acme.aepexport.adobe.ProfileRules;
import com.acme.aepexport.adobe.Sandbox;
import com.acme.aepexport.export.DestinationType;
import com.acme.aepexport.export.ExportSpec;
import com.acme.aepexport.export.NewExport;

/**
 * What a request to export must pass against the live Adobe before anything is stored or
 * made, for {@code POST /exports} and {@code POST /exports/plan} alike: Adobe's
 * connection spec of the destination (credentials against its {@code authSpec}, location
 * and file options against its {@code targetSpec}), and the sandbox's profiles (every
 * mapping source, attribute key and mandatory field a field of the union schema, every
 * identity an active identity namespace). Reads only, cached, and answered within
 * {@code adobe.http.caller-timeout} all together.
 */
@Component
@RequiredArgsConstructor
class ExportChecks {

	private final FlowServiceClient flowService;

	private final ProfileClient profiles;

	private final ConnectionSpecRules rules;

	private final DestinationCatalog catalog;

	private final AdobeSettings adobe;

	/** The export in its sandbox: the configured default when it names none. */
	NewExport inSandbox(NewExport command) {
		return (command.spec().sandbox() != null) ? command
				: command.withSpec(command.spec().withSandbox(this.adobe.defaultSandbox()));
	}

	/**
	 * What Adobe's documents refuse in the request, each field named as the caller wrote
	 * it.
	 * @param unreadable told of each document Adobe did not give in time (or could not be
	 * applied): its check is not made, unless this throws
	 */
	List<InvalidField> problemsWith(NewExport command, Consumer<AdobeCallFailed> unreadable) {
		NewExport export = inSandbox(command);
		ExportSpec spec = export.spec();
		Sandbox sandbox = new Sandbox(spec.sandbox());
		DestinationType type = spec.destination().type();
		// One budget for the three reads: a caller waits for Adobe at most this long.
		long deadline = System.nanoTime() + this.adobe.http().callerTimeout().toNanos();
		Supplier<Duration> left = () -> Duration
			.ofNanos(Math.max(deadline - System.nanoTime(), Duration.ofMillis(1).toNanos()));
		List<InvalidField> problems = new ArrayList<>();
		read(() -> {
			ConnectionSpec connectionSpec = this.flowService.connectionSpec(sandbox,
					this.catalog.entry(type).connectionSpecId(), left.get());
			return Stream
				.concat(this.rules.credentialViolations(connectionSpec, type, export.credentials()).stream(),
						this.rules.destinationViolations(connectionSpec, spec.destination(), spec.file()).stream())
				.toList();
		}, unreadable).ifPresent((violations) -> violations
			.forEach((violation) -> problems.add(new InvalidField(violation.property(), violation.message()))));
		JsonNode unionSchema = read(() -> this.profiles.unionSchema(sandbox, left.get()), unreadable).orElse(null);
		List<IdentityNamespace> namespaces = read(() -> this.profiles.identityNamespaces(sandbox, left.get()),
				unreadable)
			.orElse(null);
		ProfileRules.violations(unionSchema, namespaces, spec)
			.forEach((violation) -> problems.add(new InvalidField(violation.property(), violation.message())));
		return problems;
	}

	private static <T> Optional<T> read(Supplier<T> read, Consumer<AdobeCallFailed> unreadable) {
		try {
			return Optional.of(read.get());
		}
		catch (AdobeCallFailed failed) {
			unreadable.accept(failed);
			return Optional.empty();
		}
	}

}
