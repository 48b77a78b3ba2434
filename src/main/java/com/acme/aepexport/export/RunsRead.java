package com.acme.aepexport.export;

import java.util.List;

/**
 * What one read of an export's runs found.
 *
 * @param latest the newest run of each audience that has one, in the export's audience
 * order
 * @param seen the runs the read saw, newest first (Adobe's newest page of them)
 * @param olderUnseen whether the dataflow has runs older than those seen: what happened
 * before the oldest seen is then unknown
 */
public record RunsRead(List<LatestRun> latest, List<SeenRun> seen, boolean olderUnseen) {

	public RunsRead {
		latest = List.copyOf(latest);
		seen = List.copyOf(seen);
	}

}
