-- The dashboard and the org-units projection queued every dead letter under one sequence, 'all'; they now queue a
-- letter under its record's id (Axon's sequence per aggregate), as the other projections do. A letter left under
-- 'all' would no longer hold its record's later events back: they would be applied before it, and its retry would
-- then apply it over them (a task's completion before its assignment, a transfer before the enrolment). Each such
-- letter moves to its record's sequence, keeping its place in the queue; a letter of no record keeps a sequence of
-- its own (its event's id), as Axon gives such an event.
UPDATE dead_letter_entry
   SET sequence_identifier = coalesce(aggregate_identifier, event_identifier)
 WHERE processing_group IN ('dashboard', 'org-units') AND sequence_identifier = 'all';
