package com.acme.aepexport.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import com.acme.aepexport.AepExportFacadeApplication;

/**
 * The service as a process of its own: a second JVM running
 * {@link AepExportFacadeApplication} on the test's class path, so that it can be killed
 * for real ({@code SIGKILL}: no shutdown hook, no graceful stop, no last heartbeat). Its
 * standard output and error go to a log file.
 */
public final class ServiceProcess implements AutoCloseable {

	private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	private static final int LOWEST_CHOSEN_PORT = 20_000;

	private static final int BELOW_EPHEMERAL_PORTS = 32_768;

	private final String name;

	private final Process process;

	private final Path log;

	private final int port;

	private final int managementPort;

	private final Instant started;

	private ServiceProcess(String name, Process process, Path log, int port, int managementPort, Instant started) {
		this.name = name;
		this.process = process;
		this.log = log;
		this.port = port;
		this.managementPort = managementPort;
		this.started = started;
	}

	/**
	 * Starts the service on a free port, its actuator on another.
	 * @param name what the test calls this process (in messages)
	 * @param log where its output goes (replaced)
	 * @param properties the configuration, passed as {@code --name=value} arguments
	 */
	public static ServiceProcess start(String name, Path log, Map<String, String> properties) {
		// a small, quickly started JVM: it only has to run a few exports
		return start(name, log, List.of("-Xmx512m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"), properties);
	}

	/**
	 * The same, with the JVM's options given: a benchmark's JVM is the one the image
	 * runs, not a quickly started one.
	 */
	public static ServiceProcess start(String name, Path log, List<String> jvmOptions, Map<String, String> properties) {
		int port = freePort();
		int managementPort = freePort();
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		command.addAll(jvmOptions);
		command.addAll(List.of("-cp", System.getProperty("java.class.path")));
		command.add(AepExportFacadeApplication.class.getName());
		command.add("--server.port=" + port);
		command.add("--management.server.port=" + managementPort);
		properties.forEach((key, value) -> command.add("--" + key + "=" + value));
		try {
			Files.createDirectories(log.toAbsolutePath().getParent());
			Process process = new ProcessBuilder(command).redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.to(log.toFile()))
				.start();
			return new ServiceProcess(name, process, log, port, managementPort, Instant.now());
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot start " + name, ex);
		}
	}

	public String baseUrl() {
		return "http://localhost:" + this.port;
	}

	/** Where the actuator answers (health, info, metrics). */
	public String managementUrl() {
		return "http://localhost:" + this.managementPort;
	}

	public long pid() {
		return this.process.pid();
	}

	public boolean isAlive() {
		return this.process.isAlive();
	}

	public Instant started() {
		return this.started;
	}

	/**
	 * Waits until {@code /actuator/health} answers UP.
	 * @return when it did
	 * @throws AssertionError when the process ends first or it takes too long
	 */
	public Instant awaitUp(Duration atMost) {
		Instant deadline = Instant.now().plus(atMost);
		while (Instant.now().isBefore(deadline)) {
			if (isUp()) {
				return Instant.now();
			}
			sleep(Duration.ofMillis(200));
		}
		throw new AssertionError(this.name + " was not UP within " + atMost + "; see " + this.log.toAbsolutePath());
	}

	/**
	 * Whether {@code /actuator/health} answers UP now.
	 * @throws AssertionError when the process has ended
	 */
	public boolean isUp() {
		if (!this.process.isAlive()) {
			throw new AssertionError(this.name + " ended with exit code " + this.process.exitValue() + "; see "
					+ this.log.toAbsolutePath());
		}
		HttpRequest health = HttpRequest.newBuilder(URI.create(managementUrl() + "/actuator/health"))
			.timeout(Duration.ofSeconds(5))
			.build();
		try {
			HttpResponse<String> answer = HTTP.send(health, HttpResponse.BodyHandlers.ofString());
			return answer.statusCode() == 200 && answer.body().contains("\"UP\"");
		}
		catch (IOException ex) {
			// not listening yet
			return false;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new AssertionError("Interrupted", ex);
		}
	}

	/**
	 * Kills the process with {@code SIGKILL} ({@link Process#destroyForcibly()} on Linux)
	 * and waits for it to be gone.
	 * @return its exit code (137, 128 + SIGKILL, on Linux)
	 */
	public int kill() {
		this.process.destroyForcibly();
		try {
			if (!this.process.waitFor(30, TimeUnit.SECONDS)) {
				throw new AssertionError(this.name + " (pid " + pid() + ") is still alive after SIGKILL");
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new AssertionError("Interrupted", ex);
		}
		return this.process.exitValue();
	}

	/**
	 * Asks the process to stop with {@code SIGTERM} ({@link Process#destroy()} on Linux),
	 * as {@code docker stop} and Kubernetes do, and waits for it to be gone.
	 * @return how long it took to exit
	 */
	public Duration terminate(Duration atMost) {
		Instant asked = Instant.now();
		this.process.destroy();
		try {
			if (!this.process.waitFor(atMost.toMillis(), TimeUnit.MILLISECONDS)) {
				throw new AssertionError(
						this.name + " (pid " + pid() + ") is still alive " + atMost + " after SIGTERM");
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new AssertionError("Interrupted", ex);
		}
		return Duration.between(asked, Instant.now());
	}

	/** Pauses ({@code SIGSTOP}) or resumes ({@code SIGCONT}) the process. */
	public void signal(String signal) {
		try {
			int exit = new ProcessBuilder("kill", "-" + signal, Long.toString(pid())).inheritIO().start().waitFor();
			if (exit != 0) {
				throw new AssertionError("kill -" + signal + " " + pid() + " failed: " + exit);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new AssertionError("Interrupted", ex);
		}
	}

	/** What the process wrote so far. */
	public String output() {
		try {
			return Files.readString(this.log);
		}
		catch (IOException ex) {
			return "(cannot read " + this.log + ": " + ex + ")";
		}
	}

	public Path log() {
		return this.log;
	}

	@Override
	public void close() {
		if (this.process.isAlive()) {
			kill();
		}
	}

	@Override
	public String toString() {
		return this.name + " (pid " + pid() + ", port " + this.port + ", management port " + this.managementPort + ")";
	}

	/**
	 * A port nothing listens on now, for a process started next to bind, chosen below the
	 * ephemeral ports (32768 and up on Linux, 49152 and up on macOS and Windows). The
	 * process binds it tens of seconds later, once its context has started, and meanwhile
	 * the kernel hands ephemeral ports to outgoing connections and to servers that bind
	 * port 0: one of them took a port from {@code new ServerSocket(0)} before the process
	 * did, and failed {@code StopAndPauseIT} in CI. A port below that range is taken only
	 * by someone who names it.
	 */
	public static int freePort() {
		for (int tries = 0; tries < 1_000; tries++) {
			int port = ThreadLocalRandom.current().nextInt(LOWEST_CHOSEN_PORT, BELOW_EPHEMERAL_PORTS);
			try (ServerSocket socket = new ServerSocket(port)) {
				return socket.getLocalPort();
			}
			catch (IOException taken) {
				// in use: another
			}
		}
		throw new IllegalStateException(
				"No free port between " + LOWEST_CHOSEN_PORT + " and " + BELOW_EPHEMERAL_PORTS + " in 1,000 tries");
	}

	private static void sleep(Duration pause) {
		try {
			Thread.sleep(pause);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new AssertionError("Interrupted", ex);
		}
	}

}
