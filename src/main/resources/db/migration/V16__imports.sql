-- Exports adopted from a dataflow built elsewhere (POST /exports/imports): stored SUCCEEDED with
-- the ids and etags Adobe holds, never run by a worker, no credentials.
alter table export add column imported boolean not null default false;

-- One export per Adobe dataflow, whoever made it: an import of a flow an export already has (one
-- this service created, or imported before) is refused, and two imports of one flow at once
-- cannot both be stored. A flow the teardown deleted frees its id (Adobe never gives it again).
create unique index export_step_one_export_per_dataflow on export_step (entity_id)
    where name = 'DATAFLOW' and entity_id is not null and deleted_at is null;
