-- Each PATCH of an export is a change, stored before Adobe is asked and applied by a queued
-- task: a slow Adobe, a crash or a restart loses none, and changes to one export are applied
-- one after the other, in the order they were accepted. The rows are the export's history of
-- changes; the export's spec is what Adobe confirmed.
create table export_change (
    id                uuid        primary key,
    export_id         uuid        not null references export (id) on delete cascade,
    revision          integer     not null,
    spec              jsonb       not null,
    status            text        not null,
    requested_by      text        not null,
    requested_at      timestamptz not null,
    finished_at       timestamptz,
    error_http_status integer,
    error_adobe_code  text,
    error_message     text,
    error_retryable   boolean,
    unique (export_id, revision)
);

-- The reconciler looks for exports whose pending change has no task queued.
create index export_change_pending on export_change (export_id) where status = 'PENDING';
