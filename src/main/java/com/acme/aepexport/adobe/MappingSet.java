package com.acme.aepexport.adobe;

import java.util.List;

import com.acme.aepexport.export.ExportSpec;

/**
 * A mapping set as Data Prep holds it ({@code GET /mappingSets/{id}}), read for an export
 * that adopts a dataflow built elsewhere: its version, the schemas it maps between, and
 * its mappings in an export's terms.
 *
 * @param inputSchema the schema it maps from, or {@code null} when Data Prep names none
 * @param outputSchema the schema it maps to, or {@code null} likewise
 * @param mapping each mapping that names a source and a destination, as an export's field
 * mapping (whatever its source type)
 */
public record MappingSet(DataPrepRef ref, DataPrepRef inputSchema, DataPrepRef outputSchema,
		List<ExportSpec.FieldMapping> mapping) {

	public MappingSet {
		mapping = List.copyOf(mapping);
	}

}
