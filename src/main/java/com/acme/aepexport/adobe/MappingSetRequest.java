package com.acme.aepexport.adobe;

import java.util.List;
import java.util.regex.Pattern;

/**
 * {@code POST /conversion/mappingSets}: from the input schema (profile) to the output
 * schema (the destination's partner schema).
 */
record MappingSetRequest(String name, SchemaId inputSchema, SchemaId outputSchema, List<Mapping> mappings,
		String xdmVersion) {

	/**
	 * @param name Data Prep's mapping sets have one (DP-REF {@code MappingSet.name}) and
	 * can be listed by it, which is how a lost create is found again
	 */
	public static MappingSetRequest of(String name, String inputSchemaId, String outputSchemaId,
			List<Mapping> mappings) {
		return new MappingSetRequest(name, new SchemaId(inputSchemaId), new SchemaId(outputSchemaId), mappings, "1.0");
	}

	public record SchemaId(String id) {

	}

	/**
	 * @param source a profile path; a dot inside an identity namespace is escaped as
	 * {@code //.} ({@code identityMap.Phone_E//.164})
	 * @param destination the exported column; Adobe refuses dots in it
	 */
	public record Mapping(String source, String destination, String sourceType) {

		private static final String IDENTITY_MAP = "identityMap.";

		/** A dot not already escaped. */
		private static final Pattern BARE_DOT = Pattern.compile("(?<!//)\\.");

		/**
		 * Maps a profile attribute or identity; dots inside an identity namespace are
		 * escaped as Adobe requires ({@code identityMap.Phone_E.164} becomes
		 * {@code identityMap.Phone_E//.164}).
		 */
		public static Mapping attribute(String source, String destination) {
			String escaped = source;
			if (source.startsWith(IDENTITY_MAP)) {
				String namespace = source.substring(IDENTITY_MAP.length());
				escaped = IDENTITY_MAP + BARE_DOT.matcher(namespace).replaceAll("//.");
			}
			return new Mapping(escaped, destination, "ATTRIBUTE");
		}

	}

}
