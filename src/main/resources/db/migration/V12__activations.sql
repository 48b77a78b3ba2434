-- Ad hoc activation jobs ("export now", POST /exports/{id}/activations), stored before Adobe is
-- called and updated with its answer. Adobe allows one job per audience at a time: a job's
-- audiences count as busy while its runs go on, and at most until in_progress_until
-- (exports.activations.in-progress-for), which bounds a job whose answer was lost or whose runs
-- cannot be seen. The row is written in its own transaction under an advisory lock per export,
-- so two requests for one audience cannot both pass the check.
create table activation (
    id                uuid        primary key,
    export_id         uuid        not null references export (id) on delete cascade,
    audience_ids      jsonb       not null,
    requested_by      text        not null,
    requested_at      timestamptz not null,
    -- SENDING: the call is in flight; STARTED: Adobe answered with the runs; REFUSED: Adobe said
    -- no, nothing started; UNKNOWN: no usable answer, the job may have started
    status            text        not null check (status in ('SENDING', 'STARTED', 'REFUSED', 'UNKNOWN')),
    in_progress_until timestamptz not null,
    answered_at       timestamptz,
    -- Adobe's answer, one element per audience: {audienceId, orderId, runId, statusUrl}
    runs              jsonb,
    adobe_status      integer,
    error             text
);

create index activation_export_idx on activation (export_id, requested_at desc);
