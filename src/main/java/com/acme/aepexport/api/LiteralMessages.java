package com.acme.aepexport.api;

/**
 * Bean Validation reads braces, dollars and backslashes in a message as expressions; a
 * message built from data is escaped first.
 */
final class LiteralMessages {

	private LiteralMessages() {
	}

	static String literal(String message) {
		return message.replace("\\", "\\\\").replace("{", "\\{").replace("}", "\\}").replace("$", "\\$");
	}

}
