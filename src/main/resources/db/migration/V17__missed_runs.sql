-- Missed scheduled runs (issue 15, run.missed). The background read of an export's runs judges
-- each window of its audiences' schedules once its deadline (the window's close plus
-- exports.webhooks.missed-run-grace) has passed; these bound which windows it judges.
alter table run_snapshot
    -- when the schedules as they are reached Adobe's dataflow (the export succeeded, a change was
    -- applied): windows opening before are not judged; null for none yet
    add column watched_since        timestamptz,
    -- windows whose deadline is up to here have been judged
    add column missed_checked_until timestamptz;

-- Snapshots that exist already are watched from now on: nothing before is judged.
update run_snapshot set watched_since = now(), missed_checked_until = now();

-- Each scheduled run found missing, once: the key is the audience's window, so a window is told
-- once whichever instance reads it and however often it is read. Gone with the export.
create table missed_run (
    export_id    uuid        not null references export (id) on delete cascade,
    audience_id  text        not null,
    -- when the run was due: its schedule's time, or the start of its day (UTC) after segment evaluation
    window_opens timestamptz not null,
    -- the window's close plus the grace, when it was judged missing at the earliest
    deadline     timestamptz not null,
    flagged_at   timestamptz not null,
    primary key (export_id, audience_id, window_opens)
);
