package com.acme.aepexport.export;

/**
 * Two changes of one export crossed: this one was computed from a state that is gone.
 */
public class ExportChangedMeanwhile extends IllegalExportTransition {

	public ExportChangedMeanwhile(ExportId id) {
		super("Export " + id + " was changed meanwhile; read it again and send the change again");
	}

}
