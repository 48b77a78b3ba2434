-- Runs begun since the export was accepted, resumed or asked to tear down: bounded
-- (exports.workers.max-runs), so that an export whose runs always end without a word is
-- given up instead of run for ever.
alter table export add column runs integer not null default 0;


-- The queue now takes teardowns and resumes first (db-scheduler's priorities, highest first):
-- tasks queued before had none, which PostgreSQL would sort before every other.
update scheduled_tasks set priority = 50 where priority is null;
