package com.acme.aepexport.export;

import java.time.Instant;

import com.acme.aepexport.export.ExportSpec.Schedule;

/**
 * A scheduled run of one audience of an export did not appear: no run of the audience was
 * created from its window's opening until the grace after its close. Published, once per
 * audience and window across every instance, inside the transaction that records the read
 * of Adobe's runs that found it missing, to listeners that run in it (the webhook
 * outbox).
 *
 * @param export the export, as it is now
 * @param audienceId the audience whose run is missing
 * @param schedule the audience's schedule the window comes from
 * @param windowOpens when the run was due: its schedule's time, or the start of its day
 * (UTC) for a schedule that runs after segment evaluation
 * @param windowCloses the latest the schedule lets it start: the same time, or the end of
 * that day
 * @param deadline {@code windowCloses} and the grace: when it was found missing
 * @param previousRun the audience's newest run created before the window, among those the
 * read found; {@code null} when there is none
 */
public record RunMissed(ExportView export, String audienceId, Schedule schedule, Instant windowOpens,
		Instant windowCloses, Instant deadline, SeenRun previousRun) {

}
