-- An import (POST /exports/imports) is a request accepted for an export like any other: its
-- history starts with it.
alter table export_history drop constraint export_history_kind_check;
alter table export_history add constraint export_history_kind_check check (kind in
    ('CREATED', 'IMPORTED', 'CHANGED', 'RESUMED', 'PAUSED', 'UNPAUSED', 'ACTIVATED', 'DELETED'));
