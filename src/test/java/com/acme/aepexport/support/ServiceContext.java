package com.acme.aepexport.support;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import com.acme.aepexport.AepExportFacadeApplication;

/**
 * The whole service started by a test inside the test JVM (one more Spring context), on a
 * random port (its actuator on another), with a configuration of the test's choosing: one
 * more instance beside the Spring test context, or one pointed at a database the test
 * stops and starts.
 */
public final class ServiceContext implements AutoCloseable {

	private final ConfigurableApplicationContext context;

	private final ExportsClient client;

	private final String managementUrl;

	private ServiceContext(ConfigurableApplicationContext context) {
		this.context = context;
		this.client = new ExportsClient(
				"http://localhost:" + context.getEnvironment().getProperty("local.server.port"));
		this.managementUrl = "http://localhost:" + context.getEnvironment().getProperty("local.management.port");
	}

	/**
	 * Starts the service.
	 * @param properties its configuration, given as command-line arguments so that they
	 * win over {@code application.yaml} (default properties would not); the actuator gets
	 * a free port of its own unless they name one
	 */
	public static ServiceContext start(Map<String, String> properties) {
		Map<String, String> withManagement = new LinkedHashMap<>(properties);
		withManagement.putIfAbsent("management.server.port", "0");
		String[] arguments = withManagement.entrySet()
			.stream()
			.map((property) -> "--" + property.getKey() + "=" + property.getValue())
			.toArray(String[]::new);
		return new ServiceContext(
				new SpringApplicationBuilder(AepExportFacadeApplication.class).main(AepExportFacadeApplication.class)
					.run(arguments));
	}

	public ExportsClient client() {
		return this.client;
	}

	public String baseUrl() {
		return this.client.baseUrl();
	}

	/** Where the actuator answers (health, info, metrics). */
	public String managementUrl() {
		return this.managementUrl;
	}

	public <T> T bean(Class<T> type) {
		return this.context.getBean(type);
	}

	@Override
	public void close() {
		this.context.close();
	}

}
