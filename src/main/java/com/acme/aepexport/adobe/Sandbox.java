package com.acme.aepexport.adobe;

/**
 * The AEP sandbox a call acts in; sent as {@code x-sandbox-name}.
 */
public record Sandbox(String name) {

	public Sandbox {
		if (name == null || name.isBlank()) {
			throw new IllegalArgumentException("a sandbox needs a name");
		}
	}

}
