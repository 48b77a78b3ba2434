package com.acme.aepexport.export;

import java.util.Map;

import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Credentials as the vault seals them: their fields under the {@code kind} they are. SFTP
 * is stored as the kind it is, {@code SFTP_PASSWORD} or {@code SFTP_SSH_KEY}, as before
 * both were one record: rows sealed before still open, and rows sealed now open in an
 * instance that predates it.
 */
final class CredentialKinds {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final String KIND = "kind";

	private static final Map<String, Class<? extends Credentials>> BY_KIND = Map.of("ACCESS_KEY",
			Credentials.AccessKey.class, "CONNECTION_STRING", Credentials.ConnectionString.class, "SERVICE_PRINCIPAL",
			Credentials.ServicePrincipal.class, "SFTP_PASSWORD", Credentials.Sftp.class, "SFTP_SSH_KEY",
			Credentials.Sftp.class, "NONE", Credentials.None.class);

	private CredentialKinds() {
	}

	static byte[] write(Credentials credentials) {
		ObjectNode json = JSON.createObjectNode().put(KIND, kind(credentials));
		json.setAll((ObjectNode) JSON.valueToTree(credentials));
		return JSON.writeValueAsBytes(json);
	}

	static Credentials read(byte[] sealed) {
		ObjectNode json = (ObjectNode) JSON.readTree(sealed);
		String kind = json.remove(KIND).asString();
		Class<? extends Credentials> type = BY_KIND.get(kind);
		if (type == null) {
			throw new IllegalStateException("Credentials of an unknown kind '" + kind + "'");
		}
		return JSON.treeToValue(json, type);
	}

	private static String kind(Credentials credentials) {
		return switch (credentials) {
			case Credentials.AccessKey key -> "ACCESS_KEY";
			case Credentials.ConnectionString azure -> "CONNECTION_STRING";
			case Credentials.ServicePrincipal principal -> "SERVICE_PRINCIPAL";
			case Credentials.Sftp sftp -> sftp.usesSshKey() ? "SFTP_SSH_KEY" : "SFTP_PASSWORD";
			case Credentials.None none -> "NONE";
		};
	}

}
