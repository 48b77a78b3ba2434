package com.acme.aepexport.workflow;

import java.util.Arrays;
import java.util.List;

import lombok.AccessLevel;
import lombok.RequiredArgsConstructor;
import org.springframework.stereotype.Component;

import com.acme.aepexport.export.DestinationType;

/**
 * The supported destinations and the Adobe spec ids in use for each.
 */
@Component
@RequiredArgsConstructor(access = AccessLevel.PACKAGE)
public class DestinationCatalog {

	private final WorkflowSettings settings;

	public List<Entry> entries() {
		return Arrays.stream(DestinationType.values()).map(this::entry).toList();
	}

	public Entry entry(DestinationType type) {
		WorkflowSettings.DestinationSpecs specs = this.settings.destinations().get(type);
		return new Entry(type, specs.connectionSpecId(), specs.flowSpecId());
	}

	public record Entry(DestinationType type, String connectionSpecId, String flowSpecId) {

	}

}
