package com.acme.aepexport.export;

/** An export's newest change waiting to be applied, with the export as it stands. */
public record PendingChange(ExportView export, ChangeView change) {

}
