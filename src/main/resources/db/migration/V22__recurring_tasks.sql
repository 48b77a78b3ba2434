-- The recurring tasks (the webhooks' sender, the runs' refresher, the queue's reconciler, the
-- purges) get a scheduler and a table of their own: on the exports' scheduler each of their
-- passes took one of the exports.workers.concurrency threads from the exports. A row an old pod
-- has picked moves picked; its heartbeats go to the old table, so a new pod takes it over once it
-- looks dead (15 s), perhaps while the old pod still runs it (docs/operations.md, Upgrades).
create table recurring_tasks (like scheduled_tasks including all);

insert into recurring_tasks
select * from scheduled_tasks where task_name not in ('run-export', 'tear-down-export', 'change-export');

delete from scheduled_tasks where task_name not in ('run-export', 'tear-down-export', 'change-export');
