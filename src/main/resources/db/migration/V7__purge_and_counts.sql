-- Tables that only grow: DELETED exports are purged after exports.retention.deleted, and the
-- aep.exports gauges read a count kept as exports change instead of counting the export table.

-- No export changes while the counts are set up: what is counted below is then exactly what the
-- triggers start from (an instance of the previous version waits here until this commits).
lock table export in share row exclusive mode;

-- The oldest update of a status is the first entry of its range (min() is one index look-up), and
-- the purge reads the DELETED exports past their retention in order. It covers what the index on
-- status alone served, which each status change had to keep up to date as well.
create index export_status_updated_at_idx on export (status, updated_at);
drop index export_status_idx;

-- Exports by status, changed by the triggers below in the statement (so the transaction) of each
-- insert, status change and delete, and so exactly as committed. One row per status would be
-- locked by every transaction that adds an export of that status until it commits, and make the
-- others wait: 16 rows per status, picked by the export's id, let 16 at a time go.
create table export_count (
    status  text     not null,
    shard   smallint not null,
    exports bigint   not null,
    primary key (status, shard)
);

-- The counter row an export's changes go to: the last byte of its (random) id, mod 16.
create function export_count_shard(id uuid) returns smallint
    language sql immutable parallel safe
    as $$ select (get_byte(uuid_send(id), 15) % 16)::smallint $$;

-- Each statement adds up its rows per (status, shard) and changes those counters in that order:
-- two statements lock counters in the same order, so they may wait for each other, never deadlock.
-- An update that changes no status adds +1 and -1 to the same counter and writes nothing.
create function export_count_changed() returns trigger
    language plpgsql
    as $$
begin
    if tg_op = 'INSERT' then
        insert into export_count (status, shard, exports)
        select status, export_count_shard(id), count(*) from new_exports
        group by 1, 2 order by 1, 2
        on conflict (status, shard) do update set exports = export_count.exports + excluded.exports;
    elsif tg_op = 'DELETE' then
        insert into export_count (status, shard, exports)
        select status, export_count_shard(id), -count(*) from old_exports
        group by 1, 2 order by 1, 2
        on conflict (status, shard) do update set exports = export_count.exports + excluded.exports;
    else
        insert into export_count (status, shard, exports)
        select status, shard, sum(delta) from (
            select status, export_count_shard(id) as shard, 1 as delta from new_exports
            union all
            select status, export_count_shard(id), -1 from old_exports) as changes
        group by 1, 2 having sum(delta) <> 0 order by 1, 2
        on conflict (status, shard) do update set exports = export_count.exports + excluded.exports;
    end if;
    return null;
end
$$;

create trigger export_count_inserted after insert on export
    referencing new table as new_exports
    for each statement execute function export_count_changed();

create trigger export_count_updated after update on export
    referencing old table as old_exports new table as new_exports
    for each statement execute function export_count_changed();

create trigger export_count_deleted after delete on export
    referencing old table as old_exports
    for each statement execute function export_count_changed();

create function export_count_truncated() returns trigger
    language plpgsql
    as $$
begin
    delete from export_count;
    return null;
end
$$;

create trigger export_count_truncated after truncate on export
    for each statement execute function export_count_truncated();

insert into export_count (status, shard, exports)
select status, export_count_shard(id), count(*) from export group by 1, 2;
