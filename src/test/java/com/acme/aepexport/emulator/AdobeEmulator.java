package com.acme.aepexport.emulator;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import com.acme.aepexport.emulator.Sandbox.Stored;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.RequestMethod;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import tools.jackson.databind.JsonNode;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;

/**
 * A stateful stand-in for the Adobe APIs the service calls (IMS, Flow Service, Data Prep
 * conversion, Profile union schema, Identity namespaces), running inside WireMock.
 * <p>
 * It answers through one catch-all stub at priority 100, so a test's own stub (any
 * smaller priority number) wins, and WireMock's request journal records every call. After
 * {@code server.resetAll()} or {@code resetMappings()} put the catch-all back with
 * {@code server.stubFor(AdobeEmulator.catchAllStub())}; {@code resetRequests()} is safe.
 * <p>
 * State is kept per {@code x-sandbox-name} and is safe for concurrent calls. Alone, for a
 * service run elsewhere: {@code TestAepExportFacadeApplication emulator [port]}, which
 * says how to point the service at it.
 */
public final class AdobeEmulator implements ResponseDefinitionTransformerV2 {

	/** The client id the emulated IMS accepts; also the expected {@code x-api-key}. */
	public static final String CLIENT_ID = "emulator-client-id";

	public static final String CLIENT_SECRET = "emulator-client-secret";

	/** The expected {@code x-gw-ims-org-id}. */
	public static final String ORG_ID = "EMULATOR0000000000000000@AdobeOrg";

	public static final String NAME = "adobe-emulator";

	/**
	 * A sandbox whose name starts so has its first {@code POST /targetConnections}
	 * refused, with Flow Service's {@code 400} ({@link #REFUSED_ONCE_CODE}), and the next
	 * one accepted: an export in it fails at {@code TARGET_CONNECTION}, and its resume
	 * succeeds. For what has no test stub to set it up, such as the console's browser
	 * test against {@code spring-boot:test-run}: the sandbox is the export's own field.
	 */
	public static final String REFUSE_ONCE = "refuse-once-";

	/** The code of Adobe's answer to a call refused for {@link #REFUSE_ONCE}. */
	public static final int REFUSED_ONCE_CODE = 1021;

	/**
	 * The transformer parameter that names the {@link #hold} a stub's delayed answers
	 * wait on.
	 */
	public static final String HOLD = "hold";

	static final String UNION_SCHEMA_PATH = "/data/core/ups/config/entityTypes/_xdm.context.profile";

	static final String IDENTITIES_PATH = "/data/core/idnamespace/identities";

	/** What a call the {@link #throttle} refuses is told to wait, in seconds. */
	private static final String RETRY_AFTER_SECONDS = "1";

	private static final UUID CATCH_ALL_ID = UUID.fromString("ad0be000-e3a1-4a7e-9000-000000000100");

	private static final Set<String> COLLECTIONS = Set.of("connections", "sourceConnections", "targetConnections",
			"flows", "schemas", "mappingSets", Runs.COLLECTION);

	private final Ims ims = new Ims(Duration.ofSeconds(86399));

	private final Map<String, Sandbox> sandboxes = new ConcurrentHashMap<>();

	/** One-shot hooks by {@code sandbox METHOD path}; see {@link #onceAnswered}. */
	private final Map<String, Runnable> onceAnswered = new ConcurrentHashMap<>();

	/** Holds by name, released or not; see {@link #hold}. */
	private final Map<String, CountDownLatch> holds = new ConcurrentHashMap<>();

	/** Latency and capacity, for benchmarks; see {@link #throttle}. */
	private volatile Throttle throttle = Throttle.OFF;

	private final FlowService flowService;

	private final Conversion conversion;

	private final JsonNode unionSchema = Json.resource("emulator/profile-union-schema.json");

	private final JsonNode identities = Json.resource("emulator/identity-namespaces.json");

	public AdobeEmulator() {
		MonotonicClock clock = new MonotonicClock();
		this.flowService = new FlowService(ConnectionSpecs.load(), clock);
		this.conversion = new Conversion(clock);
	}

	/**
	 * How the runs of sandboxes without a script of their own go from now on; at first
	 * {@link RunScript#instantSuccess()}.
	 */
	public AdobeEmulator runScript(RunScript script) {
		this.flowService.runScript(script);
		return this;
	}

