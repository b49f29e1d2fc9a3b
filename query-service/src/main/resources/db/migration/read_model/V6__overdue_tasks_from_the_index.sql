-- A unit's overdue tasks are counted cell by cell from this index alone: whether a task done was done after the day
-- asked (completed_on) is now in the index too, so no task's row is read. A committee's page read every task of
-- the province before (a hash join over the whole table: 174 ms p50 with six months of a task per member and month;
-- 3.5 ms from the index, issue 7).
DROP INDEX dash_task_cell;
CREATE INDEX dash_task_cell ON dash_task (cell_id, status, due_on) INCLUDE (completed_on);
