package com.acme.aepexport.adobe;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;

import com.acme.aepexport.adobe.BaseConnectionRequest.Auth;
import com.acme.aepexport.adobe.TargetConnectionRequest.Params;
import com.acme.aepexport.export.Credentials;
import com.acme.aepexport.export.Destination;
import com.acme.aepexport.export.DestinationType;
import com.acme.aepexport.export.ExportSpec;
import com.acme.aepexport.export.ExportSpec.Audience;
import com.acme.aepexport.export.ExportSpec.ExportMode;
import com.acme.aepexport.export.ExportSpec.FileSettings;
import com.acme.aepexport.export.ExportSpec.Schedule;
import com.acme.aepexport.export.ExportSpec.Trigger;

/**
 * An export's spec in the terms of Adobe's API, both ways: credentials as an auth spec's
 * params, a destination and its file settings as a target spec's params, audiences as
 * segment selectors, deduplication keys as primary fields; and the name of one of Adobe's
 * fields as the request field a caller fixes. Pure functions, used by the clients' intent
 * methods and by the check of a request against the live connection spec: the only place
 * where an export's words become Adobe's.
 */
final class AdobeTerms {

	private static final DateTimeFormatter HOUR = DateTimeFormatter.ofPattern("HH:mm");

	/** Adobe's names of credential fields that we name otherwise. */
	private static final Map<String, String> OUR_CREDENTIAL_NAMES = Map.of("s3AccessKey", "accessKeyId", "s3SecretKey",
			"secretAccessKey");

	private AdobeTerms() {
	}

	/**
	 * Our credential fields in Adobe's spelling, under the name of the matching auth
	 * spec.
	 */
	static Auth auth(DestinationType type, Credentials credentials) {
		return switch (credentials) {
			case Credentials.AccessKey key when type == DestinationType.GOOGLE_CLOUD_STORAGE ->
				new Auth("Google Cloud Storage authentication credentials",
						new BaseConnectionRequest.GcsAccessKey(key.accessKeyId(), key.secretAccessKey()));
			case Credentials.AccessKey key ->
				new Auth("Access Key", new BaseConnectionRequest.S3AccessKey(key.accessKeyId(), key.secretAccessKey()));
			case Credentials.ConnectionString azure ->
				new Auth("ConnectionString", new BaseConnectionRequest.AzureConnectionString(azure.connectionString()));
			case Credentials.ServicePrincipal principal -> new Auth("Azure Service Principal Auth",
					new BaseConnectionRequest.AzureServicePrincipal(principal.url(), principal.servicePrincipalId(),
							principal.servicePrincipalKey(), principal.tenant()));
			case Credentials.Sftp sftp when sftp.usesSshKey() -> new Auth("SFTP with SSH Key",
					new BaseConnectionRequest.SftpSshKey(sftp.domain(), sftp.username(), sftp.sshKey()));
			case Credentials.Sftp sftp -> new Auth("SFTP with Password",
					new BaseConnectionRequest.SftpPassword(sftp.domain(), sftp.username(), sftp.password()));
			case Credentials.None none -> null;
		};
	}

	/** Our name of an {@code auth.params} field, for a caller to fix. */
	static String credentialField(String adobeProperty) {
		return adobeProperty.isEmpty() ? "destination.credentials"
				: "destination.credentials." + OUR_CREDENTIAL_NAMES.getOrDefault(adobeProperty, adobeProperty);
	}