	/** How the runs created from now on in one sandbox go. */
	public AdobeEmulator runScript(String sandbox, RunScript script) {
		sandbox(sandbox).runScript(script);
		return this;
	}

	/**
	 * Moves one sandbox's time on, as runs see it: a waiting run may start, a processing
	 * one end, without the test waiting for it.
	 */
	public AdobeEmulator passTime(String sandbox, Duration time) {
		sandbox(sandbox).passTime(time.toMillis());
		return this;
	}

	/**
	 * Runs {@code hook} once, when the emulator has worked out its answer to the next
	 * {@code method path} call in the sandbox and before the answer leaves: what the hook
	 * changes elsewhere happens, for the caller, between Adobe's answer and its next
	 * step.
	 */
	public AdobeEmulator onceAnswered(String sandbox, String method, String path, Runnable hook) {
		this.onceAnswered.put(sandbox + " " + method + " " + path, hook);
		return this;
	}

	/**
	 * Holds back the answers of the stubs that name it
	 * ({@code aResponse().withTransformers(NAME).withFixedDelay(7000).withTransformerParameter(HOLD, name)})
	 * until the test calls {@link #release}, each for at most its stub's fixed delay: a
	 * test that needs Adobe busy while it looks waits only as long as it looks, and the
	 * answers still leave on their own after that delay. A held answer occupies one of
	 * Jetty's threads (the emulator has threads to spare for that), and its call enters
	 * WireMock's journal only as it leaves: a test that counts calls in flight in the
	 * journal holds them with a plain delay.
	 */
	public AdobeEmulator hold(String name) {
		// A hold still in force stays: answers already waiting on it are let go with it.
		this.holds.compute(name, (held, hold) -> (hold != null && hold.getCount() > 0) ? hold : new CountDownLatch(1));
		return this;
	}

	/**
	 * Lets the answers held back by {@link #hold} go; those to come leave at once,
	 * without their stub's delay.
	 */
	public AdobeEmulator release(String name) {
		CountDownLatch hold = this.holds.get(name);
		if (hold != null) {
			hold.countDown();
		}
		return this;
	}

	/**
	 * Lets every held answer go: after each test, so that one that failed before its
	 * {@link #release} does not leave Jetty's threads to the tests after it.
	 */
	public AdobeEmulator releaseAll() {
		this.holds.values().forEach(CountDownLatch::countDown);
		return this;
	}

	/**
	 * Makes Adobe as slow and as bounded as a real one, for benchmarks: from now on every
	 * answer takes {@code latency} (on top of a test stub's own delay), and a call that
	 * arrives while {@code capacity} calls are in flight gets the gateway's {@code 429}
	 * ({@code {"error_code":"429001","message":"Too many requests"}}, {@code Retry-After:
	 * 1}), after the same latency, without Adobe doing its work. IMS token calls are
	 * delayed but never refused (IMS is another service). Off until called;
	 * {@link #unthrottled()} turns it off again.
	 */
	public AdobeEmulator throttle(Duration latency, int capacity) {
		this.throttle = Throttle.of(latency, capacity);
		return this;
	}

	/**
	 * Answers at once and refuses nothing for capacity, as before any {@link #throttle}.
	 */
	public AdobeEmulator unthrottled() {
		this.throttle = Throttle.OFF;
		return this;
	}

	/** The calls the {@link #throttle} counts in flight now; 0 when it is off. */
	public int inFlight() {
		return this.throttle.inFlight();
	}

	/** The most calls in flight at once since the {@link #throttle} was set. */
	public int peakInFlight() {
		return this.throttle.peak();
	}

	/** Sets the {@code expires_in} of tokens issued from now on; they expire for real. */
	public AdobeEmulator tokenLifetime(Duration lifetime) {
		this.ims.lifetime(lifetime);
		return this;
	}

	/**
	 * Starts a WireMock server with this emulator registered and its catch-all stub in
	 * place.
	 * @param port the port, 0 for a free one ({@code server.port()} tells which)
	 * @return the running server; the caller stops it
	 */
	public WireMockServer start(int port) {
		// A delayed answer waits on a timer, not on one of Jetty's threads: a test that
		// makes Adobe hang for a minute must not starve the calls of the tests after it.
		// A held answer does wait on one (see hold): room for a worker pool's worth.
		WireMockServer server = new WireMockServer(WireMockConfiguration.options()
			.port(port)
			.containerThreads(64)
			.asynchronousResponseEnabled(true)
			.asynchronousResponseThreads(8)
			.extensions(this));
		server.start();
		server.stubFor(catchAllStub());
		return server;
	}

