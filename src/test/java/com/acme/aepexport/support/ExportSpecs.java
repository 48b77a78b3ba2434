package com.acme.aepexport.support;

import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;

import com.acme.aepexport.export.Credentials;
import com.acme.aepexport.export.Destination;
import com.acme.aepexport.export.ExportSpec;
import com.acme.aepexport.export.ExportSpec.Audience;
import com.acme.aepexport.export.ExportSpec.Compression;
import com.acme.aepexport.export.ExportSpec.ExportMode;
import com.acme.aepexport.export.ExportSpec.FieldMapping;
import com.acme.aepexport.export.ExportSpec.FileFormat;
import com.acme.aepexport.export.ExportSpec.FileSettings;
import com.acme.aepexport.export.ExportSpec.Frequency;
import com.acme.aepexport.export.ExportSpec.Schedule;
import com.acme.aepexport.export.ExportSpec.Trigger;

/**
 * Export specs for tests, with the values of the Amazon S3 Swagger example.
 */
public final class ExportSpecs {

	public static final Schedule DAILY_AT_23 = new Schedule(ExportMode.DAILY_FULL_EXPORT, Frequency.DAILY,
			Trigger.SCHEDULED, LocalDate.parse("2026-12-01"), null, LocalTime.of(23, 0));

	private ExportSpecs() {
	}

	public static ExportSpec amazonS3() {
		return amazonS3(null);
	}

	/** With the credentials a caller sends, as a new export's spec has them. */
	public static ExportSpec amazonS3(Credentials.AccessKey credentials) {
		return new ExportSpec("churn-risk-weekly", "prod",
				new Destination.AmazonS3("acme-audiences", "exports/churn", credentials),
				new FileSettings(FileFormat.CSV, Compression.GZIP, null, null),
				List.of(new Audience("979558ae-a8ba-4e6e-b6ba-95c0a523b44a", "Churn risk", null, DAILY_AT_23)),
				List.of(new FieldMapping("person.name.firstName", "firstName")), List.of(), List.of());
	}

}
