package com.acme.aepexport.export;

/**
 * A request to export, as accepted: who asked, the spec, and the credentials that go with
 * its destination.
 *
 * @param owner the caller (a token's subject); only they, or an admin, see the export
 */
public record NewExport(String owner, ExportSpec spec, Credentials credentials) {

	public NewExport {
		if (owner == null || owner.isBlank()) {
			throw new IllegalArgumentException("an export needs an owner");
		}
		if (!fits(spec.destination(), credentials)) {
			throw new IllegalArgumentException(credentials.getClass().getSimpleName() + " do not fit a "
					+ spec.destination().type() + " destination");
		}
	}

	public NewExport withSpec(ExportSpec spec) {
		return new NewExport(this.owner, spec, this.credentials);
	}

	private static boolean fits(Destination destination, Credentials credentials) {
		return switch (destination) {
			case Destination.AmazonS3 s3 -> credentials instanceof Credentials.AccessKey;
			case Destination.GoogleCloudStorage gcs -> credentials instanceof Credentials.AccessKey;
			case Destination.AzureBlob blob -> credentials instanceof Credentials.ConnectionString;
			case Destination.AdlsGen2 adls -> credentials instanceof Credentials.ServicePrincipal;
			case Destination.DataLandingZone dlz -> credentials instanceof Credentials.None;
			case Destination.Sftp sftp ->
				credentials instanceof Credentials.SftpPassword || credentials instanceof Credentials.SftpSshKey;
		};
	}

}
