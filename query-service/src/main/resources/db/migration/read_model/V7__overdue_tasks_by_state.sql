-- The province's overdue tasks counted from two small indexes instead of every task: the open tasks by deadline, and
-- the tasks done by the day they were done (overdue on a day only if done after it). After a province's year of a
-- task per member and month (2.4 million tasks) one scan of them all took 272-493 ms, paid by the next province page
-- after any task changed; 68-81 ms from these for the month in progress (issue 7). Their cost to the writes: ~20% more to
-- insert 2.4 million tasks in SQL (19 s against 23 s, A B B A), by estimate a few seconds of a year's 351 s replay.
CREATE INDEX dash_task_open_due ON dash_task (due_on) INCLUDE (cell_id) WHERE status = 'OPEN';
CREATE INDEX dash_task_done_on ON dash_task (completed_on) INCLUDE (cell_id, due_on) WHERE status = 'DONE';
