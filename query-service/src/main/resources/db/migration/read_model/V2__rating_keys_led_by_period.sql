-- Issue 7: the rating rows of one period are written together (a month's sheets, a replay's pages of them), so the
-- keys of the two dashboard-facing rating tables lead with the period: a month's inserts then land in one part of
-- each index (~200,000 entries for a province) instead of anywhere in an index holding every month of the year.
-- Every query of these indexes names both columns, or only the period (the province page's count per cell), so the
-- order of the columns changes no answer. rating's primary key keeps the member first: a member's page reads all
-- of that member's periods.
ALTER TABLE dash_rating DROP CONSTRAINT dash_rating_pkey;
ALTER TABLE dash_rating ADD PRIMARY KEY (period, member_id);
DROP INDEX dash_rating_cell;
CREATE INDEX dash_rating_period_cell ON dash_rating (period, cell_id);

DROP INDEX rating_cell_period;
CREATE INDEX rating_period_cell ON rating (period, cell_id);
-- read by no query (a member's ratings are read by member, a cell's and a committee's by cell and period)
DROP INDEX rating_year;
