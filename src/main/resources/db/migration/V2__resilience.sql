-- Durable exports: one worker at a time per export, and idempotent POST /exports.

-- The claim of the worker running the export; a worker presumed dead finds it changed and stops.
alter table export add column claim uuid;

-- An Idempotency-Key (each caller has their own), the HMAC of the request it came with, and the
-- export it made.
create table idempotency_key (
    owner       text        not null,
    key         text        not null,
    fingerprint text        not null,
    -- deferred: the key is claimed before the export it names is stored, in one transaction
    export_id   uuid        not null references export (id) on delete cascade deferrable initially deferred,
    created_at  timestamptz not null,
    primary key (owner, key)
);

create index idempotency_key_created_at_idx on idempotency_key (created_at);
