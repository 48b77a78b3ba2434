package com.acme.aepexport.workflow;

import com.acme.aepexport.adobe.Deletion;
import com.acme.aepexport.adobe.Sandbox;
import java.util.Map;
import java.util.Optional;

import org.springframework.stereotype.Component;

import com.acme.aepexport.adobe.AdobeCallFailed;
import com.acme.aepexport.adobe.BaseConnectionRequest;
import com.acme.aepexport.adobe.BaseConnectionRequest.Auth;
import com.acme.aepexport.adobe.BaseConnectionRequest.Encryption;
import com.acme.aepexport.adobe.FlowServiceClient;
import com.acme.aepexport.adobe.SpecRef;
import com.acme.aepexport.export.Credentials;
import com.acme.aepexport.export.DestinationType;
import com.acme.aepexport.export.EntityRef;
import com.acme.aepexport.export.ExportService;
import com.acme.aepexport.export.ExportSpec;
import com.acme.aepexport.export.StepName;

/**
 * Hands the destination's credentials to Adobe, with the PGP key when files are to be
 * encrypted. Once it succeeds, our copy of the credentials is deleted.
 */
@Component
class CreateBaseConnection implements Step.Creates {

	/** What the entity is called in Adobe, after the export's name. */
	static final String ENTITY = "base connection";

	private final FlowServiceClient flowService;

	private final DestinationCatalog catalog;

	private final ExportService exports;

	CreateBaseConnection(FlowServiceClient flowService, DestinationCatalog catalog, ExportService exports) {
		this.flowService = flowService;
		this.catalog = catalog;
		this.exports = exports;
	}

	@Override
	public StepName name() {
		return StepName.BASE_CONNECTION;
	}

	@Override
	public EntityRef run(StepContext context) {
		ExportSpec spec = context.spec();
		DestinationType type = spec.destination().type();
		String name = context.entityName(ENTITY);
		return context.createOnce(() -> find(context), () -> {
			Credentials credentials = this.exports.credentials(context.exportId());
			String pgpKey = spec.file().pgpPublicKey();
			try {
				return StepContext.flowServiceRef(this.flowService.createBaseConnection(context.sandbox(),
						new BaseConnectionRequest(name, context.description(ENTITY), auth(type, credentials),
								(pgpKey != null) ? Encryption.pgp(pgpKey) : null,
								SpecRef.of(this.catalog.entry(type).connectionSpecId()))));
			}
			catch (AdobeCallFailed refused) {
				// Should Adobe quote what it refuses, it stays out of our logs
				// and rows.
				throw refused.redacting(credentials.secrets());
			}
		});
	}

	@Override
	public Optional<EntityRef> find(StepContext context) {
		String specId = this.catalog.entry(context.spec().destination().type()).connectionSpecId();
		return this.flowService.findBaseConnection(context.sandbox(), specId, context.namesToFind(ENTITY))
			.map(StepContext::flowServiceRef);
	}

	@Override
	public Deletion delete(Sandbox sandbox, String id) {
		return this.flowService.deleteBaseConnection(sandbox, id);
	}

	/** Adobe's names of credential fields that we name otherwise. */
	private static final Map<String, String> OUR_NAMES = Map.of("s3AccessKey", "accessKeyId", "s3SecretKey",
			"secretAccessKey");

	/** Our name of an {@code auth.params} field, for a caller to fix. */
	static String ourField(String adobeProperty) {
		return adobeProperty.isEmpty() ? "destination.credentials"
				: "destination.credentials." + OUR_NAMES.getOrDefault(adobeProperty, adobeProperty);
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

}
