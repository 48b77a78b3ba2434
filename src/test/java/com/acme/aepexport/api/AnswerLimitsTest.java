package com.acme.aepexport.api;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.acme.aepexport.export.DestinationType;
import com.acme.aepexport.export.StepName;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The bounds the contract states for answers hold for what the service can answer.
 */
class AnswerLimitsTest {

	@Test
	void textForPeopleIsCutToTheBoundEndingWithAnEllipsis() {
		assertThat(AnswerLimits.cut("a".repeat(1000), 1000)).hasSize(1000).doesNotContain("…");
		assertThat(AnswerLimits.cut("a".repeat(1001), 1000)).hasSize(1000).endsWith("a…");
		// Never half of a character: a pair of surrogates stays whole or goes.
		assertThat(AnswerLimits.cut("a".repeat(998) + "😀" + "b", 1000)).hasSize(999).endsWith("a…");
		assertThat(AnswerLimits.cut(null, 10)).isNull();
	}

	@Test
	void aCodeLongerThanItsBoundIsNotShownAndAListIsCutToItsFirstElements() {
		assertThat(AnswerLimits.within("x".repeat(256), 256)).hasSize(256);
		assertThat(AnswerLimits.within("x".repeat(257), 256)).isNull();
		assertThat(AnswerLimits.first(List.of(1, 2, 3), 2)).containsExactly(1, 2);
		assertThat(AnswerLimits.first(List.of(1, 2), 2)).containsExactly(1, 2);
	}

	@Test
	void valuesAreNoLongerThanTheirTypesWriteThem() {
		assertThat(Instant.MAX.toString()).hasSize(AnswerLimits.INSTANT);
		assertThat(Instant.MIN.toString()).hasSizeLessThanOrEqualTo(AnswerLimits.INSTANT);
		assertThat(UUID.randomUUID().toString()).hasSize(AnswerLimits.UUID);
		assertThat(LocalDate.of(9999, 12, 31).toString()).hasSize(AnswerLimits.DATE);
		assertThat("/exports/" + UUID.randomUUID()).hasSize(ExportController.LOCATION_LENGTH);
		assertThat("\"" + Long.MAX_VALUE + "\"").hasSize(ExportController.ETAG_LENGTH);
	}

	@Test
	void listsOneAnswerHoldsPerValueOfAnEnumFitTheirBound() {
		assertThat(StepName.values()).hasSizeLessThanOrEqualTo(ExportResponse.MAX_STEPS);
		assertThat(DestinationType.values()).hasSizeLessThanOrEqualTo(DestinationResponse.MAX_TYPES);
		assertThat(Arrays.stream(DestinationType.values()).map(DestinationType::displayName))
			.allSatisfy((name) -> assertThat(name).hasSizeLessThanOrEqualTo(DestinationResponse.MAX_NAME));
		for (Class<?> request : Arrays.stream(DestinationType.values()).map(DestinationType::record).toList()) {
			assertFieldsFit(request);
			Arrays.stream(request.getRecordComponents())
				.filter((component) -> component.getType().isRecord())
				.forEach((credentials) -> assertFieldsFit(credentials.getType()));
		}
	}

	private static void assertFieldsFit(Class<?> record) {
		assertThat(record.getRecordComponents()).as(record.getSimpleName())
			.hasSizeLessThanOrEqualTo(DestinationResponse.MAX_FIELDS)
			.allSatisfy((component) -> assertThat(component.getName())
				.hasSizeLessThanOrEqualTo(DestinationResponse.MAX_NAME));
	}

}
