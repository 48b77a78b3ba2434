package com.acme.aepexport.emulator;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import tools.jackson.databind.node.ObjectNode;

/**
 * Everything created in one sandbox, by collection and id. Stored nodes are never changed
 * in place: an update replaces the node, so readers need no lock.
 */
final class Sandbox {

	private final String name;

	private final Map<String, ConcurrentHashMap<String, Stored>> collections = new ConcurrentHashMap<>();

	private final ConcurrentHashMap<String, Runs.Plan> runPlans = new ConcurrentHashMap<>();

	/**
	 * Per flow, the sandbox's time up to which its scheduled runs were planned (or passed
	 * while the flow was disabled).
	 */
	private final ConcurrentHashMap<String, Long> scheduledUpTo = new ConcurrentHashMap<>();

	/** How far a test has moved this sandbox's time past the wall clock. */
	private final AtomicLong ahead = new AtomicLong();

	private volatile RunScript runScript;

	/** What was refused once already ({@link AdobeEmulator#REFUSE_ONCE}). */
	private final Set<String> refused = ConcurrentHashMap.newKeySet();

	Sandbox(String name) {
		this.name = name;
	}

	String name() {
		return this.name;
	}

	/**
	 * Whether to refuse {@code what} now: the first time only, in a sandbox named
	 * {@link AdobeEmulator#REFUSE_ONCE}….
	 */
	boolean refusesOnce(String what) {
		return this.name.startsWith(AdobeEmulator.REFUSE_ONCE) && this.refused.add(what);
	}

	/** Epoch milliseconds in this sandbox: the wall clock, plus what a test added. */
	long now() {
		return System.currentTimeMillis() + ahead();
	}

	/** What a test added to this sandbox's time, in milliseconds. */
	long ahead() {
		return this.ahead.get();
	}

	void passTime(long millis) {
		this.ahead.addAndGet(millis);
	}

	/** The runs of this sandbox's flows, by run id, as planned when each was created. */
	ConcurrentHashMap<String, Runs.Plan> runPlans() {
		return this.runPlans;
	}

	ConcurrentHashMap<String, Long> scheduledUpTo() {
		return this.scheduledUpTo;
	}

	/** How this sandbox's new runs go, or {@code null} for the emulator's default. */
	RunScript runScript() {
		return this.runScript;
	}

	void runScript(RunScript script) {
		this.runScript = script;
	}

	ConcurrentHashMap<String, Stored> collection(String collection) {
		return this.collections.computeIfAbsent(collection, (key) -> new ConcurrentHashMap<>());
	}

	Optional<Stored> find(String collection, String id) {
		return (id != null) ? Optional.ofNullable(collection(collection).get(id)) : Optional.empty();
	}

	boolean exists(String collection, String id) {
		return find(collection, id).isPresent();
	}

	void put(String collection, String id, Stored stored) {
		collection(collection).put(id, stored);
	}

	Optional<Stored> remove(String collection, String id) {
		return Optional.ofNullable(collection(collection).remove(id));
	}

	/** The collection's entities, newest first. */
	List<Stored> all(String collection) {
		return collection(collection).values().stream().sorted(Stored.NEWEST_FIRST).toList();
	}

	/**
	 * One stored entity and the (unique) instant it was created, which orders listings.
	 */
	record Stored(long createdAt, ObjectNode node) {

		static final Comparator<Stored> NEWEST_FIRST = Comparator.comparingLong(Stored::createdAt).reversed();

	}

}
