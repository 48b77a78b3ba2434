package com.acme.aepexport.export;

import java.util.Optional;

/**
 * A change accepted for an export.
 *
 * @param export the export as it stands, its version counting the change
 * @param change the change, to be applied; empty when the export already is as asked
 */
public record RequestedChange(ExportView export, Optional<ChangeView> change) {

}
