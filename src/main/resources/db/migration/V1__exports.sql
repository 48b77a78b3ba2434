-- Exports, their steps, and what is needed to resume them.

create table export (
    id                uuid        primary key,
    -- the caller who started it (the token's subject); only they, or an admin, see it
    owner             text        not null,
    name              text        not null,
    sandbox           text        not null,
    destination_type  text        not null,
    status            text        not null,
    -- the accepted request with its defaults resolved, without credentials
    spec              jsonb       not null,
    created_at        timestamptz not null,
    updated_at        timestamptz not null,
    error_step        text,
    error_http_status integer,
    error_adobe_code  text,
    error_message     text,
    error_retryable   boolean,
    version           bigint      not null
);

create index export_created_at_idx on export (created_at desc, id desc);
create index export_owner_created_at_idx on export (owner, created_at desc, id desc);
create index export_status_idx on export (status);

create table export_step (
    id                uuid        primary key,
    export_id         uuid        not null references export (id) on delete cascade,
    name              text        not null,
    status            text        not null,
    -- what Adobe answered: Flow Service entities have an etag, Data Prep ones a version
    entity_id         text,
    etag              text,
    entity_version    integer,
    attempts          integer     not null default 0,
    started_at        timestamptz,
    completed_at      timestamptz,
    error_step        text,
    error_http_status integer,
    error_adobe_code  text,
    error_message     text,
    error_retryable   boolean,
    unique (export_id, name)
);

-- Destination credentials, AES-256-GCM encrypted; a row lives until the base connection exists.
create table export_credential (
    export_id  uuid        primary key references export (id) on delete cascade,
    key_id     text        not null,
    ciphertext bytea       not null,
    created_at timestamptz not null
);

-- db-scheduler's table (its PostgreSQL schema): the queue workers claim exports from.
create table scheduled_tasks (
    task_name            text                     not null,
    task_instance        text                     not null,
    task_data            bytea,
    execution_time       timestamp with time zone not null,
    picked               boolean                  not null,
    picked_by            text,
    last_success         timestamp with time zone,
    last_failure         timestamp with time zone,
    consecutive_failures integer,
    last_heartbeat       timestamp with time zone,
    version              bigint                   not null,
    priority             smallint,
    primary key (task_name, task_instance)
);

create index execution_time_idx on scheduled_tasks (execution_time);
create index last_heartbeat_idx on scheduled_tasks (last_heartbeat);
create index priority_execution_time_idx on scheduled_tasks (priority desc, execution_time asc);