	/** Where and how files are written, as a target connection's params. */
	static Params params(Destination destination, FileSettings file) {
		String mode = Params.SERVER_TO_SERVER;
		String fileType = file.format().name();
		String compression = file.compression().name();
		TargetConnectionRequest.CsvOptions csv = csvOptions(file);
		// Sent only when asked for: an export without a manifest sends what it always
		// did.
		Boolean manifest = file.manifest() ? Boolean.TRUE : null;
		return switch (destination) {
			case Destination.AmazonS3 s3 ->
				new Params(mode, s3.bucket(), null, s3.path(), null, fileType, compression, csv, manifest);
			case Destination.GoogleCloudStorage gcs ->
				new Params(mode, gcs.bucket(), null, gcs.path(), null, fileType, compression, csv, manifest);
			case Destination.AzureBlob blob ->
				new Params(mode, null, blob.container(), blob.path(), null, fileType, compression, csv, manifest);
			case Destination.AdlsGen2 adls ->
				new Params(mode, null, null, adls.path(), null, fileType, compression, csv, manifest);
			case Destination.DataLandingZone dlz ->
				new Params(mode, null, null, dlz.path(), null, fileType, compression, csv, manifest);
			case Destination.Sftp sftp ->
				new Params(mode, null, null, null, sftp.path(), fileType, compression, csv, manifest);
		};
	}

	/** Adobe's name of the target connection parameter that asks for a manifest file. */
	static final String FILE_MANIFEST = "includeFileManifest";

	/** Our name of a target {@code params} field, for a caller to fix. */
	static String targetField(String adobeProperty) {
		String[] parts = adobeProperty.split("\\.", 2);
		return switch (parts[0]) {
			case "", "mode" -> "destination";
			case "bucketName" -> "destination.bucket";
			case "remotePath" -> "destination.path";
			case "fileType" -> "file.format";
			case "compression" -> "file.compression";
			case FILE_MANIFEST -> "file.manifest";
			case "csvOptions" -> (parts.length > 1) ? "file.csv." + parts[1] : "file.csv";
			default -> "destination." + adobeProperty;
		};
	}

	/** The export's audiences as segment selectors, each with its own schedule. */
	static List<SegmentSelector.Value> selectors(List<Audience> audiences) {
		return audiences.stream().map(AdobeTerms::selector).toList();
	}

	static SegmentSelector.Value selector(Audience audience) {
		Schedule schedule = audience.schedule();
		return new SegmentSelector.Value(audience.id(), audience.name(), audience.filenameTemplate(),
				schedule.exportMode().name(), schedule(schedule));
	}

	/** Our deduplication keys as Adobe's primary fields. */
	static List<PrimaryField> primaryFields(List<ExportSpec.DeduplicationKey> keys) {
		return keys.stream().map((key) -> switch (key) {
			case ExportSpec.IdentityKey identity -> PrimaryField.identity(identity.identityNamespace());
			case ExportSpec.AttributeKey attribute -> PrimaryField.attribute(attribute.attribute());
		}).toList();
	}

	/**
	 * Adobe's trigger type exists for full exports only; {@code startTime} goes with a
	 * scheduled trigger and is left out after segment evaluation.
	 */
	private static SegmentSelector.Schedule schedule(Schedule schedule) {
		boolean full = schedule.exportMode() == ExportMode.DAILY_FULL_EXPORT;
		Trigger trigger = full ? schedule.trigger() : null;
		String triggerType = (trigger == null) ? null : switch (trigger) {
			case SCHEDULED -> "SCHEDULED";
			case AFTER_SEGMENT_EVALUATION -> "AFTER_SEGMENT_EVAL";
		};
		String startTime = (trigger == Trigger.AFTER_SEGMENT_EVALUATION || schedule.startTime() == null) ? null
				: schedule.startTime().format(HOUR);
		return new SegmentSelector.Schedule(schedule.frequency().name(), triggerType, schedule.startDate().toString(),
				(schedule.endDate() != null) ? schedule.endDate().toString() : null, startTime);
	}

	/*
	 * The other way, for an export that adopts a dataflow built elsewhere: Adobe's words
	 * read back as an export's. What an export cannot hold is reported, never guessed.
	 */

