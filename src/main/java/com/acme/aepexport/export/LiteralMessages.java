package com.acme.aepexport.export;

/**
 * Bean Validation reads braces, dollars and backslashes in a message as expressions; a
 * message built from data is escaped first.
 */
public final class LiteralMessages {

	private LiteralMessages() {
	}

	public static String literal(String message) {
		return message.replace("\\", "\\\\").replace("{", "\\{").replace("}", "\\}").replace("$", "\\$");
	}

}
