package com.acme.aepexport.adobe;

import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;

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
			case Credentials.SftpPassword sftp -> new Auth("SFTP with Password",
					new BaseConnectionRequest.SftpPassword(sftp.domain(), sftp.username(), sftp.password()));
			case Credentials.SftpSshKey sftp -> new Auth("SFTP with SSH Key",
					new BaseConnectionRequest.SftpSshKey(sftp.domain(), sftp.username(), sftp.sshKey()));
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

	private static TargetConnectionRequest.CsvOptions csvOptions(FileSettings file) {
		if (file.format() != ExportSpec.FileFormat.CSV || file.csv() == null) {
			return null;
		}
		ExportSpec.CsvOptions csv = file.csv();
		return new TargetConnectionRequest.CsvOptions(csv.delimiter(), csv.quote(), csv.escape(), csv.nullValue(),
				csv.emptyValue());
	}

}
