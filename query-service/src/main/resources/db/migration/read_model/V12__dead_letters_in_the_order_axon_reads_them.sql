-- Axon finds the next dead letter to retry by reading the first letter of the sequences of a projection's queue in
-- the order they were last touched, ten at a time (PagedClaimableLetters), and keeps the first its filter accepts.
-- Without an index in that order each page sorted the whole queue: a retry of 1,000 letters (DeadLetterController puts each letter's
-- sequence first in that order) took 44 s, growing with the square of the queue. With it, a look-up reads the first
-- few rows of the index (issue 7).
CREATE INDEX dead_letter_entry_touched ON dead_letter_entry (processing_group, last_touched);
