package com.acme.aepexport.workflow;

import java.util.Set;

import com.acme.aepexport.export.ExportId;
import com.acme.aepexport.export.ExportSpec;

/**
 * What an export names the entities it creates in Adobe:
 * {@code <export name, made safe>_<what>_<export id>}, e.g.
 * {@code Churn-weekly-EU_base-connection_7d0c6f5e-…}. Unique to the export and step, so
 * that a create whose answer was lost can be recognised, and made only of letters,
 * digits, {@code -} and {@code _}, which every Adobe filter takes literally. The caller's
 * name itself, whatever it holds ({@code "Churn, weekly (EU)"}), goes into the
 * description, for people.
 */
final class EntityNames {

	/** Enough of the export's name to recognise it in Adobe's UI. */
	private static final int MAX_READABLE = 60;

	private EntityNames() {
	}

	/**
	 * @param what the entity, e.g. {@code base connection}
	 */
	static String of(ExportSpec spec, ExportId exportId, String what) {
		return readable(spec.name()) + "_" + what.replace(' ', '-') + "_" + exportId;
	}

	/**
	 * What a change of the export names an entity it makes (a new mapping set):
	 * {@code <the step's name>_change-<revision>}, unique to the change, so that a create
	 * whose answer was lost is found again, and never mistaken for the step's own.
	 */
	static String ofChange(ExportSpec spec, ExportId exportId, String what, int revision) {
		return of(spec, exportId, what) + "_change-" + revision;
	}

	/** Today's name, and the one exports accepted before this scheme gave. */
	static Set<String> toFind(ExportSpec spec, ExportId exportId, String what) {
		return Set.of(of(spec, exportId, what), spec.name() + " - " + what + " [" + exportId + "]");
	}

	static String description(ExportSpec spec, ExportId exportId, String what) {
		return spec.name() + ": " + what + ", created by aep-export-facade for export " + exportId;
	}

	/**
	 * The name with every run of other characters than ASCII letters and digits as '-'.
	 */
	private static String readable(String name) {
		String readable = name.replaceAll("[^A-Za-z0-9]+", "-").replaceAll("^-+|-+$", "");
		if (readable.length() > MAX_READABLE) {
			readable = readable.substring(0, MAX_READABLE).replaceAll("-+$", "");
		}
		return readable.isEmpty() ? "export" : readable;
	}

}
