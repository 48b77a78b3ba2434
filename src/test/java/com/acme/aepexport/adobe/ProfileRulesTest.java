package com.acme.aepexport.adobe;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.io.ClassPathResource;

import com.acme.aepexport.adobe.ConnectionSpecRules.Violation;
import com.acme.aepexport.export.ExportSpec;
import com.acme.aepexport.support.ExportSpecs;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What an export names of a sandbox's profiles, against the emulator's union schema and
 * identity namespaces (shaped as Adobe answers them).
 */
class ProfileRulesTest {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final JsonNode UNION = resource("emulator/profile-union-schema.json");

	private static final List<IdentityNamespace> NAMESPACES = List
		.of(JSON.treeToValue(resource("emulator/identity-namespaces.json"), IdentityNamespace[].class));

	@Test
	void fieldsOfTheUnionSchemaAndActiveNamespacesPass() {
		ExportSpec spec = spec(
				List.of(new ExportSpec.FieldMapping("person.name.firstName", "firstName"),
						new ExportSpec.FieldMapping("identityMap.Phone_E//.164", "phone"),
						new ExportSpec.FieldMapping("loyalty.tier", "tier")),
				List.of("GAID", "personalEmail.address", "identityMap.Email"),
				List.of(new ExportSpec.IdentityKey("Phone_E.164"), new ExportSpec.AttributeKey("homeAddress.city")));

		assertThat(ProfileRules.violations(UNION, NAMESPACES, spec)).isEmpty();
	}

	@Test
	void whatTheSandboxLacksIsNamedAsTheCallerWroteIt() {
		ExportSpec spec = spec(
				List.of(new ExportSpec.FieldMapping("person.name.middleName", "middleName"),
						new ExportSpec.FieldMapping("identityMap.Fax", "fax"),
						new ExportSpec.FieldMapping("person.name.firstName.initial", "initial")),
				List.of("Email", "loyalty.status"),
				List.of(new ExportSpec.IdentityKey("email"), new ExportSpec.AttributeKey("homeAddress.street")));

		List<Violation> violations = ProfileRules.violations(UNION, NAMESPACES, spec);

		assertThat(violations).extracting(Violation::property)
			.containsExactly("mapping[0].source", "mapping[1].source", "mapping[2].source",
					"deduplicationKeys[0].identityNamespace", "deduplicationKeys[1].attribute", "mandatoryFields[1]");
		assertThat(violations.get(0).message()).contains("person.name has no field middleName");
		assertThat(violations.get(1).message()).contains("Fax", "no identity namespace of sandbox prod");
		assertThat(violations.get(2).message()).contains("person.name.firstName has no field initial");
		assertThat(violations.get(3).message()).contains("case-sensitive: Email?");
		assertThat(violations.get(5).message()).contains("neither an identity namespace", "nor a field");
	}

	@Test
	void anInactiveNamespaceIsRefused() {
		List<IdentityNamespace> namespaces = List.of(new IdentityNamespace("Fax", "Fax", "DISABLED", "Phone"));

		assertThat(ProfileRules.violations(UNION, namespaces,
				spec(List.of(new ExportSpec.FieldMapping("identityMap.Fax", "fax")), List.of(), List.of())))
			.extracting(Violation::message)
			.singleElement()
			.asString()
			.contains("not active");
	}

	@Test
	void whatItCannotFollowOrCouldNotReadPasses() {
		ExportSpec spec = spec(List.of(new ExportSpec.FieldMapping("segmentMembership.ups.anything", "member"),
				new ExportSpec.FieldMapping("identityMap.Fax", "fax"), new ExportSpec.FieldMapping("_acme.x", "x")),
				List.of("nothing.known"), List.of());
		JsonNode referring = JSON.readTree(
				"""
						{"type": "object", "properties": {"segmentMembership": {"type": "object",
						 "additionalProperties": {"type": "object"}}}, "allOf": [{"$ref": "https://ns.adobe.com/acme/mixins/x"}]}""");

		assertThat(ProfileRules.violations(null, null, spec)).as("nothing read").isEmpty();
		assertThat(ProfileRules.violations(UNION, null, spec)).as("namespaces not read")
			.extracting(Violation::property)
			.containsExactly("mapping[2].source");
		assertThat(ProfileRules.violations(referring, NAMESPACES, spec)).as("a schema composed of others")
			.extracting(Violation::property)
			.containsExactly("mapping[1].source");
	}

	private static ExportSpec spec(List<ExportSpec.FieldMapping> mapping, List<String> mandatoryFields,
			List<ExportSpec.DeduplicationKey> keys) {
		ExportSpec s3 = ExportSpecs.amazonS3();
		return new ExportSpec(s3.name(), s3.sandbox(), s3.destination(), s3.file(), s3.audiences(), mapping,
				mandatoryFields, keys);
	}

	private static JsonNode resource(String path) {
		try (InputStream body = new ClassPathResource(path).getInputStream()) {
			return JSON.readTree(body);
		}
		catch (IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
	}

}
