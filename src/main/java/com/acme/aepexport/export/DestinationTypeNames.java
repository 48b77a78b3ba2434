package com.acme.aepexport.export;

import java.util.Arrays;

import tools.jackson.databind.jsontype.NamedType;
import tools.jackson.databind.module.SimpleModule;

import org.springframework.stereotype.Component;

/**
 * Names each {@link Destination} record in JSON ({@code "type": "AMAZON_S3"}) after its
 * {@link DestinationType} row, so that no list of the destinations is written twice. A
 * bean, so Spring Boot adds it to the application's mapper (requests, answers); the
 * stored spec's mapper adds it too ({@link ExportSpecJson}).
 */
@Component
public class DestinationTypeNames extends SimpleModule {

	public DestinationTypeNames() {
		super("destination-type-names");
		registerSubtypes(Arrays.stream(DestinationType.values())
			.map((type) -> new NamedType(type.record(), type.name()))
			.toArray(NamedType[]::new));
	}

}
