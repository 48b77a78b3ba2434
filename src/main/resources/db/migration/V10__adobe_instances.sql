-- The instances that call Adobe for an org, each seen within the last few seconds: the org's
-- ceiling of calls in flight (adobe.concurrency.org-max) is shared among the live ones. A row
-- whose instance stopped seeing itself is removed by the next instance that looks.
create table adobe_instance (
    instance_id text        primary key,
    org_id      text        not null,
    seen_at     timestamptz not null
);

create index adobe_instance_org_idx on adobe_instance (org_id, seen_at);
