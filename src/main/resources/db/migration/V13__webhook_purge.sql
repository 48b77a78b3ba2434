-- The purge of ended deliveries reads them oldest first without scanning the pending ones.
create index webhook_delivery_ended_idx on webhook_delivery (created_at) where status <> 'PENDING';
