package com.acme.aepexport.export;

/** A fragment of {@link Exports}: how a new export's rows are written. */
interface NewExports {

	/**
	 * Inserts a new export and its steps in the current transaction, without keeping them
	 * in the persistence context: the export is not managed afterwards.
	 */
	void insertNew(Export export);

}
