-- The dashboard and the org-units projection queued every dead letter under one sequence, 'all'; they now queue a
-- letter under its record's id (Axon's sequence per aggregate), as the other projections do. A letter left under
-- 'all' would no longer hold its record's later events back: they would be applied before it, and its retry would
-- then apply it over them (a task's completion before its assignment, a transfer before the enrolment). Each such
-- letter moves to its record's sequence, keeping its place in the queue; a letter of no record keeps a sequence of
-- its own (its event's id), as Axon gives such an event.
-- The moved letters take indexes below zero, in their order: no letter a record may already have (queued by an
-- instance on the new code before this ran) can clash with them, and they stay ahead of it.
UPDATE dead_letter_entry d
   SET sequence_identifier = coalesce(d.aggregate_identifier, d.event_identifier),
       sequence_index = d.sequence_index - o.above
  FROM (SELECT processing_group, max(sequence_index) + 1 AS above FROM dead_letter_entry
         WHERE processing_group IN ('dashboard', 'org-units') AND sequence_identifier = 'all'
         GROUP BY processing_group) o
 WHERE d.processing_group = o.processing_group AND d.sequence_identifier = 'all';
