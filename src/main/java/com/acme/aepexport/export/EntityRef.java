package com.acme.aepexport.export;

/**
 * What a step keeps of the Adobe entity it created or changed. Flow Service entities have
 * an etag (a quoted string, kept with its quotes); Data Prep entities have an integer
 * version instead. A step that only reads keeps the id of what it read, or nothing.
 */
public record EntityRef(String id, String etag, Integer version) {

	public static EntityRef flowService(String id, String etag) {
		return new EntityRef(id, etag, null);
	}

	public static EntityRef dataPrep(String id, int version) {
		return new EntityRef(id, null, version);
	}

	public static EntityRef read(String id) {
		return new EntityRef(id, null, null);
	}

	public static EntityRef none() {
		return new EntityRef(null, null, null);
	}

}
