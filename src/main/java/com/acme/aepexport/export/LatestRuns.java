package com.acme.aepexport.export;

import java.time.Instant;
import java.util.List;

/**
 * What an export's dataflow last ran, per audience, kept in PostgreSQL so that reading an
 * export never waits on Adobe.
 *
 * @param runs the newest run of each audience that has one, in the export's audience
 * order
 * @param asOf when Adobe was read
 */
public record LatestRuns(List<LatestRun> runs, Instant asOf) {

	public LatestRuns {
		runs = List.copyOf(runs);
	}

}
