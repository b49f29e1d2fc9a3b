-- A rating's key now leads with its period, as dash_rating's does since V2, and a member's ratings are found through
-- an index of their own, which a replay builds at its end (V8). A replay writes a month's ratings together: led by
-- the member, each went anywhere in a key of the whole year (2.6 million ratings, most of the index's pages read
-- from the OS in a year's replay, issue 7); led by the period, they go into the part of the key that holds their
-- month. The queries find a member's ratings by rating_member (a member's page), a cell's for a period by
-- rating_period_cell, and one rating by this key.
ALTER TABLE rating DROP CONSTRAINT rating_pkey;
ALTER TABLE rating ADD PRIMARY KEY (period, member_id);
CREATE INDEX rating_member ON rating (member_id, period);
INSERT INTO rebuild_deferred_index (index_name) VALUES ('rating_member');
