-- Webhooks (issue 15): callers' subscriptions, and an outbox of the events each is to receive.

create table webhook_subscription (
    id                uuid        primary key,
    -- the caller who subscribed; they receive the events of their own exports
    owner             text        not null,
    url               text        not null,
    -- export.succeeded, export.failed, export.deleted
    events            text[]      not null,
    description       text,
    -- the signing secret (whsec_…), AES-256-GCM under exports.credentials.encryption-key with the
    -- subscription's id as associated data; never stored in the clear
    secret_key_id     text        not null,
    secret_ciphertext bytea       not null,
    created_at        timestamptz not null
);

create index webhook_subscription_owner_idx on webhook_subscription (owner, created_at);

-- One row per event and subscription, inserted in the transaction that changed the export's
-- status: the outbox, and the delivery's state. No reference to export: a purged export's
-- deliveries stay as they were sent.
create table webhook_delivery (
    id              uuid        primary key,
    subscription_id uuid        not null references webhook_subscription (id) on delete cascade,
    -- webhook-id: msg_ and a UUID, the same on every attempt (receivers deduplicate on it), the
    -- same for every subscription the event goes to
    event_id        text        not null,
    event_type      text        not null,
    export_id       uuid        not null,
    -- the exact body sent and signed, the same bytes on every attempt
    payload         text        not null,
    -- PENDING, DELIVERED or DEAD
    status          text        not null,
    attempts        integer     not null default 0,
    created_at      timestamptz not null,
    -- a redelivery asked for: the age limit counts from here
    requeued_at     timestamptz,
    -- when the next attempt is due; while one is in flight, when its lease ends
    next_attempt_at timestamptz,
    -- the instance sending it now; its outcome is recorded only while the lease is its own
    lease           uuid,
    delivered_at    timestamptz,
    unique (subscription_id, event_id)
);

-- The poller's look-up: due attempts, oldest first.
create index webhook_delivery_due_idx on webhook_delivery (next_attempt_at) where status = 'PENDING';
create index webhook_delivery_subscription_idx on webhook_delivery (subscription_id, created_at desc);

-- Every attempt of a delivery, as GET /webhooks/{id}/deliveries shows it.
create table webhook_attempt (
    delivery_id  uuid        not null references webhook_delivery (id) on delete cascade,
    attempt      integer     not null,
    at           timestamptz not null,
    -- the receiver's HTTP status, null when none came (timeout, refused address, …)
    status_code  integer,
    error        text,
    duration_ms  integer     not null,
    primary key (delivery_id, attempt)
);
