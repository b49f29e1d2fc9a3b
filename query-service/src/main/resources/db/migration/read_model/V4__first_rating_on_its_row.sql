-- Issue 7: a member's rating history was a second row for every rating (its first version: who gave it, when,
-- what), beside the rating's own row. Two hundred thousand ratings a month made it the second largest cost of a
-- replay at province scale (44 s of 273 s of statement time for a year's log), for rows that repeated the rating
-- row. The first version now lives on the rating's own row (rated_*), and the second table keeps only what
-- happened afterwards: the revisions. A member's page reads the history as the two together, ordered by the
-- member's event sequence, exactly as before.
ALTER TABLE rating
    ADD COLUMN rated_seq    BIGINT,
    ADD COLUMN rated_rating VARCHAR(20),
    ADD COLUMN rated_score  INT,
    ADD COLUMN rated_by     VARCHAR(64),
    ADD COLUMN rated_at     TIMESTAMPTZ;

UPDATE rating r
SET rated_seq = h.seq, rated_rating = h.rating, rated_score = h.score, rated_by = h.actor, rated_at = h.recorded_at
FROM rating_history h
WHERE h.member_id = r.member_id AND h.period = r.period AND h.change = 'RATED';

-- every rating row had its RATED row, written by the same event in the same transaction
ALTER TABLE rating
    ALTER COLUMN rated_seq SET NOT NULL,
    ALTER COLUMN rated_rating SET NOT NULL,
    ALTER COLUMN rated_at SET NOT NULL;

-- only the RATED rows now held on their rating's row go; any other would be a history the rules never wrote (a
-- member rated twice for one period, a rating without its row): stop rather than lose it or show it as a revision
DELETE FROM rating_history h USING rating r
WHERE h.change = 'RATED' AND r.member_id = h.member_id AND r.period = h.period AND r.rated_seq = h.seq;
DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM rating_history WHERE change <> 'REVISED') THEN
        RAISE EXCEPTION 'read_model.rating_history holds first ratings without their rating row, or two for one period: rebuild the read models from the log (an empty read_model schema) instead of migrating them';
    END IF;
END $$;
ALTER TABLE rating_history RENAME TO rating_revision;
ALTER TABLE rating_revision RENAME CONSTRAINT rating_history_pkey TO rating_revision_pkey;
ALTER TABLE rating_revision DROP COLUMN change;
