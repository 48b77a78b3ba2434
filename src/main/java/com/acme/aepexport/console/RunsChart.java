package com.acme.aepexport.console;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import com.acme.aepexport.export.RunState;
import com.acme.aepexport.workflow.DataflowRun;

/**
 * The data of the runs chart: one stack per run, oldest first, of the records it
 * activated, failed and skipped; a run that failed (or was cancelled) is marked, and says
 * so in its label, not by colour alone. A run not started yet counts nothing.
 *
 * @param labels each run's queue time (UTC), with its state when it did not succeed
 * @param marked whether each run failed or was cancelled
 */
record RunsChart(List<String> labels, List<Long> activated, List<Long> failed, List<Long> skipped,
		List<Boolean> marked) {

	static RunsChart of(List<DataflowRun> newestFirst) {
		List<DataflowRun> runs = new ArrayList<>(newestFirst);
		// Adobe lists newest first; a chart over time reads from the left.
		runs.sort(Comparator.comparing(DataflowRun::createdAt, Comparator.nullsFirst(Comparator.naturalOrder())));
		List<String> labels = new ArrayList<>();
		List<Long> activated = new ArrayList<>();
		List<Long> failed = new ArrayList<>();
		List<Long> skipped = new ArrayList<>();
		List<Boolean> marked = new ArrayList<>();
		for (DataflowRun run : runs) {
			boolean bad = run.state() == RunState.FAILED || run.state() == RunState.CANCELLED;
			String label = Format.INSTANCE.clock(run.createdAt());
			labels.add((run.state() == RunState.SUCCEEDED) ? label : label + " " + run.state());
			DataflowRun.Records records = run.records();
			activated.add(count((records != null) ? records.activated() : null));
			failed.add(count((records != null) ? records.failed() : null));
			skipped.add(count((records != null) ? records.skipped() : null));
			marked.add(bad);
		}
		return new RunsChart(labels, activated, failed, skipped, marked);
	}

	/** Runs that failed or were cancelled. */
	public long markedCount() {
		return this.marked.stream().filter(Boolean::booleanValue).count();
	}

	public int size() {
		return this.labels.size();
	}

	private static long count(Long count) {
		return (count != null) ? count : 0;
	}

}
