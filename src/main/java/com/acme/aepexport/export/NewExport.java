package com.acme.aepexport.export;

/**
 * A request to export, as accepted: who asked, and the spec, whose destination carries
 * the credentials that go with it (they are stored apart, encrypted, never with the
 * spec).
 *
 * @param owner the caller (a token's subject); only they, or an admin, see the export
 */
public record NewExport(String owner, ExportSpec spec) {

	public NewExport {
		if (owner == null || owner.isBlank()) {
			throw new IllegalArgumentException("an export needs an owner");
		}
		if (spec.destination().credentials() == null) {
			throw new IllegalArgumentException("a new export needs its destination's credentials");
		}
	}

	/** The credentials of the destination, for its base connection. */
	public Credentials credentials() {
		return this.spec.destination().credentials();
	}

	public NewExport withSpec(ExportSpec spec) {
		return new NewExport(this.owner, spec);
	}

}
