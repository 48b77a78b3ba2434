package com.acme.aepexport.console;

import java.util.Map;

import org.junit.jupiter.api.Test;

import com.acme.aepexport.api.Caller;
import com.acme.aepexport.export.DestinationType;
import com.acme.aepexport.export.ExportFilter;
import com.acme.aepexport.export.ExportStatus;

import static org.assertj.core.api.Assertions.assertThat;

class ListFilterTest {

	@Test
	void aValueNotOfferedFiltersNothingAndTheQueryIsWrittenBackAsGiven() {
		ListFilter filter = ListFilter
			.of(Map.of("status", "FAILED", "destinationType", "SOMEWHERE", "name", " churn & co ", "page", "x"));

		assertThat(filter.status()).isEqualTo(ExportStatus.FAILED);
		assertThat(filter.destinationType()).isNull();
		assertThat(filter.name()).isEqualTo("churn & co");
		assertThat(filter.page()).isZero();
		assertThat(filter.query(2)).isEqualTo("?status=FAILED&name=churn%20%26%20co&page=2");
		assertThat(ListFilter.of(Map.of()).query(0)).isEmpty();
		assertThat(ListFilter.of(Map.of("name", "a+b")).query(0)).as("a plus read back as a plus, not a space")
			.isEqualTo("?name=a%2Bb");
		assertThat(ListFilter.of(Map.of("name", "a\u0000b")).name()).as("PostgreSQL text holds no NUL").isEqualTo("ab");
	}

	@Test
	void onlyAnAdminChoosesTheOwner() {
		ListFilter filter = ListFilter.of(Map.of("owner", "someone-else", "destinationType", "SFTP"));

		assertThat(new Viewer(new Caller("me", false), true, false).filter(filter))
			.isEqualTo(new ExportFilter("me", null, DestinationType.SFTP, null));
		assertThat(new Viewer(new Caller("operator", true), true, false).filter(filter))
			.isEqualTo(new ExportFilter("someone-else", null, DestinationType.SFTP, null));
		assertThat(new Viewer(new Caller("operator", true), true, false).filter(ListFilter.of(Map.of())).owner())
			.as("every owner's")
			.isNull();
	}

}
