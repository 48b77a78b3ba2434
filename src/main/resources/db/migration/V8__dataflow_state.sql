-- The dataflow's state as the service last set or found it in Adobe (POST /exports/{id}/pause,
-- /unpause): null until then, which the export shows as ENABLED once the dataflow exists (Adobe
-- creates flows enabled). Status reads never ask Adobe.
alter table export add column dataflow_state text check (dataflow_state in ('ENABLED', 'DISABLED'));
alter table export add column dataflow_state_changed_at timestamptz;
