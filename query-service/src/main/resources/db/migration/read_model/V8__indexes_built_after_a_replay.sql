-- Indexes that a replay builds once at its end instead of keeping them up to date row by row. Each one is a
-- secondary index that no projection reads while writing: the statements of a replay find their rows by primary key.
-- When a replay has emptied the tables (Replays), each index here is dropped and its CREATE statement is kept in
-- `definition`. When the log has been applied, the index is built again from the sorted table, and `definition` is
-- set back to NULL. A year's log inserts 2.4 million tasks and 2.6 million ratings, with random keys in these
-- indexes (issue 7). A replay cut short (the service stopped or died) leaves the definitions here. The callback
-- beforeMigrate.sql builds those indexes at the next start, before any migration can need them.
-- A migration that renames or drops one of these indexes updates its row here too (DeferredIndexesTest checks that
-- each name is a non-unique index of read_model).
CREATE TABLE rebuild_deferred_index (
    index_name VARCHAR(63) PRIMARY KEY,
    definition TEXT
);

-- dash_task_cell stays: a committee's compliance page counts each cell's tasks with it. Without it that page took
-- 2.5-16 s during a year's replay, and the replay was no faster with pages being read (issue 7).
INSERT INTO rebuild_deferred_index (index_name) VALUES
    ('task_cell_status'), ('task_member'), ('notebook_result_member'), ('rating_period_cell'),
    ('dash_task_open_due'), ('dash_task_done_on');
