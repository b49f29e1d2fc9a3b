-- A retry finds the next dead letter by reading the first letters of a projection's queue in the order they were last
-- touched, ten at a time (PagedClaimableLetters), and keeps the first its filter accepts. Without an index in that
-- order each page sorted the whole queue: a retry of 1,000 letters took 44 s, growing with the square of the queue;
-- with it, about 4 s (issue 7). The index by group alone is a prefix of it, and the planner took it to find a
-- sequence's first letter, which the unique key (group, sequence, index) finds at once.
CREATE INDEX dead_letter_entry_touched ON dead_letter_entry (processing_group, last_touched, dead_letter_id);
DROP INDEX dead_letter_entry_group;