	/**
	 * The low-priority stub that routes everything to the emulator (idempotent: fixed
	 * id).
	 */
	public static MappingBuilder catchAllStub() {
		return any(anyUrl()).withId(CATCH_ALL_ID).atPriority(100).willReturn(aResponse().withTransformers(NAME));
	}

	/**
	 * Forgets every entity and run in every sandbox; tokens already issued stay valid.
	 */
	public void reset() {
		this.sandboxes.clear();
	}

	/** Forgets every entity and run of one sandbox, as if it had never been used. */
	public void forget(String sandbox) {
		this.sandboxes.remove(sandbox);
	}

	/** Every token issued so far gets 401 from now on; new ones are valid. */
	public void revokeTokens() {
		this.ims.revokeAll();
	}

	/** Tokens issued since this emulator was created (not reset by {@link #reset()}). */
	public int tokensIssued() {
		return this.ims.issued();
	}

	/**
	 * The entity as stored (credentials unmasked), from whichever sandbox holds it.
	 * @param collection {@code connections}, {@code sourceConnections},
	 * {@code targetConnections}, {@code flows}, {@code schemas}, {@code mappingSets} or
	 * {@code runs}
	 */
	public Optional<JsonNode> entity(String collection, String id) {
		requireCollection(collection);
		return sandboxes(collection).flatMap((sandbox) -> sandbox.find(collection, id).stream())
			.findFirst()
			.map((stored) -> stored.node().deepCopy());
	}

	/** All entities of a collection, across sandboxes, oldest first. */
	public List<JsonNode> entities(String collection) {
		requireCollection(collection);
		return sandboxes(collection).flatMap((sandbox) -> sandbox.all(collection).stream())
			.sorted(Comparator.comparingLong(Stored::createdAt))
			.map((stored) -> (JsonNode) stored.node().deepCopy())
			.toList();
	}

	/**
	 * The sandboxes, with their runs brought to what they show now when runs are asked
	 * for.
	 */
	private Stream<Sandbox> sandboxes(String collection) {
		if (Runs.COLLECTION.equals(collection)) {
			this.sandboxes.values().forEach(this.flowService::advanceRuns);
		}
		return this.sandboxes.values().stream();
	}

	private Sandbox sandbox(String name) {
		return this.sandboxes.computeIfAbsent(name, Sandbox::new);
	}

	@Override
	public String getName() {
		return NAME;
	}

	@Override
	public boolean applyGlobally() {
		return false;
	}

	@Override
	public ResponseDefinition transform(ServeEvent serveEvent) {
		Call call = Call.of(serveEvent.getRequest());
		ResponseDefinition stub = serveEvent.getResponseDefinition();
		Throttle throttle = this.throttle;
		long delay = throttle.latencyMillis()
				+ ((stub.getFixedDelayMilliseconds() != null) ? stub.getFixedDelayMilliseconds() : 0);
		if (!Ims.TOKEN_PATH.equals(call.path()) && !throttle.admit(delay)) {
			return withStubTiming(Reply.gateway(429, "429001", "Too many requests").toResponseDefinition(), stub,
					throttle.latencyMillis(), RETRY_AFTER_SECONDS);
		}
		Reply reply;
		try {
			reply = route(call);
		}
		catch (Rejected rejected) {
			reply = rejected.reply();
		}
		catch (RuntimeException ex) {
			reply = Reply.gateway(500, "500000", "Adobe emulator failure: " + ex);
		}
		Runnable hook = this.onceAnswered
			.remove(call.header("x-sandbox-name") + " " + call.method() + " " + call.path());
		if (hook != null) {
			hook.run();
		}
		// A held answer has had its delay, or was let go early.
		ResponseDefinition timing = heldBack(serveEvent, stub)
				? ResponseDefinitionBuilder.like(stub).withFixedDelay(null).build() : stub;
		return withStubTiming(reply.toResponseDefinition(), timing, throttle.latencyMillis(), null);
	}

