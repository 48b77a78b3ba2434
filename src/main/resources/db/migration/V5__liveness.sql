-- Runs begun since the export was accepted, resumed or asked to tear down: bounded
-- (exports.workers.max-runs), so that an export whose runs always end without a word is
-- given up instead of run for ever.
alter table export add column runs integer not null default 0;


-- The queue now takes teardowns and resumes first (db-scheduler's priorities, highest first):
-- tasks queued before had none, which PostgreSQL would sort before every other.
update scheduled_tasks set priority = 50 where priority is null;

-- Which credentials key made an idempotency key's fingerprint, so that a retry compares with
-- the same key after a rotation (null: before this column, the key then current).
alter table idempotency_key add column fingerprint_key_id text;

-- One value sealed by each credentials key under its id: at start, a key configured under an
-- id it never had (a typo, a key replaced in place) cannot open it, and the service refuses to
-- start instead of failing on every stored credential.
create table encryption_canary (
    key_id     text        primary key,
    ciphertext bytea       not null,
    created_at timestamptz not null
);
