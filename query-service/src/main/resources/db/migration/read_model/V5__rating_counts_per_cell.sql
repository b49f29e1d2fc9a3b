-- Issue 7: the dashboards counted a cell's ratings from one dash_rating row per member and period, through an
-- index on (period, cell_id) that every rating wrote an entry into: two hundred thousand entries a month for a
-- province, read again by every recompute of a cell's month and, at province scope, by the ratings page (a
-- GROUP BY over the whole period). The counts now live on one row per period and cell, added to once per batch
-- of events; dash_rating keeps only what a revision needs, the cell a member's rating is counted in.
CREATE TABLE dash_rating_count (
    period        VARCHAR(10) NOT NULL,
    cell_id       UUID        NOT NULL,
    excellent     INT         NOT NULL DEFAULT 0,
    good          INT         NOT NULL DEFAULT 0,
    completed     INT         NOT NULL DEFAULT 0,
    not_completed INT         NOT NULL DEFAULT 0,
    PRIMARY KEY (period, cell_id)
);
ALTER TABLE dash_rating_count SET (fillfactor = 70);

INSERT INTO dash_rating_count (period, cell_id, excellent, good, completed, not_completed)
SELECT period, cell_id,
       count(*) FILTER (WHERE rating = 'EXCELLENT'), count(*) FILTER (WHERE rating = 'GOOD'),
       count(*) FILTER (WHERE rating = 'COMPLETED'), count(*) FILTER (WHERE rating = 'NOT_COMPLETED')
FROM dash_rating
GROUP BY period, cell_id;

DROP INDEX dash_rating_period_cell;
-- read by no query: the period's code says its kind and year
ALTER TABLE dash_rating DROP COLUMN kind, DROP COLUMN year;

-- A revision used to recompute the month of the cell its event names, which a transfer recorded later with an
-- earlier date can make another cell than the one that gave the rating: that cell's month kept the old level. Each
-- month's row now takes its counts from the table above, as every recompute will.
UPDATE cell_month c
   SET (ratings_submitted, excellent, good, completed, not_completed) = (n.total, n.excellent, n.good, n.completed, n.not_completed)
  FROM (SELECT m.cell_id, m.month, coalesce(r.excellent + r.good + r.completed + r.not_completed, 0) AS total,
               coalesce(r.excellent, 0) AS excellent, coalesce(r.good, 0) AS good, coalesce(r.completed, 0) AS completed,
               coalesce(r.not_completed, 0) AS not_completed
          FROM cell_month m
          LEFT JOIN dash_rating_count r ON r.period = to_char(m.month, 'YYYY-MM') AND r.cell_id = m.cell_id) n
 WHERE c.cell_id = n.cell_id AND c.month = n.month
   AND (c.ratings_submitted, c.excellent, c.good, c.completed, c.not_completed)
       IS DISTINCT FROM (n.total, n.excellent, n.good, n.completed, n.not_completed);