	/**
	 * Waits for the release of the {@link #hold} the stub names, for at most its fixed
	 * delay (not at all once released).
	 * @return whether it waited here, so that the answer leaves now, not after the stub's
	 * delay
	 */
	private boolean heldBack(ServeEvent serveEvent, ResponseDefinition stub) {
		Object name = serveEvent.getTransformerParameters().get(HOLD);
		CountDownLatch hold = (name != null) ? this.holds.get(name.toString()) : null;
		if (hold == null || stub.getFixedDelayMilliseconds() == null) {
			return false;
		}
		try {
			hold.await(stub.getFixedDelayMilliseconds(), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		return true;
	}

	/**
	 * A test stub that sends a request here may add a delay or a fault to what Adobe
	 * answers ({@code aResponse().withTransformers(NAME).withFixedDelay(1500)}): the
	 * emulator still does its work (an entity is created even when its answer is lost),
	 * then the answer is held back or broken as the stub says. The {@link #throttle}'s
	 * latency adds to the stub's delay.
	 */
	private static ResponseDefinition withStubTiming(ResponseDefinition answer, ResponseDefinition stub,
			long latencyMillis, String retryAfter) {
		ResponseDefinitionBuilder builder = ResponseDefinitionBuilder.like(answer);
		if (stub.getFixedDelayMilliseconds() != null || latencyMillis > 0) {
			long fixed = latencyMillis
					+ ((stub.getFixedDelayMilliseconds() != null) ? stub.getFixedDelayMilliseconds() : 0);
			builder.withFixedDelay((int) fixed);
		}
		if (retryAfter != null) {
			builder.withHeader("Retry-After", retryAfter);
		}
		if (stub.getDelayDistribution() != null) {
			builder.withRandomDelay(stub.getDelayDistribution());
		}
		if (stub.getChunkedDribbleDelay() != null) {
			builder.withChunkedDribbleDelay(stub.getChunkedDribbleDelay().getNumberOfChunks(),
					stub.getChunkedDribbleDelay().getTotalDuration());
		}
		if (stub.getFault() != null) {
			builder.withFault(stub.getFault());
		}
		return builder.build();
	}

	private Reply route(Call call) {
		if (Ims.TOKEN_PATH.equals(call.path())) {
			return this.ims.token(call);
		}
		Optional<Reply> refused = gateway(call);
		if (refused.isPresent()) {
			return refused.get();
		}
		Sandbox sandbox = sandbox(call.header("x-sandbox-name").trim());
		if (AdhocRuns.PATH.equals(call.path()) && call.is(RequestMethod.POST)) {
			return this.flowService.adhocRun(call, sandbox);
		}
		List<String> segments = call.segmentsAfter(FlowService.PREFIX);
		if (segments != null) {
			return this.flowService.handle(call, sandbox, segments);
		}
		segments = call.segmentsAfter(Conversion.PREFIX);
		if (segments != null) {
			return this.conversion.handle(call, sandbox, segments);
		}
		if (call.is(RequestMethod.GET) && UNION_SCHEMA_PATH.equals(call.path())) {
			return Reply.json(200, this.unionSchema.deepCopy());
		}
		if (call.is(RequestMethod.GET) && IDENTITIES_PATH.equals(call.path())) {
			return Reply.json(200, this.identities.deepCopy());
		}
		return Reply.notFound();
	}

	/** What the Adobe I/O gateway checks before any API sees the request. */
	private Optional<Reply> gateway(Call call) {
		String authorization = call.header("Authorization");
		if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)
				|| !this.ims.accepts(authorization.substring(7).trim())) {
			return Optional.of(Reply.gateway(401, "401013", "Oauth token is not valid"));
		}
		if (!CLIENT_ID.equals(call.header("x-api-key"))) {
			return Optional.of(Reply.gateway(403, "403003", "Api Key is invalid"));
		}
		String sandbox = call.header("x-sandbox-name");
		if (!ORG_ID.equals(call.header("x-gw-ims-org-id")) || sandbox == null || sandbox.isBlank()) {
			return Optional.of(Reply.gateway(400, "400003", "Missing header"));
		}
		if (call.hasBody() && !isJson(call.header("Content-Type"))) {
			return Optional.of(Reply.problem(400, "/placeholder/type/uri", "BadRequestError",
					"A valid content-type must be specified"));
		}
		return Optional.empty();
	}

	private static boolean isJson(String contentType) {
		return contentType != null && contentType.split(";")[0].trim().equalsIgnoreCase("application/json");
	}

	private static void requireCollection(String collection) {
		if (!COLLECTIONS.contains(collection)) {
			throw new IllegalArgumentException("Unknown collection " + collection + "; one of " + COLLECTIONS);
		}
	}

}
