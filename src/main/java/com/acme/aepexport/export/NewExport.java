package com.acme.aepexport.export;

/**
 * A request to export, as accepted: the spec and the credentials that go with its
 * destination.
 */
public record NewExport(ExportSpec spec, Credentials credentials) {

	public NewExport {
		if (!fits(spec.destination(), credentials)) {
			throw new IllegalArgumentException(credentials.getClass().getSimpleName() + " do not fit a "
					+ spec.destination().type() + " destination");
		}
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
