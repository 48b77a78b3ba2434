package com.acme.aepexport.export;

/**
 * What befell a step, as the worker that runs or tears down the export records it
 * ({@link ExportRun#record}, {@link TeardownRun#record}). The export refuses an event its
 * step cannot take, and names the step's state.
 */
public sealed interface StepEvent {

	StepName step();

	/** What a run records, while the export is {@code RUNNING}. */
	sealed interface InRun extends StepEvent {

	}

	/** What a teardown records, while the export is {@code DELETING}. */
	sealed interface InTeardown extends StepEvent {

	}

	record Started(StepName step) implements InRun {

	}

	/** What Adobe answered, committed before anything else happens. */
	record Succeeded(StepName step, EntityRef ref) implements InRun {

	}

	record Skipped(StepName step) implements InRun {

	}

	/** An attempt failed; the step will be tried again and stays {@code RUNNING}. */
	record AttemptFailed(StepName step, StepError error) implements InRun {

	}

	/**
	 * An attempt never reached Adobe, or Adobe throttled it ({@code 429}): it does not
	 * count among the step's attempts, and the step will be tried again.
	 */
	record Deferred(StepName step, StepError error) implements InRun {

	}

	record Failed(StepName step, StepError error) implements InRun {

	}

	record EntityDeleted(StepName step) implements InTeardown {

	}

	/** The entity stays in Adobe, for the reason given; the teardown goes on. */
	record EntityLeftBehind(StepName step, String why) implements InTeardown {

	}

}
