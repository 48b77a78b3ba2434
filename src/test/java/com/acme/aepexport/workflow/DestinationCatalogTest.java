package com.acme.aepexport.workflow;

import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import com.acme.aepexport.export.DestinationType;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The catalog is its table's ids, and {@code exports.destinations} corrects any of them
 * without a release (SPEC §1).
 */
class DestinationCatalogTest {

	@Test
	void withoutConfigurationEveryDestinationHasItsRowsIds() {
		DestinationCatalog catalog = catalog(Map.of());

		assertThat(catalog.entries()).hasSize(DestinationType.values().length)
			.allSatisfy((entry) -> assertThat(entry).isEqualTo(new DestinationCatalog.Entry(entry.type(),
					entry.type().connectionSpecId(), entry.type().flowSpecId())));
		assertThat(catalog.entry(DestinationType.AMAZON_S3).connectionSpecId())
			.isEqualTo("4fce964d-3f37-408f-9778-e597338a21ee");
	}

	@Test
	void aConfiguredIdReplacesItsRowsAndNothingElse() {
		DestinationCatalog catalog = catalog(Map.of("exports.destinations.SFTP.flow-spec-id", "corrected-flow-spec",
				"exports.destinations.AZURE_BLOB.connection-spec-id", "corrected-connection-spec"));

		assertThat(catalog.entry(DestinationType.SFTP)).isEqualTo(new DestinationCatalog.Entry(DestinationType.SFTP,
				DestinationType.SFTP.connectionSpecId(), "corrected-flow-spec"));
		assertThat(catalog.entry(DestinationType.AZURE_BLOB)).isEqualTo(new DestinationCatalog.Entry(
				DestinationType.AZURE_BLOB, "corrected-connection-spec", DestinationType.AZURE_BLOB.flowSpecId()));
		assertThat(catalog.entry(DestinationType.AMAZON_S3))
			.isEqualTo(new DestinationCatalog.Entry(DestinationType.AMAZON_S3,
					DestinationType.AMAZON_S3.connectionSpecId(), DestinationType.AMAZON_S3.flowSpecId()));
	}

	private static DestinationCatalog catalog(Map<String, String> properties) {
		WorkflowSettings settings = new Binder(new MapConfigurationPropertySource(properties)).bindOrCreate("exports",
				WorkflowSettings.class);
		return new DestinationCatalog(settings);
	}

}
