package com.acme.aepexport.workflow;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

import com.github.tomakehurst.wiremock.WireMockServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import com.acme.aepexport.emulator.AdobeEmulator;
import com.acme.aepexport.support.AdobeCreates;
import com.acme.aepexport.support.AdobeJournal;
import com.acme.aepexport.support.ExportsClient;
import com.acme.aepexport.support.LocalInfrastructure;
import com.acme.aepexport.support.ScratchDatabase;
import com.acme.aepexport.support.ServiceContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two instances of the service share one database, as replicas do: exports accepted by
 * either are run by one of them, each exactly once, and both do work.
 * <p>
 * Who ran an export is read from what Adobe received: instance A calls the emulator as
 * {@code localhost}, instance B as {@code 127.0.0.1}, so the {@code Host} of every Adobe
 * call in an export's sandbox names the instance that made it (db-scheduler forgets
 * {@code picked_by} once a task is done). Both instances run on a database of their own:
 * the contexts the Spring test cache keeps alive would otherwise be third and fourth
 * workers.
 */
class TwoInstancesIT {

	private static final List<String> EXAMPLES = List.of("AMAZON_S3", "AZURE_BLOB", "ADLS_GEN2", "DATA_LANDING_ZONE",
			"GOOGLE_CLOUD_STORAGE", "SFTP", "SFTP_SSH_KEY");

	private static final int EXPORTS = 16;

	private static final WireMockServer adobe = LocalInfrastructure.adobe();

	private static final AdobeEmulator emulator = LocalInfrastructure.emulator();

	private static ScratchDatabase database;

	private static Instance a;

	private static Instance b;

	@BeforeAll
	static void startTwoInstances() {
		database = ScratchDatabase.create("two_instances");
		a = Instance.start("instance-a", "localhost");
		b = Instance.start("instance-b", "127.0.0.1");
	}

	@AfterAll
	static void stopThem() {
		for (Instance instance : new Instance[] { a, b }) {
			if (instance != null) {
				instance.service().close();
			}
		}
		if (database != null) {
			database.drop();
		}
	}

	@Test
	void exportsAcceptedByEitherInstanceAreEachRunOnceByOneOfThem() {
		List<Submitted> submitted = new ArrayList<>();
		for (int i = 0; i < EXPORTS; i++) {
			Instance accepting = (i % 2 == 0) ? a : b;
			String sandbox = ExportsClient.newSandbox("two");
			ObjectNode body = ExportsClient.example(EXAMPLES.get(i % EXAMPLES.size()), sandbox);
			body.put("name", body.path("name").asString() + "-" + i);
			submitted.add(new Submitted(accepting.service().client().startExport(body), sandbox, accepting));
		}

		Map<String, Integer> ranBy = new TreeMap<>();
		Map<String, Integer> acceptedByRanBy = new TreeMap<>();
		for (Submitted export : submitted) {
			// the other instance answers: both read the same store
			Instance other = (export.acceptedBy() == a) ? b : a;
			JsonNode finished = other.service().client().awaitFinished(export.id(), Duration.ofSeconds(60));
			assertThat(finished.path("status").asString()).as(finished.toString()).isEqualTo("SUCCEEDED");
			for (JsonNode step : finished.path("steps")) {
				boolean skipped = step.path("status").asString().equals("SKIPPED");
				assertThat(step.path("attempts").asInt()).as("attempts of %s in %s", step.path("name"), finished)
					.isEqualTo(skipped ? 0 : 1);
			}
			AdobeCreates.assertEachCreatedOnce(emulator, finished);
			AdobeJournal journal = AdobeJournal.of(adobe, export.sandbox());
			for (AdobeCreates.Create create : AdobeCreates.ALL) {
				String name = AdobeCreates.entityName(finished.path("name").asString(), export.id(), create);
				assertThat(journal.calls()
					.stream()
					.filter((call) -> call.method().equals("POST") && call.body().path("name").asString().equals(name)))
					.as("creates of '%s'", name)
					.hasSize(1);
			}
			// Reads answer our API on whichever instance was asked (the connection spec
			// checked on POST, the runs shown by GET); the writes are the run's.
			Set<String> callers = journal.calls()
				.stream()
				.filter((call) -> !call.method().equals("GET"))
				.map((call) -> Instance.named(call.header("Host")))
				.collect(Collectors.toSet());
			assertThat(callers).as("the instances that changed Adobe for export %s", export.id()).hasSize(1);
			String runner = callers.iterator().next();
			ranBy.merge(runner, 1, Integer::sum);
			acceptedByRanBy.merge("accepted by " + export.acceptedBy().name() + ", ran by " + runner, 1, Integer::sum);
		}

		System.out.println("Exports per instance: " + ranBy + "; " + acceptedByRanBy);
		assertThat(ranBy).as("both instances ran exports").containsOnlyKeys("instance-a", "instance-b");
		assertThat(database.jdbc()
			.queryForObject("select count(*) from scheduled_tasks where task_name = ?", Integer.class,
					WorkersConfiguration.TASK_NAME))
			.as("no export task left")
			.isZero();
	}

	/**
	 * @param adobeHost how this instance addresses the emulator
	 */
	private record Instance(String name, String adobeHost, ServiceContext service) {

		private static final Map<String, String> BY_HOST = new LinkedHashMap<>();

		static Instance start(String name, String adobeHost) {
			String adobeUrl = "http://" + adobeHost + ":" + adobe.port();
			Map<String, String> properties = new LinkedHashMap<>(LocalInfrastructure.properties());
			properties.putAll(database.properties());
			properties.put("server.port", "0");
			properties.put("adobe.platform.base-url", adobeUrl);
			properties.put("adobe.ims.token-url", adobeUrl + "/ims/token/v3");
			properties.put("exports.workers.instance-name", name);
			properties.put("exports.workers.polling-interval", "200ms");
			properties.put("adobe.retry.initial-backoff", "50ms");
			properties.put("adobe.retry.max-backoff", "500ms");
			BY_HOST.put(adobeHost + ":" + adobe.port(), name);
			return new Instance(name, adobeHost, ServiceContext.start(properties));
		}

		/** The instance that calls Adobe with this {@code Host} header. */
		static String named(String host) {
			String name = BY_HOST.get(host);
			if (name == null) {
				throw new AssertionError("A call to Adobe from an unknown instance: Host " + host);
			}
			return name;
		}

	}

	private record Submitted(String id, String sandbox, Instance acceptedBy) {

	}

}
