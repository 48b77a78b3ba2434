package com.acme.aepexport.adobe;

/**
 * One RFC 6902 operation of a {@code PATCH /flows/{id}} (or
 * {@code /targetConnections/{id}}) body. Adobe's tutorial writes {@code "ADD"}; the API
 * reference and RFC 6902 write {@code "add"}, which we send.
 */
record PatchOperation(String op, String path, Object value) {

	public static PatchOperation add(String path, Object value) {
		return new PatchOperation("add", path, value);
	}

	public static PatchOperation replace(String path, Object value) {
		return new PatchOperation("replace", path, value);
	}

	/**
	 * Adobe's reference requires a {@code value} on every operation, even {@code remove};
	 * its own example sends an empty one of the removed item's shape.
	 */
	public static PatchOperation remove(String path, Object emptyValue) {
		return new PatchOperation("remove", path, emptyValue);
	}

}
