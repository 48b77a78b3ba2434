package com.acme.aepexport.export;

import java.util.Optional;

/** How a worker takes an export to run it, or to tear it down. */
public interface Runs {

	/**
	 * A worker takes the export: {@code PENDING} (or {@code RUNNING} whose worker died,
	 * or resumed) → {@code RUNNING}, under a new claim.
	 * @param maxRuns runs begun after which the export is given up ({@code FAILED})
	 * rather than run again
	 * @return the run, or empty when the export has nothing to run (it finished
	 * meanwhile, or was given up now), or is gone (purged): a task still queued for it
	 * then ends instead of failing for ever
	 */
	Optional<ExportRun> start(ExportId id, int maxRuns);

	/**
	 * A worker takes the teardown of a {@code DELETING} export.
	 * @return the teardown, or empty when there is none to run (or the export is gone)
	 */
	Optional<TeardownRun> startTeardown(ExportId id, int maxRuns);

}
