package com.acme.aepexport;

import java.time.Clock;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;

/**
 * aep-export-facade: one {@code POST /exports} runs Adobe's whole Flow Service workflow
 * that activates audiences to a cloud-storage destination.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class AepExportFacadeApplication {

	public static void main(String[] args) {
		SpringApplication.run(AepExportFacadeApplication.class, args);
	}

	@Bean
	Clock clock() {
		return Clock.systemUTC();
	}

}