	/**
	 * A target connection's {@code params} as the destination of an export of that type;
	 * a location field Adobe leaves out is {@code null}.
	 */
	static Destination destination(DestinationType type, JsonNode params) {
		String path = JsonValues.text(params.path("path"));
		// Adobe never answers credentials: an adopted export holds none.
		return switch (type) {
			case AMAZON_S3 -> new Destination.AmazonS3(JsonValues.text(params.path("bucketName")), path, null);
			case GOOGLE_CLOUD_STORAGE ->
				new Destination.GoogleCloudStorage(JsonValues.text(params.path("bucketName")), path, null);
			case AZURE_BLOB -> new Destination.AzureBlob(JsonValues.text(params.path("container")), path, null);
			case ADLS_GEN2 -> new Destination.AdlsGen2(path, null);
			case DATA_LANDING_ZONE -> new Destination.DataLandingZone(path);
			case SFTP -> new Destination.Sftp(JsonValues.text(params.path("remotePath")), null);
		};
	}

	/**
	 * A target connection's file type, compression and CSV options; one Adobe leaves out,
	 * or gives a value an export does not know, is {@code null} (nothing is sent from
	 * them: an adopted export's target connection exists). CSV options are kept as Adobe
	 * holds them: its own values, as an export stores them.
	 */
	static FileSettings file(JsonNode params, String pgpPublicKey) {
		ExportSpec.FileFormat format = value(ExportSpec.FileFormat.class, string(params.path("fileType")));
		ExportSpec.Compression compression = value(ExportSpec.Compression.class, string(params.path("compression")));
		JsonNode csv = params.path("csvOptions");
		ExportSpec.CsvOptions options = (format == ExportSpec.FileFormat.CSV && csv.isObject())
				? new ExportSpec.CsvOptions(string(csv.path("delimiter")), string(csv.path("quote")),
						string(csv.path("escape")), string(csv.path("nullValue")), string(csv.path("emptyValue")))
				: null;
		return new FileSettings(format, compression, options, pgpPublicKey, writesFileManifest(params));
	}

	/**
	 * Whether a target connection's {@code params} have Adobe write a manifest file per
	 * run: Adobe's example writes a boolean; a {@code "true"} read back as text means the
	 * same, anything else (absent, null) that it does not.
	 */
	static boolean writesFileManifest(JsonNode params) {
		JsonNode manifest = params.path(FILE_MANIFEST);
		return manifest.isBoolean() ? manifest.booleanValue()
				: manifest.isString() && "true".equalsIgnoreCase(manifest.stringValue());
	}

	/**
	 * A segment selector as an export's audience. Its export mode, frequency and start
	 * date are required, and must be values an export offers (DEST-REF's example
	 * {@code frequency: CHAINED} is not); a trigger type is kept for full exports only,
	 * as one is sent (row 25 of docs/adobe-deviations.md).
	 * @param field where the selector is in the flow, for what is reported
	 * @return the audience, or {@code null} when it cannot be held (and why is reported)
	 */
	static Audience audience(SegmentSelector selector, String field, List<UnsupportedValue> unsupported) {
		SegmentSelector.Value value = (selector != null) ? selector.value() : null;
		if (value == null || value.id() == null || value.id().isBlank()) {
			unsupported.add(new UnsupportedValue(field + ".value.id", "is missing: a selector without an audience"));
			return null;
		}
		int before = unsupported.size();
		String at = field + ".value";
		ExportMode mode = known(ExportMode.class, value.exportMode(), at + ".exportMode", unsupported);
		SegmentSelector.Schedule schedule = value.schedule();
		if (schedule == null) {
			unsupported.add(new UnsupportedValue(at + ".schedule", "is missing"));
			return null;
		}
		ExportSpec.Frequency frequency = known(ExportSpec.Frequency.class, schedule.frequency(),
				at + ".schedule.frequency", unsupported);
		LocalDate startDate = date(schedule.startDate(), at + ".schedule.startDate", true, unsupported);
		LocalDate endDate = date(schedule.endDate(), at + ".schedule.endDate", false, unsupported);
		Trigger trigger = null;
		if (mode == ExportMode.DAILY_FULL_EXPORT && schedule.triggerType() != null) {
			trigger = switch (schedule.triggerType()) {
				case "SCHEDULED" -> Trigger.SCHEDULED;
				case "AFTER_SEGMENT_EVAL" -> Trigger.AFTER_SEGMENT_EVALUATION;
				default -> {
					unsupported.add(new UnsupportedValue(at + ".schedule.triggerType",
							"is " + schedule.triggerType() + ", not SCHEDULED or AFTER_SEGMENT_EVAL"));
					yield null;
				}
			};
		}
		LocalTime startTime = null;
		if (trigger != Trigger.AFTER_SEGMENT_EVALUATION && schedule.startTime() != null) {
			try {
				startTime = LocalTime.parse(schedule.startTime());
			}
			catch (DateTimeParseException ex) {
				unsupported.add(new UnsupportedValue(at + ".schedule.startTime",
						"is " + schedule.startTime() + ", not a time of day (HH:mm)"));
			}
		}
		if (unsupported.size() > before) {
			return null;
		}
		return new Audience(value.id(), value.name(), value.filenameTemplate(),
				new Schedule(mode, frequency, trigger, startDate, endDate, startTime));
	}

