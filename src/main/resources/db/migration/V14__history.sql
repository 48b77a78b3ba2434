-- An export's history (GET /exports/{id}/history): one row per request accepted for it (created,
-- changed, resumed, paused, unpaused, activated, deleted), inserted in the transaction of the
-- state change it records. Append-only: a row's outcome (with when it ended, why it failed and
-- the Adobe calls it made) is set once, when the work it started ends; nothing else of it ever
-- changes, and it is deleted only with its export (the purge of DELETED exports, by cascade).
create table export_history (
    -- the order entries were written in: the history is read newest first, and paged, by it
    seq               bigint      generated always as identity primary key,
    id                uuid        not null unique,
    export_id         uuid        not null references export (id) on delete cascade,
    kind              text        not null check (kind in
                          ('CREATED', 'CHANGED', 'RESUMED', 'PAUSED', 'UNPAUSED', 'ACTIVATED', 'DELETED')),
    -- the caller's subject
    requested_by      text        not null,
    requested_at      timestamptz not null,
    -- the body the caller sent, secrets left out (credentials, the PGP key); null for none
    request           jsonb,
    outcome           text        not null check (outcome in ('ACCEPTED', 'APPLIED', 'REFUSED', 'FAILED')),
    finished_at       timestamptz,
    error_step        text,
    error_http_status integer,
    error_adobe_code  text,
    error_message     text,
    error_retryable   boolean,
    -- [{kind, step, entityId, etagBefore, etag, version, audienceId, reason}], as recorded
    adobe_calls       jsonb       not null default '[]',
    -- the change (export_change.revision) a CHANGED entry asked for
    change_revision   integer,
    -- the job (activation.id) an ACTIVATED entry started
    activation_id     uuid
);

create index export_history_export_idx on export_history (export_id, seq desc);

-- Holds the rows to append-only, whatever writes them: an update may only set the outcome of an
-- entry still ACCEPTED (with what goes with it), and a row goes only once its export is gone.
create function export_history_append_only() returns trigger
    language plpgsql
    as $$
begin
    if tg_op = 'DELETE' then
        if exists (select 1 from export where id = old.export_id) then
            raise exception 'export_history is append-only: entry % of export % cannot be deleted while the export exists',
                old.id, old.export_id;
        end if;
        return old;
    end if;
    if old.outcome <> 'ACCEPTED' then
        raise exception 'export_history is append-only: entry % has its outcome %, which is final', old.id, old.outcome;
    end if;
    if (new.seq, new.id, new.export_id, new.kind, new.requested_by, new.requested_at, new.request,
            new.change_revision, new.activation_id)
            is distinct from (old.seq, old.id, old.export_id, old.kind, old.requested_by, old.requested_at,
            old.request, old.change_revision, old.activation_id) then
        raise exception 'export_history is append-only: only the outcome of entry % may be set', old.id;
    end if;
    return new;
end
$$;

create trigger export_history_append_only before update or delete on export_history
    for each row execute function export_history_append_only();
