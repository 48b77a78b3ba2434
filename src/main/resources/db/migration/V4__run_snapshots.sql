-- The newest dataflow run per audience of each SUCCEEDED export, read from Adobe in the
-- background, so that GET /exports/{id} answers from here and never waits on Adobe.
create table run_snapshot (
    export_id     uuid        primary key references export (id) on delete cascade,
    -- [{audienceId, runId, status, state, createdAt, startedAt, completedAt, activated, failed}];
    -- null until Adobe was first read
    latest        jsonb,
    -- when Adobe was last read
    as_of         timestamptz,
    -- when the refresher reads Adobe for it next
    refresh_after timestamptz not null,
    -- when a read was last asked for (the export succeeded, its audiences changed): a read
    -- that started before it does not answer it, and the export is read again at once
    read_requested_at timestamptz,
    -- reads that failed in a row, and the last one's error: the next read backs off
    failures      integer     not null default 0,
    last_error    text
);

create index run_snapshot_refresh_after_idx on run_snapshot (refresh_after);

-- Exports that succeeded before this table existed are read as soon as the service is up.
insert into run_snapshot (export_id, refresh_after, read_requested_at, failures)
select id, now(), now(), 0 from export where status = 'SUCCEEDED';

-- Teardown: why an entity was left in Adobe (its delete is not documented, or was refused
-- as not allowed); null when it was deleted or is still to be.
alter table export_step add column left_behind text;
