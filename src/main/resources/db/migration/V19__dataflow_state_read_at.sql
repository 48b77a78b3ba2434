-- When the read of Adobe's dataflow that the stored dataflow_state comes from started. A pause or
-- unpause no longer holds a lock (and a database connection) across its calls to Adobe; instead
-- each reads the flow after its own write, and only a read that started later than the one
-- stored replaces it, so the state stored is that of the last read, which follows every write
-- (docs/resilience.md, the invariants).
alter table export add column dataflow_state_read_at timestamptz;