	/** A primary field as an export's deduplication key. */
	static ExportSpec.DeduplicationKey key(PrimaryField field, String at, List<UnsupportedValue> unsupported) {
		if (field != null && "IDENTITY".equals(field.fieldType()) && field.identityNamespace() != null) {
			return new ExportSpec.IdentityKey(field.identityNamespace());
		}
		if (field != null && "ATTRIBUTE".equals(field.fieldType()) && field.attributePath() != null) {
			return new ExportSpec.AttributeKey(field.attributePath());
		}
		unsupported.add(new UnsupportedValue(at,
				"is neither an IDENTITY with an identityNamespace nor an ATTRIBUTE with an attributePath"));
		return null;
	}

	/**
	 * A mapping of Adobe's as an export's field mapping: an identity namespace's escaped
	 * dots ({@code identityMap.Phone_E//.164}) read as the caller writes them.
	 */
	static ExportSpec.FieldMapping mapping(String source, String destination) {
		String unescaped = source.startsWith("identityMap.") ? source.replace("//.", ".") : source;
		return new ExportSpec.FieldMapping(unescaped, destination);
	}

	/** Adobe's word as one of ours, or {@code null}. */
	private static <E extends Enum<E>> E value(Class<E> type, String value) {
		for (E constant : type.getEnumConstants()) {
			if (constant.name().equals(value)) {
				return constant;
			}
		}
		return null;
	}

	/** Adobe's word as one of ours, or {@code null} reporting it. */
	private static <E extends Enum<E>> E known(Class<E> type, String value, String field,
			List<UnsupportedValue> unsupported) {
		E known = value(type, value);
		if (known != null) {
			return known;
		}
		unsupported.add(new UnsupportedValue(field,
				((value == null) ? "is missing" : "is " + value) + ", not one of " + List.of(type.getEnumConstants())));
		return null;
	}

	private static LocalDate date(String text, String field, boolean required, List<UnsupportedValue> unsupported) {
		if (text == null || text.isBlank()) {
			if (required) {
				unsupported.add(new UnsupportedValue(field, "is missing"));
			}
			return null;
		}
		try {
			return LocalDate.parse(text);
		}
		catch (DateTimeParseException ex) {
			unsupported.add(new UnsupportedValue(field, "is " + text + ", not a date (YYYY-MM-DD)"));
			return null;
		}
	}

	/** A string as it is, the empty one included (a CSV option may be {@code ""}). */
	private static String string(JsonNode node) {
		return node.isString() ? node.stringValue() : null;
	}

	private static TargetConnectionRequest.CsvOptions csvOptions(FileSettings file) {
		if (file.format() != ExportSpec.FileFormat.CSV || file.csv() == null) {
			return null;
		}
		ExportSpec.CsvOptions csv = file.csv();
		return new TargetConnectionRequest.CsvOptions(csv.delimiter(), csv.quote(), csv.escape(), csv.nullValue(),
				csv.emptyValue());
	}

}
