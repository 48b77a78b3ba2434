package com.acme.aepexport.export;

import java.time.Instant;

/**
 * One change of an export, as asked for by a {@code PATCH}.
 *
 * @param revision its number among the export's changes, from 1
 * @param spec the export as the change would have it
 * @param requestedBy the caller who asked for it
 * @param finishedAt when it was applied or failed
 * @param error why it failed
 * @param mappingSet the mapping set Data Prep made for it (a change of the mapping), once
 * made; {@code null} otherwise
 * @param replacedMappingSet the mapping set the dataflow used before, once the change was
 * applied: it stays in Adobe, unattached
 */
public record ChangeView(int revision, ExportSpec spec, ChangeStatus status, String requestedBy, Instant requestedAt,
		Instant finishedAt, ChangeError error, EntityRef mappingSet, EntityRef replacedMappingSet) {

}
