package com.acme.aepexport.adobe;

import java.util.List;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code POST /conversion/schemas} with an inline JSON Schema object, as the tutorials
 * send it (Data Prep's own schema page sends a JSON-encoded string instead).
 */
record ConversionSchemaRequest(String name, JsonNode jsonSchema) {

	/**
	 * The input schema of a destination mapping: the profile union schema with one
	 * {@code identityMap.<namespace code>} property per active identity namespace, which
	 * is what mapping sources such as {@code identityMap.Email} refer to. The tutorial
	 * says to build it from those two answers without saying how they combine; this is
	 * our reading.
	 */
	public static ConversionSchemaRequest profileInput(String name, JsonNode unionSchema,
			List<IdentityNamespace> namespaces) {
		ObjectNode schema = unionSchema.isObject() ? (ObjectNode) unionSchema.deepCopy()
				: tools.jackson.databind.node.JsonNodeFactory.instance.objectNode();
		ObjectNode properties = schema.has("properties") && schema.get("properties").isObject()
				? (ObjectNode) schema.get("properties") : schema.putObject("properties");
		ObjectNode identityMap = properties.putObject("identityMap");
		identityMap.put("type", "object");
		identityMap.put("meta:xdmType", "map");
		ObjectNode identities = identityMap.putObject("properties");
		for (IdentityNamespace namespace : namespaces) {
			if (namespace.isActive() && namespace.code() != null) {
				ObjectNode identity = identities.putObject(namespace.code());
				identity.put("type", "array");
				ObjectNode item = identity.putObject("items");
				item.put("type", "object");
				ObjectNode itemProperties = item.putObject("properties");
				itemProperties.putObject("id").put("type", "string");
				itemProperties.putObject("primary").put("type", "boolean");
				itemProperties.putObject("authenticatedState").put("type", "string");
			}
		}
		if (!schema.has("type")) {
			schema.put("type", "object");
		}
		return new ConversionSchemaRequest(name, schema);
	}

}
