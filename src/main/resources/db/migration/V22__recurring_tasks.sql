-- The recurring tasks (the webhooks' sender, the runs' refresher, the queue's reconciler, the
-- purges) get a scheduler and a table of their own: on the exports' scheduler each of their
-- passes took one of the exports.workers.concurrency threads from the exports.
create table recurring_tasks (like scheduled_tasks including all);

insert into recurring_tasks
select * from scheduled_tasks where task_name not in ('run-export', 'tear-down-export', 'change-export');

delete from scheduled_tasks where task_name not in ('run-export', 'tear-down-export', 'change-export');
