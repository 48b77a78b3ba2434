-- Teardown: when each step's Adobe entity was deleted (DELETE /exports/{id} is resumable).
alter table export_step add column deleted_at timestamptz;
