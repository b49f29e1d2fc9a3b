-- A meeting's last_seq is its version for If-Match, and a vote now moves it (MeetingProjection). Meetings projected
-- before kept a vote's sequence number only in the vote's own row: they take it here, once, so the meeting page reads
-- its version from the meeting's row alone.
UPDATE meeting m SET last_seq = v.seq
  FROM (SELECT meeting_id, max(seq) AS seq FROM meeting_vote GROUP BY meeting_id) v
 WHERE v.meeting_id = m.id AND v.seq > m.last_seq;
