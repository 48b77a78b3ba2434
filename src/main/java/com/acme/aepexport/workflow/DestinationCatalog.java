package com.acme.aepexport.workflow;

import java.util.Arrays;
import java.util.List;

import lombok.AccessLevel;
import lombok.RequiredArgsConstructor;
import org.springframework.stereotype.Component;

import com.acme.aepexport.export.DestinationType;

/**
 * The supported destinations and the Adobe spec ids in use for each: its
 * {@link DestinationType} row's, unless {@code exports.destinations} corrects them.
 */
@Component
@RequiredArgsConstructor(access = AccessLevel.PACKAGE)
public class DestinationCatalog {

	private final WorkflowSettings settings;

	public List<Entry> entries() {
		return Arrays.stream(DestinationType.values()).map(this::entry).toList();
	}

	public Entry entry(DestinationType type) {
		WorkflowSettings.DestinationSpecs configured = this.settings.destinations().get(type);
		String connectionSpecId = (configured != null && configured.connectionSpecId() != null)
				? configured.connectionSpecId() : type.connectionSpecId();
		String flowSpecId = (configured != null && configured.flowSpecId() != null) ? configured.flowSpecId()
				: type.flowSpecId();
		return new Entry(type, connectionSpecId, flowSpecId);
	}

	public record Entry(DestinationType type, String connectionSpecId, String flowSpecId) {

	}

}
