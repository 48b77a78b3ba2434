-- An export's page in the console lists that export's newest deliveries: found by export, not by
-- reading every delivery of its owner's subscriptions.
create index webhook_delivery_export_idx on webhook_delivery (export_id, created_at desc);
