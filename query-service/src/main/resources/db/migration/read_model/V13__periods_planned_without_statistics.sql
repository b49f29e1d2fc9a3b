-- Issue 7: the period being rated is always the one the statistics do not know, and it is the one read most. A cell's
-- ratings page of a period (WHERE period = ? AND cell_id = ?) is read while the period's sheets come in, and rating's
-- statistics were gathered before the period had a row: autovacuum analyses a table after a tenth of it has changed,
-- and a province's month of ratings (200,000 rows) is less than a tenth of a year's. The planner counted one row for
-- the new period, found the key (period, member_id) as cheap as rating_period_cell (period, cell_id), took the key and
-- filtered every rating of the period by cell: 275 ms a page and 58 s of PostgreSQL's time in a minute of a province's
-- sheets (pg_stat_statements in the bench of issue 7), against 0.5 ms through rating_period_cell.
-- Without statistics of the column the planner takes any one period for a small share of the table (0.5%), never for
-- one row, so the index that also names the cell is the cheaper one whatever has been analysed. Every query of rating
-- names the period with a member or a cell, or names no period; none compares periods as a range. A replay builds its
-- tables with the same statistics targets (ReadModelBeside).
ALTER TABLE rating ALTER COLUMN period SET STATISTICS 0;
-- The statistics gathered before go with them: a change of a column's type drops its statistics. To the same type the
-- table is not rewritten and the indexes keep their files (they are made again in the catalogue), under an exclusive
-- lock of the table for that moment. PostgreSQL 17 has no other way to drop them short of a superuser's.
ALTER TABLE rating ALTER COLUMN period TYPE VARCHAR(10);
