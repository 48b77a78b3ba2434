package com.acme.aepexport.support;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;

import com.acme.aepexport.emulator.AdobeEmulator;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The entities an export creates in Adobe, one per create step, each named
 * {@code <export name, letters and digits only>_<what>_<export id>}; and what the
 * emulator holds of them.
 */
public final class AdobeCreates {

	/** Every create step: its name, the emulator's collection, and what the entity is. */
	public static final List<Create> ALL = List.of(
			new Create("SOURCE_CONNECTION", "sourceConnections", "source connection"),
			new Create("BASE_CONNECTION", "connections", "base connection"),
			new Create("TARGET_CONNECTION", "targetConnections", "target connection"),
			new Create("DATAFLOW", "flows", "dataflow"), new Create("INPUT_SCHEMA", "schemas", "input schema"),
			new Create("OUTPUT_SCHEMA", "schemas", "output schema"),
			new Create("MAPPING_SET", "mappingSets", "mapping set"));

	private AdobeCreates() {
	}

	/** The create of this step. */
	public static Create of(String step) {
		return ALL.stream()
			.filter((create) -> create.step().equals(step))
			.findFirst()
			.orElseThrow(() -> new IllegalArgumentException("No create step " + step));
	}

	/**
	 * The entity's name in Adobe: only letters, digits, '-' and '_', whatever the
	 * export's name holds, so that no Adobe filter misreads it.
	 */
	public static String entityName(String exportName, String exportId, Create create) {
		return entityName(exportName, exportId, create.what());
	}

	/** The same, for the entity {@code what} (e.g. {@code base connection}). */
	public static String entityName(String exportName, String exportId, String what) {
		String readable = exportName.replaceAll("[^A-Za-z0-9]+", "-").replaceAll("^-+|-+$", "");
		readable = (readable.length() > 60) ? readable.substring(0, 60).replaceAll("-+$", "") : readable;
		return (readable.isEmpty() ? "export" : readable) + "_" + what.replace(' ', '-') + "_" + exportId;
	}

	/** How many entities of each create the emulator holds for the export, by step. */
	public static Map<String, Long> counts(AdobeEmulator emulator, String exportName, String exportId) {
		Map<String, Long> counts = new LinkedHashMap<>();
		for (Create create : ALL) {
			String name = entityName(exportName, exportId, create);
			counts.put(create.step(),
					emulator.entities(create.collection())
						.stream()
						.filter((entity) -> entity.path("name").asString().equals(name))
						.count());
		}
		return counts;
	}

	/** The id of the one entity of this create the emulator holds for the export. */
	public static String onlyId(AdobeEmulator emulator, String exportName, String exportId, Create create) {
		String name = entityName(exportName, exportId, create);
		List<JsonNode> found = emulator.entities(create.collection())
			.stream()
			.filter((entity) -> entity.path("name").asString().equals(name))
			.toList();
		assertThat(found).as("entities named '%s'", name).hasSize(1);
		return found.getFirst().path("id").asString();
	}

	/**
	 * A SUCCEEDED export: Adobe holds exactly one entity per create, the one the step
	 * stored.
	 */
	public static void assertEachCreatedOnce(AdobeEmulator emulator, JsonNode export) {
		String exportName = export.path("name").asString();
		String exportId = export.path("id").asString();
		for (Create create : ALL) {
			String stored = ExportsClient.step(export, create.step()).path("entityId").asString();
			assertThat(onlyId(emulator, exportName, exportId, create)).as("%s of export %s", create.step(), exportId)
				.isEqualTo(stored);
		}
	}

	/** Any export: Adobe holds at most one entity per create. */
	public static void assertNoneCreatedTwice(AdobeEmulator emulator, JsonNode export) {
		Map<String, Long> counts = counts(emulator, export.path("name").asString(), export.path("id").asString());
		assertThat(counts.values()).as("entities per create of export %s: %s", export.path("id").asString(), counts)
			.allMatch((count) -> count <= 1);
	}

	/**
	 * @param step the export step that creates it
	 * @param collection the emulator's collection
	 * @param what how the entity's name calls it
	 */
	public record Create(String step, String collection, String what) {

	}

}
