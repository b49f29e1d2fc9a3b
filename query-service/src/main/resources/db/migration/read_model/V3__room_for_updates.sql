-- Issue 7: rows that are updated after they are written (a meeting's members when its attendance comes, a meeting
-- and its dashboard row at each step of its month, a cell's month at every change) leave room in their pages, so
-- PostgreSQL can put the new version beside the old one (a HOT update) and add nothing to the indexes. Full pages
-- made a quarter of these updates HOT, and every other one wrote a new entry into each of the table's indexes.
ALTER TABLE meeting_member SET (fillfactor = 50);
ALTER TABLE meeting SET (fillfactor = 50);
ALTER TABLE dash_meeting SET (fillfactor = 50);
ALTER TABLE cell_month SET (fillfactor = 50);
ALTER TABLE minutes_version SET (fillfactor = 70);
