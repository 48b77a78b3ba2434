package com.acme.aepexport.export;

/**
 * The steps of an export, in the order of README's steps diagram. Which step needs which
 * is declared by the workflow's step table ({@code ExportSteps}).
 */
public enum StepName {

	/** {@code GET /connectionSpecs/{id}}: auth spec, target spec, partner schema. */
	CONNECTION_SPEC,
	/** {@code POST /sourceConnections}: the Profile Store source. */
	SOURCE_CONNECTION,
	/** {@code POST /connections}: credentials and PGP key. */
	BASE_CONNECTION,
	/**
	 * {@code POST /targetConnections}: location, file format, CSV options, compression.
	 */
	TARGET_CONNECTION,
	/** {@code POST /flows}: the dataflow with one empty {@code GeneralTransform}. */
	DATAFLOW,
	/** {@code PATCH /flows/{id}}: one segment selector per audience. */
	AUDIENCES,
	/** {@code GET} the profile union schema and the identity namespaces. */
	PROFILE_SCHEMA,
	/** {@code POST /conversion/schemas}: what can be mapped from. */
	INPUT_SCHEMA,
	/** {@code POST /conversion/schemas}: the destination's partner schema. */
	OUTPUT_SCHEMA,
	/** {@code POST /conversion/mappingSets}. */
	MAPPING_SET,
	/** {@code PATCH /flows/{id}}: the mapping set as profile mapping. */
	ATTACH_MAPPING,
	/** {@code PATCH /flows/{id}}: mandatory fields, only if requested. */
	MANDATORY_FIELDS,
	/** {@code PATCH /flows/{id}}: deduplication (primary) keys, only if requested. */
	DEDUPLICATION_KEYS

}
