package com.acme.aepexport.adobe;

/**
 * An identity namespace of the sandbox ({@code GET /data/core/idnamespace/identities}).
 */
public record IdentityNamespace(String code, String name, String status, String idType) {

	public boolean isActive() {
		return this.status == null || "ACTIVE".equalsIgnoreCase(this.status);
	}

}
