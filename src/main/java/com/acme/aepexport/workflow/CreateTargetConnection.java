package com.acme.aepexport.workflow;

import com.acme.aepexport.adobe.Deletion;
import com.acme.aepexport.adobe.Sandbox;
import java.util.Optional;

import org.springframework.stereotype.Component;

import com.acme.aepexport.adobe.FlowServiceClient;
import com.acme.aepexport.adobe.SpecRef;
import com.acme.aepexport.adobe.TargetConnectionRequest;
import com.acme.aepexport.adobe.TargetConnectionRequest.Params;
import com.acme.aepexport.export.Destination;
import com.acme.aepexport.export.EntityRef;
import com.acme.aepexport.export.ExportSpec;
import com.acme.aepexport.export.ExportSpec.FileSettings;
import com.acme.aepexport.export.StepName;

/**
 * Tells Adobe where the files land (each destination names its location fields its own
 * way) and what they look like: format, CSV options, compression.
 */
@Component
class CreateTargetConnection implements Step.Creates {

	/** What the entity is called in Adobe, after the export's name. */
	static final String ENTITY = "target connection";

	private final FlowServiceClient flowService;

	private final DestinationCatalog catalog;

	CreateTargetConnection(FlowServiceClient flowService, DestinationCatalog catalog) {
		this.flowService = flowService;
		this.catalog = catalog;
	}

	@Override
	public StepName name() {
		return StepName.TARGET_CONNECTION;
	}

	@Override
	public EntityRef run(StepContext context) {
		ExportSpec spec = context.spec();
		String name = context.entityName(ENTITY);
		TargetConnectionRequest request = new TargetConnectionRequest(name, context.description(ENTITY),
				context.ref(StepName.BASE_CONNECTION).id(), params(spec.destination(), spec.file()),
				SpecRef.of(this.catalog.entry(spec.destination().type()).connectionSpecId()));
		return context.createOnce(() -> find(context),
				() -> StepContext.flowServiceRef(this.flowService.createTargetConnection(context.sandbox(), request)));
	}

	@Override
	public Optional<EntityRef> find(StepContext context) {
		return this.flowService
			.findTargetConnection(context.sandbox(), context.ref(StepName.BASE_CONNECTION).id(),
					context.namesToFind(ENTITY))
			.map(StepContext::flowServiceRef);
	}

	@Override
	public Deletion delete(Sandbox sandbox, String id) {
		return this.flowService.deleteTargetConnection(sandbox, id);
	}

	/** Our name of a target {@code params} field, for a caller to fix. */
	static String ourField(String adobeProperty) {
		String[] parts = adobeProperty.split("\\.", 2);
		return switch (parts[0]) {
			case "", "mode" -> "destination";
			case "bucketName" -> "destination.bucket";
			case "remotePath" -> "destination.path";
			case "fileType" -> "file.format";
			case "compression" -> "file.compression";
			case "csvOptions" -> (parts.length > 1) ? "file.csv." + parts[1] : "file.csv";
			default -> "destination." + adobeProperty;
		};
	}

	static Params params(Destination destination, FileSettings file) {
		String mode = Params.SERVER_TO_SERVER;
		String fileType = file.format().name();
		String compression = file.compression().name();
		TargetConnectionRequest.CsvOptions csv = csvOptions(file);
		return switch (destination) {
			case Destination.AmazonS3 s3 ->
				new Params(mode, s3.bucket(), null, s3.path(), null, fileType, compression, csv);
			case Destination.GoogleCloudStorage gcs ->
				new Params(mode, gcs.bucket(), null, gcs.path(), null, fileType, compression, csv);
			case Destination.AzureBlob blob ->
				new Params(mode, null, blob.container(), blob.path(), null, fileType, compression, csv);
			case Destination.AdlsGen2 adls ->
				new Params(mode, null, null, adls.path(), null, fileType, compression, csv);
			case Destination.DataLandingZone dlz ->
				new Params(mode, null, null, dlz.path(), null, fileType, compression, csv);
			case Destination.Sftp sftp -> new Params(mode, null, null, null, sftp.path(), fileType, compression, csv);
		};
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
