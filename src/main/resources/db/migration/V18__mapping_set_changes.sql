-- A change of the mapping makes a new mapping set in Data Prep, named after the change, then
-- points the dataflow at it. Each ask is counted before it is sent, so that a later attempt
-- knows one may have reached Adobe without its answer and looks for it by name instead of
-- making a second; the answer is kept as soon as it arrives. Data Prep documents no delete of
-- mapping sets: the one a change replaces stays in Adobe, unattached, and is noted here.
alter table export_change
    add column mapping_set_attempts        integer not null default 0,
    add column mapping_set_id              text,
    add column mapping_set_version         integer,
    add column replaced_mapping_set_id     text,
    add column replaced_mapping_set_version integer;
